using Runner.Host.Web.Shared;

namespace Runner.Host.Web.Dashboard.Analytics;

/// <summary>The add-an-expense form as posted: the amount as typed, in major units of its currency.</summary>
public sealed class ExpenseInput
{
    public string? Date { get; set; }
    public string? Category { get; set; }
    public string? Amount { get; set; }
    public string? Currency { get; set; }
    public string? Note { get; set; }
    public string? Recurrence { get; set; }
    public string? EndDate { get; set; }

    /// <summary>
    /// The request <c>POST /admin/expenses</c> takes, or null when the amount cannot be read as one of the currency
    /// (more decimals than it has are refused, never rounded away). The API checks everything else.
    /// </summary>
    public object? ToRequest()
    {
        if (!Runner.Kernel.Currency.IsKnown(Currency) || !Amounts.TryParse(Amount, Currency!, "amount", out var amount, out _)
            || amount is null) return null;
        var monthly = Recurrence == "monthly";
        return new
        {
            date = Blank(Date), category = Blank(Category), amount, note = Blank(Note),
            recurrence = monthly ? "monthly" : "none", endDate = monthly ? Blank(EndDate) : null,
        };
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
