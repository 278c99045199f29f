using System.Globalization;
using Runner.Kernel;

namespace Runner.Host.Web.Shared;

/// <summary>How the pages write amounts and times.</summary>
public static class Format
{
    private static readonly Dictionary<string, string> Symbols = new()
    {
        ["USD"] = "$", ["CAD"] = "CA$", ["AUD"] = "A$", ["EUR"] = "€", ["GBP"] = "£", ["JPY"] = "¥", ["INR"] = "₹",
    };

    /// <summary>$1,234.50, €3.00, 1,200 JPY-style amounts with the currency's own number of decimals.</summary>
    public static string Money(Runner.Kernel.Money m)
    {
        var digits = Currency.IsKnown(m.Currency) ? Currency.Get(m.Currency).MinorUnits : 2;
        var number = Math.Abs(m.ToMajor()).ToString("N" + digits, CultureInfo.InvariantCulture);
        var sign = m.Minor < 0 ? "−" : "";
        return Symbols.TryGetValue(m.Currency, out var symbol) ? $"{sign}{symbol}{number}" : $"{sign}{number} {m.Currency}";
    }

    public static string Money(Runner.Kernel.Money? m) => m is { } v ? Money(v) : "—";

    public static string Percent(decimal? ratio) => ratio is { } r ? (r * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "—";

    public static string Date(DateTimeOffset at) => at.ToString("d MMM yyyy, HH:mm", CultureInfo.InvariantCulture);

    public static string Words(string snake) => snake.Replace('_', ' ');
}
