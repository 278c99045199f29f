using Microsoft.EntityFrameworkCore;
using Runner.Catalog.Contracts;
using Runner.Inventory.Contracts;
using Runner.Inventory.Locations;
using Runner.Kernel.Data;
using Runner.Kernel.Email;
using Runner.Kernel.Outbox;
using Runner.Store.Contracts;

namespace Runner.Inventory.LowStock;

/// <summary>Tells the store's contact address that a level fell to its low-stock threshold (when the store has one).</summary>
internal sealed class LowStockEmail(RunnerDbContext db, IStoreQueries store, IVariantDirectory variants, IEmailSender email) : IOutboxSideEffectHandler
{
    public async Task HandleAsync(OutboxEnvelope message, CancellationToken cancellationToken)
    {
        var low = message.Read<LowStockReached>();
        var settings = await store.GetSettingsAsync(cancellationToken);
        if (settings.ContactEmail is not { } to) return;
        var variant = (await variants.FindAsync([low.VariantId], cancellationToken)).GetValueOrDefault(low.VariantId);
        var location = await db.Set<Location>().AsNoTracking().Where(l => l.Id == low.LocationId).Select(l => l.Name)
            .FirstOrDefaultAsync(cancellationToken) ?? low.LocationId.ToString();
        var what = variant is null ? $"Variant {low.VariantId}"
            : $"{variant.ProductTitle}{(string.IsNullOrEmpty(variant.VariantTitle) ? "" : " / " + variant.VariantTitle)} (SKU {variant.Sku})";
        await email.SendAsync(new EmailMessage(
            to,
            $"Low stock: {variant?.Sku ?? low.VariantId.ToString()} at {location}",
            $"""
            {what} is running low at {location}.

            Available now: {low.Available} unit(s); the low-stock threshold is {low.Threshold}.

            The stock ledger in the admin shows what changed.

            {settings.Name}
            """), cancellationToken);
    }
}
