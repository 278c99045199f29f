using Runner.Host.Web.Api;
namespace Runner.Host.Web.Dashboard;

/// <summary>Names for the ids other answers carry (stock levels and orders name variants by id only).</summary>
public static class Catalog
{
    /// <summary>How many ids or SKUs <c>GET /admin/variants</c> takes in one call.</summary>
    public const int LookupBatch = 100;

    /// <summary>The variants with these ids, archived ones included (unknown ids, or a caller without catalog:read: left out).</summary>
    public static async Task<IReadOnlyDictionary<Guid, VariantSummary>> VariantsAsync(AdminApi api, IEnumerable<Guid> ids)
    {
        var calls = ids.Distinct().Chunk(LookupBatch).Select(batch => api.GetAsync<VariantList>("/admin/variants?ids=" + string.Join(',', batch)));
        var found = new Dictionary<Guid, VariantSummary>();
        foreach (var answer in await Task.WhenAll(calls))
            foreach (var variant in answer.Value?.Items ?? []) found[variant.Id] = variant;
        return found;
    }

    /// <summary>"Product — variant (SKU)" by variant id, for these ids.</summary>
    public static async Task<IReadOnlyDictionary<Guid, string>> VariantNamesAsync(AdminApi api, IEnumerable<Guid> ids) =>
        (await VariantsAsync(api, ids)).ToDictionary(x => x.Key, x => Name(x.Value));

    /// <summary>
    /// The live variant that holds a SKU typed by a person (exactly, less surrounding spaces: SKUs are case-sensitive),
    /// or the problem to show: the API's, or <c>web.unknown_sku</c>.
    /// </summary>
    public static async Task<(VariantSummary? Variant, ApiProblem? Problem)> VariantBySkuAsync(AdminApi api, string sku)
    {
        sku = sku.Trim();
        var unknown = new ApiProblem(400, "SKU", $"No variant has the SKU '{sku}'.", "web.unknown_sku", null);
        if (sku.Length == 0) return (null, unknown);
        var answer = await api.GetAsync<VariantList>("/admin/variants?sku=" + Uri.EscapeDataString(sku));
        if (answer.Problem is { } problem) return (null, problem);
        // The API takes a comma-separated list: a SKU holding a comma would be asked as several.
        return answer.Value?.Items.FirstOrDefault(v => v.Sku == sku) is { } variant
            ? (variant, null)
            : (null, unknown);
    }

    public static string Name(AdminProduct p, AdminVariant v) => Name(p.Title, v.Title, v.Sku);

    public static string Name(VariantSummary v) => Name(v.ProductTitle, v.Title, v.Sku);

    private static string Name(string product, string variant, string sku) =>
        variant is "Default" or "Default Title" or "" ? $"{product} ({sku})" : $"{product} — {variant} ({sku})";
}
