using Runner.Kernel.Data;

namespace Runner.Analytics.Expenses;

/// <summary>
/// A cost of running the store that no order carries (table <c>analytics_expenses</c>): ad spend, apps, staff, rent. It
/// is entered in the currency it was paid in and converted once, on entry, to the store's default currency at the
/// store's rate of the moment; the profit report reads <see cref="StoreAmount"/> only, so a later change of the rates
/// never rewrites past profit.
/// </summary>
internal sealed class Expense : AuditedEntity
{
    public Guid Id { get; set; }
    /// <summary>The local day of the store's calendar it is booked on (the first day of a monthly one).</summary>
    public DateOnly Date { get; set; }
    public required string Category { get; set; }
    /// <summary>The amount paid, in minor units of <see cref="Currency"/>.</summary>
    public long Amount { get; set; }
    public required string Currency { get; set; }
    /// <summary>The amount in minor units of <see cref="StoreCurrency"/> (the default currency when it was entered).</summary>
    public long StoreAmount { get; set; }
    public required string StoreCurrency { get; set; }
    /// <summary>The rate it was converted at: units of <see cref="Currency"/> per unit of <see cref="StoreCurrency"/> (1 for the same).</summary>
    public decimal ExchangeRate { get; set; }
    public string? Note { get; set; }
    /// <summary><see cref="ExpenseRecurrence.None"/> or <see cref="ExpenseRecurrence.Monthly"/>.</summary>
    public required string Recurrence { get; set; }
    /// <summary>The last day a monthly expense books (inclusive); null while it runs on.</summary>
    public DateOnly? EndDate { get; set; }
}

/// <summary>The kinds of expense, as lower-case codes. A fixed list, so that reports group alike costs together.</summary>
internal static class ExpenseCategories
{
    public static readonly IReadOnlyList<string> All =
        ["ad_spend", "apps", "staff", "rent", "shipping", "packaging", "utilities", "insurance", "professional_fees", "other"];

    public static bool IsKnown(string? code) => code is not null && All.Contains(code);
}

/// <summary>How an expense repeats: once on its date, or the same amount every calendar month from its date on.</summary>
internal static class ExpenseRecurrence
{
    public const string None = "none", Monthly = "monthly";

    public static bool IsKnown(string? code) => code is None or Monthly;
}
