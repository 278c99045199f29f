using System.Text;
using Runner.Kernel;
using Runner.Kernel.Email;
using Runner.Kernel.Outbox;
using Runner.Orders.Contracts;
using Runner.Orders.Orders;
using Runner.Orders.Storefront;
using Runner.Store.Contracts;

namespace Runner.Orders.Emails;

/// <summary>
/// The order confirmation (on <c>order.placed</c>), with the signed link that opens the order without an account. It is
/// written from the event, which carries the order as placed (nothing to read back); a message recorded before the
/// event carried the lines' titles reads the order instead.
/// </summary>
internal sealed class OrderConfirmationEmail(OrderReader reader, OrderLinks links, IStoreQueries store, IEmailSender email) : IOutboxSideEffectHandler
{
    public async Task HandleAsync(OutboxEnvelope message, CancellationToken cancellationToken)
    {
        var placed = message.Read<OrderPlacedEvent>();
        var order = placed.Lines.All(l => l.ProductTitle is not null) ? Placed.Of(placed)
            : await reader.GetWithLinesAsync(placed.OrderId, cancellationToken) is { } stored ? Placed.Of(stored) : null;
        if (order is null) return;
        var settings = await store.GetSettingsAsync(cancellationToken);
        var text = new StringBuilder();
        text.AppendLine($"Thank you for your order {order.Name}.").AppendLine();
        foreach (var line in order.Lines)
            text.AppendLine($"  {line.Quantity} × {line.ProductTitle}{(string.IsNullOrEmpty(line.VariantTitle) ? "" : " / " + line.VariantTitle)}  {line.Total}");
        text.AppendLine().AppendLine($"Subtotal: {order.Subtotal}").AppendLine($"Shipping: {order.ShippingTotal}")
            .AppendLine($"Tax: {order.TaxTotal}").AppendLine($"Total: {order.Total}").AppendLine()
            .AppendLine($"See your order at any time: {await links.UrlAsync(order.Id, cancellationToken)}").AppendLine()
            .AppendLine(settings.Name);
        await email.SendAsync(new EmailMessage(order.Email, $"Order {order.Name} confirmed", text.ToString()), cancellationToken);
    }

    /// <summary>What the confirmation shows of an order.</summary>
    private sealed record Placed(OrderId Id, string Name, string Email, IReadOnlyList<(long Quantity, string ProductTitle, string? VariantTitle, Money Total)> Lines,
        Money Subtotal, Money ShippingTotal, Money TaxTotal, Money Total)
    {
        public static Placed Of(OrderPlacedEvent e) => new(e.OrderId, e.Name, e.Email,
            [.. e.Lines.Select(l => (l.Quantity, l.ProductTitle!, l.VariantTitle, l.Total))], e.Subtotal, e.ShippingTotal, e.TaxTotal, e.Total);

        public static Placed Of(OrderView o) => new(o.Id, o.Name, o.Email,
            [.. o.Lines.Select(l => (l.Quantity, l.ProductTitle, (string?)l.VariantTitle, l.Total))], o.Subtotal, o.ShippingTotal, o.TaxTotal, o.Total);
    }
}

/// <summary>The shipping confirmation (on <c>order.fulfilled</c>): what left, with the carrier and tracking.</summary>
internal sealed class ShippingConfirmationEmail(OrderReader reader, OrderLinks links, IStoreQueries store, IEmailSender email) : IOutboxSideEffectHandler
{
    public async Task HandleAsync(OutboxEnvelope message, CancellationToken cancellationToken)
    {
        var shipped = message.Read<OrderFulfilledEvent>();
        if (await reader.GetWithLinesAsync(shipped.OrderId, cancellationToken) is not { } order) return;
        var settings = await store.GetSettingsAsync(cancellationToken);
        var lines = order.Lines.ToDictionary(l => l.Id);
        var text = new StringBuilder();
        text.AppendLine($"Good news: items of your order {order.Name} are on their way.").AppendLine();
        foreach (var line in shipped.Lines)
            if (lines.TryGetValue(line.LineId, out var l)) text.AppendLine($"  {line.Quantity} × {l.ProductTitle}");
        text.AppendLine();
        if (shipped.Carrier is { } carrier) text.AppendLine($"Carrier: {carrier}");
        if (shipped.TrackingNumber is { } tracking) text.AppendLine($"Tracking number: {tracking}");
        if (shipped.TrackingUrl is { } url) text.AppendLine($"Track it: {url}");
        text.AppendLine().AppendLine($"Your order: {await links.UrlAsync(order.Id, cancellationToken)}").AppendLine().AppendLine(settings.Name);
        await email.SendAsync(new EmailMessage(order.Email, $"Order {order.Name} shipped", text.ToString()), cancellationToken);
    }
}
