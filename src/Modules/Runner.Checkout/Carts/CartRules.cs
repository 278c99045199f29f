using Runner.Checkout.Contracts;
using Runner.Kernel.Reference;
using Runner.Kernel.Validation;

namespace Runner.Checkout.Carts;

/// <summary>The rules of a cart's fields: addresses against ISO 3166, email, note and attribution lengths.</summary>
internal static class CartRules
{
    public const int MaxNote = 2000;
    public const int MaxAttribution = 200;
    public const int MaxReferrer = 2048;
    public const int MaxLines = 250;
    public const long MaxQuantity = 100_000;

    public static void Details(Validator v, CartDetailsInput input)
    {
        v.Email("email", input.Email);
        v.MaxLength("note", input.Note, MaxNote);
        Address(v, "shippingAddress", input.ShippingAddress);
        Address(v, "billingAddress", input.BillingAddress);
        Attribution(v, input.Attribution);
    }

    public static void Address(Validator v, string field, CartAddress? a)
    {
        if (a is null) return;
        v.Required($"{field}.firstName", a.FirstName, 100);
        v.Required($"{field}.lastName", a.LastName, 100);
        v.Required($"{field}.line1", a.Line1, 200);
        v.MaxLength($"{field}.line2", a.Line2, 200);
        v.Required($"{field}.city", a.City, 100);
        v.MaxLength($"{field}.region", a.Region, 100);
        v.Required($"{field}.postalCode", a.PostalCode, 20);
        v.MaxLength($"{field}.phone", a.Phone, 40);
        if (!Countries.IsKnown(a.Country))
            v.Add($"{field}.country", "address.unknown_country", $"{field}.country must be an ISO 3166-1 alpha-2 country code such as US or DE.");
    }

    /// <summary>Trims the fields and writes the country code in upper case.</summary>
    public static CartAddress? Normalize(CartAddress? a) => a is null ? null : new CartAddress(
        a.FirstName.Trim(), a.LastName.Trim(), a.Line1.Trim(), a.City.Trim(), a.PostalCode.Trim(),
        a.Country.Trim().ToUpperInvariant(), Blank(a.Line2), Blank(a.Region), Blank(a.Phone));

    public static void Attribution(Validator v, CartAttribution? a)
    {
        if (a is null) return;
        v.MaxLength("attribution.visitorId", a.VisitorId, MaxAttribution);
        v.MaxLength("attribution.sessionId", a.SessionId, MaxAttribution);
        v.MaxLength("attribution.utmSource", a.UtmSource, MaxAttribution);
        v.MaxLength("attribution.utmMedium", a.UtmMedium, MaxAttribution);
        v.MaxLength("attribution.utmCampaign", a.UtmCampaign, MaxAttribution);
        v.MaxLength("attribution.referrer", a.Referrer, MaxReferrer);
    }

    public static CartAttribution? Normalize(CartAttribution? a) => a is null ? null : new CartAttribution(
        Blank(a.VisitorId), Blank(a.SessionId), Blank(a.UtmSource), Blank(a.UtmMedium), Blank(a.UtmCampaign), Blank(a.Referrer));

    public static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
