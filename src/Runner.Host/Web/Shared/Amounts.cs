using System.Globalization;
using Runner.Kernel;

namespace Runner.Host.Web.Shared;

/// <summary>Amounts as people type them ("12.50") and as the API takes them (minor units).</summary>
public static class Amounts
{
    /// <summary>The amount in major units with the currency's decimals ("12.50"), or "" for none.</summary>
    public static string Major(Money? money) => money is { } m
        ? m.ToMajor().ToString("F" + Digits(m.Currency), CultureInfo.InvariantCulture)
        : "";

    /// <summary>
    /// Reads a typed amount: blank is null; anything else must be a non-negative number with at most the currency's
    /// decimals (nothing is rounded away silently). The error names <paramref name="what"/>.
    /// </summary>
    public static bool TryParse(string? typed, string currency, string what, out Money? money, out string? error)
    {
        (money, error) = (null, null);
        if (string.IsNullOrWhiteSpace(typed)) return true;
        var text = typed.Trim();
        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var major))
        {
            error = $"{what}: '{text}' is not an amount; write it like 12.50.";
            return false;
        }
        var factor = Currency.IsKnown(currency) ? Currency.Get(currency).Factor : 100;
        if (major * factor > Money.MaxAmount)
        {
            error = $"{what}: '{text}' is more than Runner takes.";
            return false;
        }
        if (major * factor % 1 != 0)
        {
            error = $"{what}: '{text}' has more decimals than {currency} has.";
            return false;
        }
        money = new Money((long)(major * factor), currency);
        return true;
    }

    private static int Digits(string currency) => Currency.IsKnown(currency) ? Currency.Get(currency).MinorUnits : 2;
}
