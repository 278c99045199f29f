using Runner.Kernel.Http;

namespace Runner.Identity.Staff;

/// <summary>A role Runner ships with; its key is what a staff member's <c>role</c> names.</summary>
public sealed record BuiltInRole(string Key, string Name, string Description, IReadOnlyList<string> Permissions);

/// <summary>
/// The built-in roles. Owner and Admin hold every permission; only an Owner may make someone an Owner (or take it
/// away), which is what "everything but transferring ownership" means for Admin. The table of the docs lists them.
/// </summary>
public static class BuiltInRoles
{
    public const string Owner = "owner", Admin = "admin", Operations = "operations", Support = "support", Marketing = "marketing",
        Analyst = "analyst";

    public static readonly IReadOnlyList<BuiltInRole> All =
    [
        new(Owner, "Owner", "Everything, including making and removing owners.", [Permissions.All]),
        new(Admin, "Admin", "Everything but ownership.", [Permissions.All]),
        new(Operations, "Operations", "Catalog, inventory, orders and their fulfilment, refunds.",
            [Permissions.CatalogRead, Permissions.CatalogWrite, Permissions.InventoryRead, Permissions.InventoryWrite, Permissions.OrdersRead,
             Permissions.OrdersWrite, Permissions.RefundsWrite, Permissions.ReturnsWrite, Permissions.CustomersRead]),
        new(Support, "Support", "Reads orders and customers, keeps customers' records, opens returns; no refunds, no settings.",
            [Permissions.OrdersRead, Permissions.CustomersRead, Permissions.CustomersWrite, Permissions.CatalogRead, Permissions.ReturnsWrite]),
        new(Marketing, "Marketing", "Catalog content, marketing, customers (read), analytics and the expenses it counts (ad spend).",
            [Permissions.CatalogRead, Permissions.CatalogWrite, Permissions.MarketingRead, Permissions.MarketingWrite, Permissions.CustomersRead,
             Permissions.AnalyticsRead, Permissions.AnalyticsWrite]),
        new(Analyst, "Analyst", "Reads orders and analytics.", [Permissions.OrdersRead, Permissions.AnalyticsRead]),
    ];

    public static BuiltInRole? Find(string key) => All.FirstOrDefault(r => r.Key == key);
}

/// <summary>A role a store defines (table <c>identity_roles</c>): a name and a set of permissions.</summary>
internal sealed class CustomRole
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public List<string> Permissions { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
