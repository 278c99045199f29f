using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Runner.Kernel.Email;
using Runner.Kernel.Outbox;
using Runner.Orders.Contracts;
using Runner.Orders.Emails;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Orders;

/// <summary>
/// The order confirmation is written from the <c>order.placed</c> event (the order as placed, not read back); a
/// message recorded before the event carried the lines' titles still gets its email, from the stored order.
/// </summary>
public class ConfirmationEmailTests(RunnerApp app) : IClassFixture<RunnerApp>
{
    /// <summary>The host's own mailbox (the pickup folder), remembering what this one handler sent through it.</summary>
    private sealed class Capture(IEmailSender mailbox) : IEmailSender
    {
        public List<EmailMessage> Sent { get; } = [];

        public Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
        {
            Sent.Add(message);
            return mailbox.SendAsync(message, cancellationToken);
        }
    }

    [Fact]
    public async Task TheEmail_IsWrittenFromTheEvent_WithTheLinesAndTotals()
    {
        var (placed, message) = await PlaceAsync();
        // A name only the event carries: the email must come from the event, not from the stored order.
        var payload = JsonNode.Parse(message.Payload)!;
        payload["name"] = "#EVENT";
        var mail = await HandleAsync(message, payload);

        Assert.Equal($"Order #EVENT confirmed", mail.Subject);
        Assert.Contains("Thank you for your order #EVENT.", mail.TextBody);
        Assert.Contains("  2 × Test product / Default  ", mail.TextBody);
        Assert.Contains("Total: ", mail.TextBody);
        Assert.Contains($"/orders/{placed.Id}?token=", mail.TextBody);
        // And it went out through the mailbox.
        Assert.Contains(Directory.GetFiles(app.MailDirectory, "*.eml").Select(File.ReadAllText),
            m => m.Contains("Subject: Order #EVENT confirmed", StringComparison.Ordinal) && m.Contains(placed.Id.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnEventWithoutTitles_ReadsTheStoredOrder()
    {
        var (placed, message) = await PlaceAsync();
        var payload = JsonNode.Parse(message.Payload)!;
        payload["name"] = "#EVENT";
        foreach (var line in payload["lines"]!.AsArray())
        {
            line!.AsObject().Remove("productTitle");
            line.AsObject().Remove("variantTitle");
        }
        var mail = await HandleAsync(message, payload);

        Assert.Equal($"Order {placed.Name} confirmed", mail.Subject);
        Assert.Contains("  2 × Test product / Default  ", mail.TextBody);
    }

    private async Task<(PlacedOrder Placed, OutboxMessage Message)> PlaceAsync()
    {
        var stock = await OrderData.StockAsync(app.Admin(), 5);
        var placed = await OrderData.PlaceAsync(app, stock, 2, 1250);
        var id = placed.Id.Value.ToString();
        var messages = await app.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking().Where(m => m.Type == OrderEvents.Placed).ToListAsync());
        return (placed, messages.Single(m => m.Payload.Contains(id, StringComparison.OrdinalIgnoreCase)));
    }

    private async Task<EmailMessage> HandleAsync(OutboxMessage message, JsonNode payload)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var capture = new Capture(scope.ServiceProvider.GetRequiredService<IEmailSender>());
        var handler = ActivatorUtilities.CreateInstance<OrderConfirmationEmail>(scope.ServiceProvider, capture);
        await handler.HandleAsync(new OutboxEnvelope(message.Id, message.Type, payload.ToJsonString(), message.Actor, message.OccurredAt, 1),
            CancellationToken.None);
        return Assert.Single(capture.Sent);
    }
}
