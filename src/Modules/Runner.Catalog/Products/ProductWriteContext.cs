using Microsoft.EntityFrameworkCore;
using Runner.Catalog.Contracts;
using Runner.Kernel.Data;
using Runner.Store.Contracts;

namespace Runner.Catalog.Products;

/// <summary>
/// What one unit of work of product writes (a DI scope: an admin request, or a batch of an import) reads once and
/// reuses: the store's settings, its default channel, which channels are live, and who holds the SKUs and handles
/// it has looked up, overlaid with the ones its own products took. So a batch asks the database a few questions
/// in all rather than several per product, and two products of one batch clash exactly as two requests would.
/// The database's unique indexes stay the last word against writers in other units of work.
/// </summary>
internal sealed class ProductWriteContext(RunnerDbContext db, IStoreQueries store)
{
    /// <summary>Candidates looked up at a time once a handle's stem is taken (stem-2, stem-3, …).</summary>
    public const int HandleWindow = 32;

    private readonly Dictionary<ChannelId, bool> _channels = [];
    private StoreSettingsView? _settings;
    private ChannelId? _defaultChannel;

    public NameLedger Skus { get; } = new();
    public NameLedger Handles { get; } = new();

    public async ValueTask<StoreSettingsView> SettingsAsync(CancellationToken ct) => _settings ??= await store.GetSettingsAsync(ct);

    public async ValueTask<ChannelId> DefaultChannelAsync(CancellationToken ct) =>
        _defaultChannel ??= (await store.GetDefaultChannelAsync(ct)).Id;

    /// <summary>The live channels among <paramref name="ids"/>, asking the database only about ones not yet seen.</summary>
    public async ValueTask<IReadOnlySet<ChannelId>> LiveChannelsAsync(IReadOnlyCollection<ChannelId> ids, CancellationToken ct)
    {
        var unknown = ids.Where(id => !_channels.ContainsKey(id)).Distinct().ToList();
        if (unknown.Count > 0)
        {
            var found = (await store.FindChannelsAsync(unknown, ct)).Select(c => c.Id).ToHashSet();
            foreach (var id in unknown) _channels[id] = found.Contains(id);
        }
        return ids.Where(id => _channels[id]).ToHashSet();
    }

    /// <summary>Looks up, in one query, who holds the live SKUs among <paramref name="skus"/> not yet known.</summary>
    public async Task LookUpSkusAsync(IEnumerable<string> skus, CancellationToken ct)
    {
        var unknown = Skus.Unknown(skus).ToList();
        if (unknown.Count == 0) return;
        var held = await db.Set<Variant>().AsNoTracking().Where(v => EF.Parameter(unknown).Contains(v.Sku) && v.ArchivedAt == null)
            .Select(v => new { v.Sku, v.ProductId }).ToListAsync(ct);
        Skus.Learn(unknown, held.Select(h => (h.Sku, h.ProductId)));
    }

    /// <summary>Looks up, in one query, which of <paramref name="handles"/> not yet known a product holds.</summary>
    public async Task LookUpHandlesAsync(IEnumerable<string> handles, CancellationToken ct)
    {
        var unknown = Handles.Unknown(handles).ToList();
        if (unknown.Count == 0) return;
        var held = await db.Set<Product>().AsNoTracking().Where(p => EF.Parameter(unknown).Contains(p.Handle))
            .Select(p => new { p.Handle, p.Id }).ToListAsync(ct);
        Handles.Learn(unknown, held.Select(h => (h.Handle, h.Id)));
    }

    /// <summary>
    /// The handle a new product derives from <paramref name="stem"/>: the stem if free, else the first free of
    /// stem-2, stem-3, … (looked up <see cref="HandleWindow"/> at a time).
    /// </summary>
    public async Task<string> FreeHandleAsync(string stem, ProductId self, CancellationToken ct)
    {
        await LookUpHandlesAsync([stem], ct);
        if (!Handles.IsHeldByAnother(stem, self)) return stem;
        for (var n = 2; ; n++)
        {
            var candidate = Kernel.Text.Handles.WithSuffix(stem, n);
            if (!Handles.IsKnown(candidate))
                await LookUpHandlesAsync(Enumerable.Range(n, HandleWindow).Select(k => Kernel.Text.Handles.WithSuffix(stem, k)), ct);
            if (!Handles.IsHeldByAnother(candidate, self)) return candidate;
        }
    }

    /// <summary>
    /// Reads up front what a batch of new products will be checked against: settings, the default channel, the
    /// channels named, the SKUs, the handles asked for and those derived from titles (with as many numbered ones
    /// as the batch repeats a title, and a window more where the plain one is taken).
    /// </summary>
    public async Task PrepareAsync(IReadOnlyList<CreateProductRequest> batch, CancellationToken ct)
    {
        await SettingsAsync(ct);
        await LiveChannelsAsync([await DefaultChannelAsync(ct), .. batch.SelectMany(r => r.Channels ?? [])], ct);
        await LookUpSkusAsync(batch.SelectMany(r => r.Variants ?? []).Select(v => v.Sku).Where(s => s is not null), ct);
        var stems = batch.Where(r => r.Handle is null).Select(r => StemOf(r.Title)).GroupBy(s => s, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        await LookUpHandlesAsync(batch.Select(r => r.Handle).OfType<string>()
            .Concat(stems.SelectMany(s => Numbered(s.Key, 1, s.Value))), ct);
        await LookUpHandlesAsync(stems.Where(s => Handles.IsHeld(s.Key))
            .SelectMany(s => Numbered(s.Key, s.Value + 1, HandleWindow)), ct);
    }

    /// <summary>The stem of a title's handle ("product" when the title has no letters or digits).</summary>
    public static string StemOf(string? title) => Kernel.Text.Handles.From(title ?? "") is { Length: > 0 } stem ? stem : "product";

    /// <summary>Forgets everything read, so the next unit of work in this scope reads afresh (after a save).</summary>
    public void Reset()
    {
        _settings = null;
        _defaultChannel = null;
        _channels.Clear();
        Skus.Clear();
        Handles.Clear();
    }

    /// <summary>stem (n = 1), stem-2 … for <paramref name="count"/> values of n from <paramref name="from"/>.</summary>
    private static IEnumerable<string> Numbered(string stem, int from, int count) =>
        Enumerable.Range(from, count).Select(n => n == 1 ? stem : Kernel.Text.Handles.WithSuffix(stem, n));
}
