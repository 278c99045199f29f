using System.Globalization;
using Runner.Host.Web.Api;
using Runner.Host.Web.Shared;
using Runner.Kernel;

namespace Runner.Host.Web.Dashboard.Settings;

/// <summary>What the settings forms read from what staff typed: trimmed text, numbers and amounts written like 12.50.</summary>
public static class SettingsInput
{
    public static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>A number written like 8.875 (a comma is taken as the decimal point), or null.</summary>
    public static decimal? Number(string? typed) =>
        Blank(typed)?.Replace(',', '.') is { } s && decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : null;

    /// <summary>An amount in major units (12.50) as money of <paramref name="currency"/>, or null (blank, or not one of it).</summary>
    public static Money? Amount(string? typed, string currency) =>
        Amounts.TryParse(typed?.Replace(',', '.'), currency, "amount", out var money, out _) ? money : null;

    /// <summary>An amount as a form shows it for editing: 12.50, in the currency's own decimals.</summary>
    public static string Plain(Money m) => Amounts.Major(m);

    public static string Plain(decimal d) => d.ToString(CultureInfo.InvariantCulture);

    /// <summary>The refusal a page shows for a field it could not read.</summary>
    public static ApiProblem NotANumber(string field, string? typed, string example) =>
        new(400, field, $"{field}: '{typed}' is not a number; write it like {example}.", "web.invalid_number", null);
}
