using System.Text;
using Runner.Kernel.Email;
using Runner.Kernel.Outbox;
using Runner.Orders.Contracts;
using Runner.Orders.Orders;
using Runner.Orders.Storefront;
using Runner.Store.Contracts;

namespace Runner.Orders.Emails;

/// <summary>The order confirmation (on <c>order.placed</c>), with the signed link that opens the order without an account.</summary>
internal sealed class OrderConfirmationEmail(OrderReader reader, OrderLinks links, IStoreQueries store, IEmailSender email) : IOutboxSideEffectHandler
{
    public async Task HandleAsync(OutboxEnvelope message, CancellationToken cancellationToken)
    {
        var placed = message.Read<OrderPlacedEvent>();
        if (await reader.GetWithLinesAsync(placed.OrderId, cancellationToken) is not { } order) return;
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
