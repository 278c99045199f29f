using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;

namespace Runner.Kernel.Email;

/// <summary>Sends through an SMTP server with MailKit.</summary>
internal sealed class SmtpEmailSender(IOptions<EmailOptions> options) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        var smtp = o.Smtp;
        var mime = Mime.Build(message, o);
        using var client = new SmtpClient();
        var security = smtp.Security.ToLowerInvariant() switch
        {
            "tls" => SecureSocketOptions.SslOnConnect,
            "starttls" => SecureSocketOptions.StartTls,
            "none" => SecureSocketOptions.None,
            _ => SecureSocketOptions.Auto,
        };
        await client.ConnectAsync(smtp.Host ?? throw new InvalidOperationException("Runner:Email:Smtp:Host is not set."), smtp.Port, security, cancellationToken);
        if (!string.IsNullOrEmpty(smtp.Username))
            await client.AuthenticateAsync(smtp.Username, smtp.Password ?? "", cancellationToken);
        await client.SendAsync(mime, cancellationToken);
        await client.DisconnectAsync(true, cancellationToken);
    }
}

/// <summary>The development mailbox: writes each message as an .eml file that any mail client opens.</summary>
internal sealed class PickupDirectoryEmailSender(IOptions<EmailOptions> options, TimeProvider clock) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        var directory = Path.GetFullPath(o.PickupDirectory);
        Directory.CreateDirectory(directory);
        var mime = Mime.Build(message, o);
        mime.Date = clock.GetUtcNow();
        var name = $"{clock.GetUtcNow():yyyyMMdd'T'HHmmssfff}-{Guid.CreateVersion7():N}.eml";
        var temp = Path.Combine(directory, name + ".tmp");
        await mime.WriteToAsync(temp, cancellationToken);
        File.Move(temp, Path.Combine(directory, name));
    }
}
