using MimeKit;

namespace Runner.Kernel.Email;

public sealed record EmailMessage(string To, string Subject, string TextBody, string? HtmlBody = null, string? From = null);

/// <summary>Sends email: SMTP when configured, else a pickup folder of .eml files for development.</summary>
public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default);
}

public sealed class EmailOptions
{
    /// <summary>Default sender, e.g. <c>Runner Store &lt;shop@example.com&gt;</c>.</summary>
    public string From { get; set; } = "Runner <no-reply@localhost>";
    /// <summary>Where the development mailbox writes .eml files when no SMTP host is configured.</summary>
    public string PickupDirectory { get; set; } = "./mail";
    public SmtpOptions Smtp { get; set; } = new();
}

public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public string? Username { get; set; }
    public string? Password { get; set; }
    /// <summary><c>auto</c> (STARTTLS when offered), <c>tls</c> (implicit TLS), <c>starttls</c>, or <c>none</c>.</summary>
    public string Security { get; set; } = "auto";
}

internal static class Mime
{
    public static MimeMessage Build(EmailMessage message, EmailOptions options)
    {
        var mime = new MimeMessage();
        mime.From.Add(MailboxAddress.Parse(message.From ?? options.From));
        mime.To.Add(MailboxAddress.Parse(message.To));
        mime.Subject = message.Subject;
        var body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody };
        mime.Body = body.ToMessageBody();
        return mime;
    }
}
