using Runner.Analytics.Events;
using Runner.Analytics.Reports;
using Runner.Catalog.Contracts;
using Runner.Kernel.Data;
using Runner.Kernel.Outbox;
using Runner.Store.Contracts;

namespace Runner.Analytics.Funnels;

/// <summary>
/// Handles <see cref="FunnelFacts.EventsReceived"/>: the batch's sessions are created or found, the steps they reached
/// are marked (each counted once per session, in the quarter it was first seen), and what happened to products and
/// collections is counted in the quarter it happened. A browser's <c>purchase</c> only marks the step: units and revenue
/// come from the orders (<see cref="CountPlacedOrder"/>). The products of variant-only cart events and the collections
/// of every product are looked up once for the batch.
/// </summary>
internal sealed class CountStorefrontEvents(RunnerDbContext db, IStoreQueries store, IVariantDirectory variants, IProductDirectory products)
    : IOutboxHandler
{
    public async Task HandleAsync(OutboxEnvelope message, CancellationToken ct)
    {
        var batch = message.Read<FunnelBatch>();
        var tally = new FunnelTally();
        var own = await OwnHosts.OfAsync(store, ct);
        var starts = batch.Visits.Select(v => new SessionStart(v.Id, StoreCalendar.QuarterOf(v.FirstAt),
            TrafficSource.Of(v.UtmSource, v.UtmMedium, v.ReferrerHost, own), v.Device, batch.CustomerId)).ToList();
        await FunnelSessions.OpenAsync(db, batch.ChannelId, starts, tally, ct);
        foreach (var step in FunnelSessions.Steps)
            await FunnelSessions.ReachAsync(db, batch.ChannelId, step, [.. batch.Visits.Where(v => v.Steps.HasFlag(step)).Select(v => v.Id)], tally, ct);
        await CountItemsAsync(batch.Items, tally, ct);
        await tally.SaveAsync(db, ct);
    }

    private async Task CountItemsAsync(IReadOnlyList<FunnelItem> items, FunnelTally tally, CancellationToken ct)
    {
        if (items.Count == 0) return;
        var byVariant = items.Where(i => i.ProductId is null && i.VariantId is not null).Select(i => new VariantId(i.VariantId!.Value)).ToHashSet();
        var productOf = byVariant.Count == 0 ? new Dictionary<VariantId, VariantInfo>() : await variants.FindAsync(byVariant, ct);
        Guid? ProductOf(FunnelItem i) => i.ProductId ?? (i.VariantId is { } v && productOf.TryGetValue(new VariantId(v), out var info) ? info.ProductId.Value : null);

        var ids = items.Select(ProductOf).OfType<Guid>().Select(p => new ProductId(p)).ToHashSet();
        var collections = await products.FindAsync(ids, ct);
        IEnumerable<Guid> CollectionsOf(Guid product) =>
            collections.TryGetValue(new ProductId(product), out var p) ? p.Collections.Select(c => c.Value) : [];

        foreach (var item in items)
        {
            if (item.Type == EventTypes.CollectionView)
            {
                if (item.CollectionId is { } collection)
                    tally.Add(FunnelDimensions.Collection, FunnelTally.Key(collection), item.Quarter, FunnelCounter.CollectionViews, item.Count);
                continue;
            }
            // A cart event naming a variant the catalog no longer knows cannot be put on a product; it still marked the step.
            if (ProductOf(item) is not { } product) continue;
            var counter = item.Type == EventTypes.AddToCart ? FunnelCounter.Adds : FunnelCounter.Views;
            tally.AddProduct(product, CollectionsOf(product), item.Quarter, counter, item.Count);
        }
    }
}
