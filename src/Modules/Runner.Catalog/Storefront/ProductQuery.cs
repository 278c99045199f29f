using System.Data.Common;
using System.Text;
using Runner.Catalog.Contracts;
using Runner.Catalog.Search;
using Runner.Kernel.Data;
using Runner.Kernel.Paging;
using Runner.Kernel.Results;
using Runner.Store.Contracts;

namespace Runner.Catalog.Storefront;

public enum ProductSort { Title, TitleDesc, Price, PriceDesc, Newest, Relevance, Collection }

/// <summary>The filters of a product list, shared by the storefront and the admin lists.</summary>
internal sealed record ProductFilter
{
    public ChannelId? Channel { get; init; }
    public IReadOnlyList<ProductStatus> Statuses { get; init; } = [ProductStatus.Active];
    /// <summary>A collection and its descendants; the first is the one asked for (whose manual order applies).</summary>
    public IReadOnlyList<CollectionId> Collections { get; init; } = [];
    public string? Tag { get; init; }
    public string? Type { get; init; }
    public string? Vendor { get; init; }
    public long? MinPrice { get; init; }
    public long? MaxPrice { get; init; }
    public bool? InStock { get; init; }
    public string? Query { get; init; }
    public ProductSort Sort { get; init; } = ProductSort.Newest;
    public int Limit { get; init; } = Kernel.Paging.Cursor.DefaultLimit;
    public string? Cursor { get; init; }
}

internal sealed record ProductRow(ProductId Id, long Version);

