namespace Runner.Payments.Tokens;

/// <summary>Card number rules: the Luhn check and the brand from the leading digits (IIN ranges).</summary>
internal static class CardNumbers
{
    /// <summary>The digits of <paramref name="input"/> with spaces and dashes removed; null when anything else is there.</summary>
    public static string? Normalize(string? input)
    {
        if (string.IsNullOrWhiteSpace(input)) return null;
        var digits = new string([.. input.Where(c => c is not (' ' or '-'))]);
        return digits.Length is >= 12 and <= 19 && digits.All(char.IsAsciiDigit) ? digits : null;
    }

    public static bool PassesLuhn(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            sum += d;
        }
        return sum % 10 == 0;
    }

    /// <summary>visa, mastercard, amex, discover, diners, jcb, unionpay; null when no known brand issues this number.</summary>
    public static string? BrandOf(string digits)
    {
        int Prefix(int n) => int.Parse(digits.AsSpan(0, n), provider: System.Globalization.CultureInfo.InvariantCulture);
        var length = digits.Length;
        if (digits[0] == '4' && length is 13 or 16 or 19) return "visa";
        if (length == 16 && (Prefix(2) is >= 51 and <= 55 || Prefix(4) is >= 2221 and <= 2720)) return "mastercard";
        if (length == 15 && Prefix(2) is 34 or 37) return "amex";
        if (length is >= 16 and <= 19 && (Prefix(4) == 6011 || Prefix(3) is >= 644 and <= 649 || Prefix(2) == 65)) return "discover";
        if (length is >= 14 and <= 19 && (Prefix(3) is >= 300 and <= 305 || Prefix(2) is 36 or 38 or 39)) return "diners";
        if (length is >= 16 and <= 19 && Prefix(4) is >= 3528 and <= 3589) return "jcb";
        if (length is >= 16 and <= 19 && Prefix(2) == 62) return "unionpay";
        return null;
    }

    /// <summary>American Express prints a 4-digit security code; the others 3.</summary>
    public static int CvcLength(string brand) => brand == "amex" ? 4 : 3;
}
