namespace Runner.Orders.Fulfilments;

/// <summary>
/// The public tracking page of the well-known carriers, so a shipment recorded with a carrier and a tracking number
/// gets a link the customer can follow (in the shipping confirmation and on the storefront) without staff pasting one.
/// A link given with the shipment wins; a carrier not listed here gets none.
/// </summary>
public static class CarrierTracking
{
    /// <summary>Carrier names as staff type them, lower-cased with spaces, dots and dashes removed.</summary>
    private static readonly Dictionary<string, string> Pages = new(StringComparer.Ordinal)
    {
        ["ups"] = "https://www.ups.com/track?tracknum={0}",
        ["usps"] = "https://tools.usps.com/go/TrackConfirmAction?tLabels={0}",
        ["fedex"] = "https://www.fedex.com/fedextrack/?trknbr={0}",
        ["dhl"] = "https://www.dhl.com/global-en/home/tracking.html?tracking-id={0}",
        ["dhlexpress"] = "https://www.dhl.com/global-en/home/tracking.html?tracking-id={0}",
        ["royalmail"] = "https://www.royalmail.com/track-your-item#/tracking-results/{0}",
        ["canadapost"] = "https://www.canadapost-postescanada.ca/track-reperez/en#/search?searchFor={0}",
        ["australiapost"] = "https://auspost.com.au/mypost/track/details/{0}",
    };

    /// <summary>The carrier's tracking page for <paramref name="number"/>, or null for an unknown carrier or no number.</summary>
    public static string? UrlFor(string? carrier, string? number)
    {
        if (string.IsNullOrWhiteSpace(carrier) || string.IsNullOrWhiteSpace(number)) return null;
        var key = new string([.. carrier.Where(c => c is not (' ' or '.' or '-' or '_')).Select(char.ToLowerInvariant)]);
        return Pages.TryGetValue(key, out var page) ? string.Format(page, Uri.EscapeDataString(number.Trim())) : null;
    }

    /// <summary>Whether <paramref name="url"/> is a web address a customer may be sent to (http or https, absolute).</summary>
    public static bool IsWebAddress(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
