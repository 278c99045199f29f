using System.Collections.Concurrent;
using MailKit.Net.Smtp;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using Runner.Kernel.Email;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Kernel;

internal static class Mail
{
    public const string Text = "Bonjour Ada,\n\nVotre commande n° 1001 est partie.\n.\nA line that starts with a dot:\n.signature";
    public const string Html = "<p>Bonjour <b>Ada</b>,</p>\n<p>Votre commande n° 1001 est partie.</p>";

    public static EmailMessage Sample(string subject) =>
        new("Ada Lovelace <ada@example.com>", subject, Text, Html);

    public static string Lf(string? s) => (s ?? "").Replace("\r\n", "\n").TrimEnd('\n');

    public static void AssertIsSample(MimeMessage mime, string subject, string fromName, string fromAddress)
    {
        var from = Assert.IsType<MailboxAddress>(Assert.Single(mime.From));
        Assert.Equal((fromName, fromAddress), (from.Name, from.Address));
        var to = Assert.IsType<MailboxAddress>(Assert.Single(mime.To));
        Assert.Equal(("Ada Lovelace", "ada@example.com"), (to.Name, to.Address));
        Assert.Equal(subject, mime.Subject);
        Assert.Equal(Text, Lf(mime.TextBody));
        Assert.Equal(Html, Lf(mime.HtmlBody));
        Assert.False(string.IsNullOrEmpty(mime.MessageId));
    }
}

/// <summary>With no SMTP host configured, the host writes mail to its pickup folder.</summary>
public class PickupEmailTests(PickupEmailTests.MailApp app) : IClassFixture<PickupEmailTests.MailApp>
{
    public sealed class MailApp : RunnerApp
    {
        public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 25, 9, 30, 15, 250, TimeSpan.Zero));
        protected override FakeTimeProvider? Clock => Time;
    }

    private static string NewFolder() => Path.Combine(Path.GetTempPath(), "runner-tests", "pickup-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Host_WithoutAnSmtpHost_WritesACompleteEmlToItsPickupFolder()
    {
        var sender = app.Services.GetRequiredService<IEmailSender>();
        Assert.IsType<PickupDirectoryEmailSender>(sender);
        const string subject = "Votre commande n° 1001 — merci !";

        await sender.SendAsync(Mail.Sample(subject));

        var file = Assert.Single(Directory.GetFiles(app.MailDirectory));
        Assert.EndsWith(".eml", file);
        Assert.StartsWith("20261125T093015250-", Path.GetFileName(file));
        var mime = await MimeMessage.LoadAsync(file);
        Mail.AssertIsSample(mime, subject, "Runner", "no-reply@localhost");
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 9, 30, 15, TimeSpan.Zero), mime.Date); // the Date header counts whole seconds
    }

    [Fact]
    public async Task PickupSender_NeverShowsAPartialEml_WhileWriting()
    {
        var folder = NewFolder();
        var sender = new PickupDirectoryEmailSender(Options.Create(new EmailOptions { PickupDirectory = folder }), app.Time);
        var html = "<p>" + string.Concat(Enumerable.Repeat("Long line of the catalogue. ", 150_000)) + "</p>";
        var seen = new ConcurrentBag<int>();
        using var done = new CancellationTokenSource();
        var reader = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                if (Directory.Exists(folder))
                {
                    foreach (var eml in Directory.GetFiles(folder, "*.eml"))
                        seen.Add((await MimeMessage.LoadAsync(eml)).HtmlBody?.Length ?? -1);
                }
                await Task.Yield();
            }
        });
        try
        {
            await sender.SendAsync(Mail.Sample("Big") with { HtmlBody = html });
            await done.CancelAsync();
            await reader;

            Assert.All(seen, length => Assert.Equal(html.Length, length));
            var file = Assert.Single(Directory.GetFiles(folder));
            Assert.Equal(html, (await MimeMessage.LoadAsync(file)).HtmlBody);
        }
        finally { Directory.Delete(folder, true); }
    }

    [Fact]
    public async Task PickupSender_ThatFailsMidWay_LeavesNoFileBehind()
    {
        var folder = NewFolder();
        var sender = new PickupDirectoryEmailSender(Options.Create(new EmailOptions { PickupDirectory = folder }), app.Time);
        try
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(
                () => sender.SendAsync(Mail.Sample("Cancelled"), new CancellationToken(canceled: true)));

            Assert.Empty(Directory.GetFiles(folder));
        }
        finally { Directory.Delete(folder, true); }
    }
}

/// <summary>With an SMTP host configured, the host sends through it: here a real SMTP conversation over loopback.</summary>
public class SmtpEmailTests(SmtpEmailTests.SmtpApp app) : IClassFixture<SmtpEmailTests.SmtpApp>
{
    public sealed class SmtpApp : RunnerApp
    {
        public SmtpTestServer Smtp { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Runner:Email:From", "Runner Store <shop@example.com>");
            builder.UseSetting("Runner:Email:Smtp:Host", "127.0.0.1");
            builder.UseSetting("Runner:Email:Smtp:Port", Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Runner:Email:Smtp:Security", "none");
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (disposing) Smtp.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private SmtpReceived ReceivedWith(string subject) => Assert.Single(app.Smtp.Received, r => r.Message.Subject == subject);

    [Fact]
    public async Task Host_WithAnSmtpHost_DeliversThroughAnSmtpConversation()
    {
        var sender = app.Services.GetRequiredService<IEmailSender>();
        Assert.IsType<SmtpEmailSender>(sender);
        const string subject = "Votre commande n° 1001 — merci !";

        await sender.SendAsync(Mail.Sample(subject));

        var received = ReceivedWith(subject);
        Assert.Equal("shop@example.com", received.MailFrom);
        Assert.Equal(["ada@example.com"], received.Recipients);
        Assert.Equal(["EHLO", "MAIL", "RCPT", "DATA"], received.Commands);
        Assert.Null(received.Login);
        Mail.AssertIsSample(received.Message, subject, "Runner Store", "shop@example.com");
    }

    [Fact]
    public async Task SmtpSender_WithAUser_AuthenticatesBeforeSending()
    {
        var sender = new SmtpEmailSender(Options.Create(new EmailOptions
        {
            Smtp = new SmtpOptions { Host = "127.0.0.1", Port = app.Smtp.Port, Security = "none", Username = "runner", Password = "s3cret" },
        }));

        await sender.SendAsync(Mail.Sample("Authenticated"));

        var received = ReceivedWith("Authenticated");
        Assert.Equal(("runner", "s3cret"), received.Login);
        Assert.Equal(["EHLO", "AUTH", "MAIL", "RCPT", "DATA"], received.Commands);
        Assert.Equal("no-reply@localhost", received.MailFrom);
    }

    [Fact]
    public async Task SmtpSender_WhenTheServerRefusesTheRecipient_Throws_SoTheOutboxRetries()
    {
        var sender = app.Services.GetRequiredService<IEmailSender>();

        var error = await Assert.ThrowsAsync<SmtpCommandException>(
            () => sender.SendAsync(new EmailMessage("nobody@example.com", "Refused", "Hello")));

        Assert.Equal(SmtpStatusCode.MailboxUnavailable, error.StatusCode);
        Assert.DoesNotContain(app.Smtp.Received, r => r.Message.Subject == "Refused");
    }
}