/// <summary>
/// The product list in one SQL statement per page, written by hand so that each filter is an indexed join or EXISTS
/// and each order is a keyset over an index (deep pages cost what the first does). Search ranks with SQLite FTS5
/// (bm25) or PostgreSQL full-text search (ts_rank_cd over a GIN-indexed tsvector). Returns ids and versions; the
/// documents come from <see cref="ProductDocuments"/>.
/// </summary>
internal sealed class ProductQuery(RunnerDbContext db, IStockAvailability stock)
{
    public async Task<(IReadOnlyList<ProductRow> Rows, string? NextCursor)> RunAsync(ProductFilter f, CancellationToken ct)
    {
        var provider = db.Provider();
        var words = SearchText.Words(f.Query);
        if (f.Query is not null && words.Count == 0) return ([], null);
        var sort = f.Sort;
        // A hand-made order belongs to one collection; a category with sub-collections lists by title instead.
        if (sort == ProductSort.Collection && f.Collections.Count != 1) sort = f.Collections.Count == 0 ? ProductSort.Newest : ProductSort.Title;

        var sql = new StringBuilder();
        await using var command = await Sql.CommandAsync(db, "", ct);
        var p = new Params(command, provider);

        var rankSelect = "";
        var from = new StringBuilder("catalog_products p");
        if (words.Count > 0)
        {
            if (provider == DatabaseProvider.Sqlite)
            {
                from.Append(" JOIN (SELECT k.product_id, bm25(catalog_search, 10.0, 1.0, 4.0) AS rank FROM catalog_search")
                    .Append(" JOIN catalog_search_keys k ON k.id = catalog_search.rowid WHERE catalog_search MATCH ")
                    .Append(p.Add(SearchText.Fts5(words))).Append(") s ON s.product_id = p.id");
            }
            else
            {
                var q = p.Add(SearchText.TsQuery(words));
                from.Append($" CROSS JOIN to_tsquery('english', {q}) AS tsq");
            }
            rankSelect = provider == DatabaseProvider.Sqlite ? ", s.rank" : ", -ts_rank_cd(p.search_vector, tsq) AS rank";
        }
        if (sort == ProductSort.Collection)
        {
            from.Append(" JOIN catalog_collection_products cp ON cp.product_id = p.id AND cp.collection_id = ")
                .Append(p.Add(f.Collections[0].Value, isId: true));
        }

        var where = new List<string>();
        where.Add(f.Statuses.Count == 1
            ? $"p.status = {p.Add(f.Statuses[0].ToString())}"
            : $"p.status IN ({string.Join(", ", f.Statuses.Select(s => p.Add(s.ToString())))})");
        if (words.Count > 0 && provider == DatabaseProvider.Postgres) where.Add("p.search_vector @@ tsq");
        if (f.Channel is { } channel)
            where.Add($"EXISTS (SELECT 1 FROM catalog_product_channels pc WHERE pc.product_id = p.id AND pc.channel_id = {p.Add(channel.Value, isId: true, name: "channel")})");
        if (f.Collections.Count > 0 && sort != ProductSort.Collection)
            where.Add($"EXISTS (SELECT 1 FROM catalog_collection_products cp WHERE cp.product_id = p.id AND cp.collection_id IN ({string.Join(", ", f.Collections.Select(c => p.Add(c.Value, isId: true)))}))");
        if (f.Tag is { } tag)
            where.Add($"EXISTS (SELECT 1 FROM catalog_product_tags t WHERE t.product_id = p.id AND t.tag = {p.Add(tag.Trim().ToLowerInvariant())})");
        if (f.Type is { } type) where.Add($"p.product_type_key = {p.Add(type.Trim().ToLowerInvariant())}");
        if (f.Vendor is { } vendor) where.Add($"p.vendor_key = {p.Add(vendor.Trim().ToLowerInvariant())}");
        if (f.MinPrice is not null || f.MaxPrice is not null)
        {
            var range = new List<string> { "v.product_id = p.id", "v.archived_at IS NULL" };
            if (f.MinPrice is { } min) range.Add($"v.price >= {p.Add(min)}");
            if (f.MaxPrice is { } max) range.Add($"v.price <= {p.Add(max)}");
            where.Add($"EXISTS (SELECT 1 FROM catalog_variants v WHERE {string.Join(" AND ", range)})");
        }
        if (f.InStock is { } inStock && f.Channel is { } stockChannel)
        {
            p.Ensure("channel", stockChannel.Value);
            var exists = $"EXISTS (SELECT 1 FROM catalog_variants v WHERE v.product_id = p.id AND v.archived_at IS NULL AND {stock.InStockSql("v.id")})";
            where.Add(inStock ? exists : "NOT " + exists);
        }

        var (keys, order) = sort switch
        {
            ProductSort.Title => (new[] { "p.sort_title", "p.id" }, "p.sort_title, p.id"),
            ProductSort.TitleDesc => (new[] { "p.sort_title", "p.id" }, "p.sort_title DESC, p.id DESC"),
            ProductSort.Price => (new[] { "p.min_price", "p.id" }, "p.min_price, p.id"),
            ProductSort.PriceDesc => (new[] { "p.min_price", "p.id" }, "p.min_price DESC, p.id DESC"),
            ProductSort.Collection => (new[] { "cp.position", "p.id" }, "cp.position, p.id"),
            ProductSort.Relevance => (Array.Empty<string>(), "rank, p.id"),
            _ => (new[] { "p.created_at", "p.id" }, "p.created_at DESC, p.id DESC"),
        };
        var descending = sort is ProductSort.TitleDesc or ProductSort.PriceDesc or ProductSort.Newest;
        var offset = 0;
        var cursor = Cursor.Decode(f.Cursor, sort == ProductSort.Relevance ? 2 : 3);
        if (cursor is not null)
        {
            if (cursor[0].GetString() != sort.ToString())
                throw new DomainException(Error.Invalid("cursor", "paging.invalid_cursor", "This cursor belongs to a list in another order."));
            if (sort == ProductSort.Relevance) offset = cursor[1].GetInt32();
            else
            {
                var first = keys[0] switch
                {
                    "p.sort_title" => p.Add(cursor[1].GetString()),
                    "p.created_at" => p.Add(Sql.Time(provider, cursor[1].GetDateTimeOffset())),
                    _ => p.Add(cursor[1].GetInt64()),
                };
                var id = p.Add(cursor[2].GetGuid(), isId: true);
                where.Add($"({keys[0]}, p.id) {(descending ? "<" : ">")} ({first}, {id})");
            }
        }

        var keySelect = sort switch
        {
            ProductSort.Relevance => "",
            _ => ", " + keys[0],
        };
        sql.Append("SELECT p.id, p.version").Append(keySelect).Append(rankSelect)
            .Append(" FROM ").Append(from)
            .Append(" WHERE ").AppendJoin(" AND ", where)
            .Append(" ORDER BY ").Append(order)
            .Append(" LIMIT ").Append(p.Add(f.Limit + 1));
        if (offset > 0) sql.Append(" OFFSET ").Append(p.Add(offset));
        command.CommandText = sql.ToString();

        var rows = new List<(ProductRow Row, object? Key)>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var row = new ProductRow(new ProductId(Sql.ReadId(reader, 0)), reader.GetInt64(1));
                object? key = sort switch
                {
                    ProductSort.Relevance => null,
                    ProductSort.Title or ProductSort.TitleDesc => reader.GetString(2),
                    ProductSort.Newest => Sql.ReadTime(reader, 2),
                    _ => reader.GetInt64(2),
                };
                rows.Add((row, key));
            }
        }
        string? next = null;
        if (rows.Count > f.Limit)
        {
            rows.RemoveAt(rows.Count - 1);
            var last = rows[^1];
            next = sort == ProductSort.Relevance
                ? Cursor.Encode(sort.ToString(), offset + f.Limit)
                : Cursor.Encode(sort.ToString(), last.Key, last.Row.Id.Value);
        }
        return ([.. rows.Select(r => r.Row)], next);
    }

    /// <summary>Numbers parameters (@p0, @p1…) and converts ids and instants to the provider's form.</summary>
    private sealed class Params(DbCommand command, DatabaseProvider provider)
    {
        private int _n;

        public string Add(object? value, bool isId = false, string? name = null)
        {
            name ??= "p" + _n++;
            command.With(name, isId && value is Guid g ? Sql.Id(provider, g) : value);
            return "@" + name;
        }

        public void Ensure(string name, Guid id)
        {
            if (!command.Parameters.Contains(name)) command.With(name, Sql.Id(provider, id));
        }
    }
}
