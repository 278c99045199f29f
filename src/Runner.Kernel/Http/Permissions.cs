namespace Runner.Kernel.Http;

/// <summary>
/// Every permission an endpoint can demand: an area and an action, read and write apart. Roles (and scoped API
/// keys) are sets of these; the bootstrap admin key holds all of them.
/// </summary>
public static class Permissions
{
    public const string CatalogRead = "catalog:read";
    public const string CatalogWrite = "catalog:write";
    public const string InventoryRead = "inventory:read";
    public const string InventoryWrite = "inventory:write";
    public const string OrdersRead = "orders:read";
    public const string OrdersWrite = "orders:write";
    public const string RefundsWrite = "refunds:write";
    /// <summary>Open a return and record its goods' arrival (its restock and refund need <see cref="RefundsWrite"/>).</summary>
    public const string ReturnsWrite = "returns:write";
    public const string CustomersRead = "customers:read";
    public const string CustomersWrite = "customers:write";
    public const string MarketingRead = "marketing:read";
    public const string MarketingWrite = "marketing:write";
    public const string AnalyticsRead = "analytics:read";
    /// <summary>Enter, import, change and delete the store's expenses (what the profit report subtracts).</summary>
    public const string AnalyticsWrite = "analytics:write";
    public const string SettingsRead = "settings:read";
    public const string SettingsWrite = "settings:write";
    public const string StaffRead = "staff:read";
    public const string StaffWrite = "staff:write";
    public const string ApiKeysRead = "api_keys:read";
    public const string ApiKeysWrite = "api_keys:write";

    /// <summary>Held by a principal that may do everything (the owner, the bootstrap admin key).</summary>
    public const string All = "*";

    public static readonly IReadOnlyList<string> Every =
    [
        CatalogRead, CatalogWrite, InventoryRead, InventoryWrite, OrdersRead, OrdersWrite, RefundsWrite, ReturnsWrite,
        CustomersRead, CustomersWrite, MarketingRead, MarketingWrite, AnalyticsRead, AnalyticsWrite, SettingsRead, SettingsWrite,
        StaffRead, StaffWrite, ApiKeysRead, ApiKeysWrite,
    ];

    public static bool IsKnown(string permission) => permission == All || Every.Contains(permission);
}
