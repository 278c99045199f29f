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
    public Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        var directory = Path.GetFullPath(o.PickupDirectory);
        Directory.CreateDirectory(directory);
        var mime = Mime.Build(message, o);
        var now = clock.GetUtcNow();
        mime.Date = now;
        var name = $"{now:yyyyMMdd'T'HHmmssfff}-{Guid.CreateVersion7(now):N}.eml";
        // Written aside, on disk, then renamed: a reader of the folder sees a whole message or none, even after a crash.
        var temp = Path.Combine(directory, name + ".tmp");
        try
        {
            // Plain blocking writes: a message is a few kilobytes on a local disk, and the flush to disk blocks anyway;
            // asynchronous file writes would only move each write to another pool thread.
            using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 16384))
            {
                mime.WriteTo(file, cancellationToken);
                file.Flush(flushToDisk: true);
            }
            File.Move(temp, Path.Combine(directory, name));
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
        return Task.CompletedTask;
    }
}
