using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Runner.Catalog.Contracts;
using Runner.Catalog.Products;
using Runner.Kernel.Data;
using Runner.Kernel.Http;
using Runner.Kernel.Ids;
using Runner.Kernel.Paging;
using Runner.Kernel.Results;
using Runner.Kernel.Text;
using Runner.Kernel.Validation;

namespace Runner.Catalog.Collections;

/// <summary>Admin collection endpoints: manual and rule-based collections, nested into categories.</summary>
internal static class CollectionEndpoints
{
    public const int MaxRules = 60;
    public const int MaxProducts = 5000;

    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/admin/collections").WithTags("Collections");
        group.MapGet("", List).RequirePermission(Permissions.CatalogRead).WithName("ListCollections")
            .WithSummary("List collections (parents before children, by position)");
        group.MapPost("", Create).RequirePermission(Permissions.CatalogWrite).WithName("CreateCollection")
            .ProducesProblem(409).WithSummary("Create a manual collection (with its ordered products) or a rule-based one");
        group.MapGet("/{id:guid}", Get).RequirePermission(Permissions.CatalogRead).WithName("GetCollection").ProducesProblem(404)
            .WithSummary("Read a collection (its version as ETag)");
        group.MapPatch("/{id:guid}", Patch).RequirePermission(Permissions.CatalogWrite).WithName("UpdateCollection")
            .Accepts<CollectionRequest>(JsonMergePatch.MediaType, "application/json").ProducesProblem(404).ProducesProblem(409)
            .ProducesProblem(412)
            .WithSummary("Change a collection (JSON merge patch); productIds replaces a manual collection's products and order")
            .WithDescription(Versions.IfMatchNote("catalog.collection_version_mismatch", "the collection"));
        group.MapDelete("/{id:guid}", Archive).RequirePermission(Permissions.CatalogWrite).WithName("ArchiveCollection")
            .ProducesProblem(404).ProducesProblem(412).WithSummary("Archive a collection")
            .WithDescription(Versions.IfMatchNote("catalog.collection_version_mismatch", "the collection"));
    }

    /// <summary>Collections are few (hundreds, not millions), so the page is cut from the ordered list in memory.</summary>
    internal static async Task<Ok<Page<CollectionResponse>>> List(RunnerDbContext db, int? limit, string? cursor, bool? includeArchived, CancellationToken ct)
    {
        var size = Cursor.Limit(limit ?? 100);
        var query = db.Set<Collection>().AsNoTracking();
        if (includeArchived != true) query = query.Where(c => c.ArchivedAt == null);
        var ordered = (await query.ToListAsync(ct))
            .OrderBy(c => c.ParentId is null ? 0 : 1).ThenBy(c => c.Position).ThenBy(c => c.Id.Value).ToList();
        if (Cursor.Decode(cursor, 1) is { } keys)
        {
            var afterId = Cursor.IdKey(keys[0]);
            var after = ordered.FindIndex(c => c.Id.Value == afterId);
            ordered = after < 0 ? [] : ordered.Skip(after + 1).ToList();
        }
        var rows = ordered.Take(size + 1).ToList();
        var counts = await Counts(db, [.. rows.Select(r => r.Id)], ct);
        return TypedResults.Ok(Cursor.ToPage(rows, size, c => ToResponse(c, counts), c => Cursor.Encode(c.Id.Value)));
    }

    internal static async Task<Results<Created<CollectionResponse>, ProblemHttpResult>> Create(
        CollectionRequest request, RunnerDbContext db, CollectionMembership membership, CancellationToken ct)
    {
        var id = await AddAsync(db, membership, request, ct);
        await db.SaveChangesAsync(ct);
        var collection = await Find(db, id.Value, ct);
        return TypedResults.Created($"/admin/collections/{id}", ToResponse(collection, await Counts(db, [id], ct)));
    }

    /// <summary>Validates and adds a collection to the unit of work (saved by the caller).</summary>
    internal static async Task<CollectionId> AddAsync(RunnerDbContext db, CollectionMembership membership, CollectionRequest request, CancellationToken ct)
    {
        var collection = new Collection { Id = TypedId.New<CollectionId>(), Title = request.Title ?? "", Handle = "" };
        await ApplyAsync(db, membership, collection, request, ct);
        db.Add(collection);
        return collection.Id;
    }

    internal static async Task<Results<Ok<CollectionResponse>, ProblemHttpResult>> Get(Guid id, RunnerDbContext db, HttpContext http, CancellationToken ct)
    {
        var collection = await Find(db, id, ct);
        Versions.Tag(http, collection.Version);
        return TypedResults.Ok(ToResponse(collection, await Counts(db, [collection.Id], ct)));
    }

    internal static async Task<Results<Ok<CollectionResponse>, ProblemHttpResult>> Patch(
        Guid id, JsonElement patch, RunnerDbContext db, CollectionMembership membership, HttpContext http,
        IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken ct)
    {
        var collection = await Find(db, id, ct);
        if (Versions.Check(http, collection.Version, "catalog.collection_version_mismatch", "The collection") is { } stale) return Problems.Of(stale);
        var members = collection.Kind == CollectionKind.Manual
            ? await db.Set<CollectionProduct>().Where(cp => cp.CollectionId == collection.Id).OrderBy(cp => cp.Position).Select(cp => cp.ProductId).ToListAsync(ct)
            : null;
        var current = new CollectionRequest(collection.Title, collection.Kind, collection.Handle, collection.DescriptionHtml,
            collection.Rules, collection.MatchAll, collection.ParentId, collection.Position, collection.SortOrder,
            collection.ImageUrl, collection.SeoTitle, collection.SeoDescription, members);
        var input = JsonMergePatch.Merge(current, patch, json.Value.SerializerOptions);
        await ApplyAsync(db, membership, collection, input, ct);
        db.Entry(collection).Property(x => x.UpdatedAt).IsModified = true; // its version moves even if only products changed
        await db.SaveChangesAsync(ct);
        Versions.Tag(http, collection.Version);
        return TypedResults.Ok(ToResponse(collection, await Counts(db, [collection.Id], ct)));
    }

    internal static async Task<Results<Ok<CollectionResponse>, ProblemHttpResult>> Archive(Guid id, RunnerDbContext db, TimeProvider clock,
        HttpContext http, CancellationToken ct)
    {
        var collection = await Find(db, id, ct);
        if (Versions.Check(http, collection.Version, "catalog.collection_version_mismatch", "The collection") is { } stale) return Problems.Of(stale);
        collection.ArchivedAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        Versions.Tag(http, collection.Version);
        return TypedResults.Ok(ToResponse(collection, await Counts(db, [collection.Id], ct)));
    }

    private static async Task ApplyAsync(RunnerDbContext db, CollectionMembership membership, Collection c, CollectionRequest r, CancellationToken ct)
    {
        var v = new Validator();
        v.Required("title", r.Title, 255);
        if (r.Handle is not null && !Handles.IsValid(r.Handle))
            v.Add("handle", "catalog.invalid_handle", "handle must be lower-case letters and digits joined by hyphens.");
        v.MaxLength("description", r.Description, ProductRules.MaxDescription);
        v.MaxLength("seoTitle", r.SeoTitle, 255);
        v.MaxLength("seoDescription", r.SeoDescription, 512);
        if (r.ImageUrl is not null && !ProductRules.IsWebUrl(r.ImageUrl))
            v.Add("imageUrl", "catalog.invalid_media_url", "imageUrl must be an absolute http or https URL.");
        if (r.Position is < 0 or > 100_000) v.Add("position", "validation.out_of_range", "position must be between 0 and 100000.");
        var rules = r.Rules ?? [];
        if (r.Kind == CollectionKind.Rule)
        {
            if (rules.Count == 0) v.Add("rules", "catalog.no_rules", "A rule-based collection needs at least one rule.");
            if (rules.Count > MaxRules) v.Add("rules", "validation.too_many", $"At most {MaxRules} rules.");
            for (var i = 0; i < rules.Count; i++) ValidateRule($"rules[{i}]", rules[i], v);
            if (r.ProductIds is { Count: > 0 }) v.Add("productIds", "catalog.rule_collection_products", "A rule-based collection's products follow its rules.");
            if (r.SortOrder == CollectionSort.Manual) v.Add("sortOrder", "catalog.rule_collection_manual_sort", "A rule-based collection cannot be ordered by hand.");
        }
        else if (rules.Count > 0) v.Add("rules", "catalog.manual_collection_rules", "A manual collection has no rules; set kind to rule.");
        if (c.Kind != r.Kind && c.Handle.Length > 0) v.Add("kind", "catalog.kind_immutable", "A collection's kind cannot change; create another.");
        var productIds = r.ProductIds ?? [];
        if (productIds.Count > MaxProducts) v.Add("productIds", "validation.too_many", $"At most {MaxProducts} products per request.");
        if (productIds.Distinct().Count() != productIds.Count) v.Add("productIds", "catalog.duplicate_product", "A product appears twice.");
        if (r.ParentId is { } parent)
        {
            var tree = await db.Set<Collection>().AsNoTracking().Where(x => x.ArchivedAt == null).Select(x => new { x.Id, x.ParentId }).ToListAsync(ct);
            if (tree.All(x => x.Id != parent)) v.Add("parentId", "catalog.collection_not_found", "No live collection has this id.");
            else if (CollectionTree.Descendants(c.Id, tree.Where(x => x.ParentId != null).ToLookup(x => x.ParentId!.Value, x => x.Id)).Contains(parent))
                v.Add("parentId", "catalog.collection_cycle", "A collection cannot sit under itself or one of its sub-collections.");
        }
        if (productIds.Count > 0)
        {
            var found = await db.Set<Product>().AsNoTracking().Where(p => productIds.Contains(p.Id)).Select(p => p.Id).ToListAsync(ct);
            for (var i = 0; i < productIds.Count; i++)
                if (!found.Contains(productIds[i])) v.Add($"productIds[{i}]", "catalog.product_not_found", "No product has this id.");
        }
        v.ThrowIfInvalid();

        var handle = r.Handle ?? (c.Handle.Length > 0 ? c.Handle : Handles.From(r.Title));
        if (handle.Length == 0) handle = "collection";
        if (await db.Set<Collection>().AnyAsync(x => x.Handle == handle && x.Id != c.Id, ct))
        {
            if (r.Handle is not null)
                throw new DomainException(Error.Conflict("catalog.handle_taken", $"Another collection already has the handle '{handle}'."));
            var stem = handle;
            for (var n = 2; await db.Set<Collection>().AnyAsync(x => x.Handle == handle && x.Id != c.Id, ct); n++) handle = Handles.WithSuffix(stem, n);
        }
        var rulesChanged = !c.Rules.SequenceEqual(rules) || c.MatchAll != r.MatchAll;
        c.Title = r.Title.Trim();
        c.Handle = handle;
        c.DescriptionHtml = Html.Sanitize(r.Description);
        c.Kind = r.Kind;
        c.Rules = [.. rules.Select(x => x with { Value = x.Value.Trim() })];
        c.MatchAll = r.MatchAll;
        c.ParentId = r.ParentId;
        c.Position = r.Position ?? c.Position;
        c.SortOrder = r.SortOrder ?? (r.Kind == CollectionKind.Manual ? CollectionSort.Manual : CollectionSort.TitleAsc);
        c.ImageUrl = r.ImageUrl;
        c.SeoTitle = string.IsNullOrWhiteSpace(r.SeoTitle) ? null : r.SeoTitle.Trim();
        c.SeoDescription = string.IsNullOrWhiteSpace(r.SeoDescription) ? null : r.SeoDescription.Trim();
        if (c.Kind == CollectionKind.Manual && r.ProductIds is not null)
        {
            var existing = await db.Set<CollectionProduct>().Where(cp => cp.CollectionId == c.Id).ToListAsync(ct);
            db.RemoveRange(existing.Where(e => !productIds.Contains(e.ProductId)));
            for (var i = 0; i < productIds.Count; i++)
            {
                var member = existing.FirstOrDefault(e => e.ProductId == productIds[i]);
                if (member is null) db.Add(new CollectionProduct { CollectionId = c.Id, ProductId = productIds[i], Position = i });
                else member.Position = i;
            }
        }
        if (c.Kind == CollectionKind.Rule && rulesChanged) await membership.RefreshCollectionAsync(c, ct);
        membership.Forget();
    }

    private static void ValidateRule(string at, CollectionRule rule, Validator v)
    {
        if (string.IsNullOrWhiteSpace(rule.Value) || rule.Value.Length > 255)
            v.Add($"{at}.value", "validation.required", "A rule needs a value of at most 255 characters.");
        var allowed = rule.Field == RuleField.Price
            ? rule.Relation is RuleRelation.GreaterThan or RuleRelation.LessThan
            : rule.Relation is RuleRelation.Equals or RuleRelation.NotEquals or RuleRelation.Contains;
        if (!allowed)
            v.Add($"{at}.relation", "catalog.invalid_rule", rule.Field == RuleField.Price
                ? "A price rule is greater_than or less_than."
                : "A text rule is equals, not_equals or contains.");
        if (rule.Field == RuleField.Price && (!long.TryParse(rule.Value, out var amount) || amount < 0))
            v.Add($"{at}.value", "catalog.invalid_rule", "A price rule's value is an amount in minor units of the default currency.");
    }

    private static async Task<Collection> Find(RunnerDbContext db, Guid id, CancellationToken ct) =>
        await db.Set<Collection>().FirstOrDefaultAsync(c => c.Id == new CollectionId(id), ct)
        ?? throw new DomainException(Error.NotFound("catalog.collection_not_found", "No collection has this id."));

    private static async Task<Dictionary<CollectionId, int>> Counts(RunnerDbContext db, List<CollectionId> ids, CancellationToken ct) =>
        await db.Set<CollectionProduct>().AsNoTracking().Where(cp => ids.Contains(cp.CollectionId))
            .GroupBy(cp => cp.CollectionId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);

    private static CollectionResponse ToResponse(Collection c, Dictionary<CollectionId, int> counts) => new(
        c.Id, c.Title, c.Handle, c.DescriptionHtml, c.Kind, c.Rules, c.MatchAll, c.ParentId, c.Position, c.SortOrder,
        c.ImageUrl, c.SeoTitle, c.SeoDescription, counts.GetValueOrDefault(c.Id), c.Version, c.CreatedAt, c.UpdatedAt, c.ArchivedAt);
}
