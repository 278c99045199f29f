using Runner.Orders.Contracts;

namespace Runner.Analytics.Funnels;

/// <summary>
/// Where a visit came from, its "channel" in reports: the UTM source and medium when the landing carried them
/// (<c>newsletter / email</c>, lower case; one of them alone when only one was given), else the host of the referrer
/// (<c>search.example</c>, without <c>www.</c>) unless it is one of the store's own hosts, else <c>direct</c>. The same
/// rule names a session's source and an order's, so the two always agree.
/// </summary>
public static class TrafficSource
{
    public const string Direct = "direct";

    /// <summary>The longest source kept; longer UTM values are cut.</summary>
    public const int MaxLength = 200;

    /// <param name="referrer">A URL (<c>https://search.example/?q=mug</c>) or a bare host.</param>
    /// <param name="ownHosts">The store's own hosts (its storefronts' origins): a referral from them is not a source.</param>
    public static string Of(string? utmSource, string? utmMedium, string? referrer, IEnumerable<string>? ownHosts = null)
    {
        var source = Clean(utmSource);
        var medium = Clean(utmMedium);
        if (source is not null || medium is not null)
            return Cut(source is not null && medium is not null ? $"{source} / {medium}" : source ?? medium!);
        var host = HostOf(referrer);
        if (host is null || (ownHosts is not null && ownHosts.Any(own => HostOf(own) == host))) return Direct;
        return Cut(host);
    }

    /// <summary>The source of an order, from the attribution its cart carried.</summary>
    public static string Of(OrderAttribution? attribution, IEnumerable<string>? ownHosts = null) =>
        attribution is null ? Direct : Of(attribution.UtmSource, attribution.UtmMedium, attribution.Referrer, ownHosts);

    /// <summary>The host of a URL or of a bare host name, lower case, without a leading <c>www.</c>; null when there is none.</summary>
    public static string? HostOf(string? referrer)
    {
        if (string.IsNullOrWhiteSpace(referrer)) return null;
        var text = referrer.Trim();
        if (!text.Contains("://", StringComparison.Ordinal)) text = "https://" + text;
        var host = Uri.TryCreate(text, UriKind.Absolute, out var uri) ? uri.Host : null;
        if (string.IsNullOrEmpty(host)) return null;
        host = host.ToLowerInvariant();
        return host.StartsWith("www.", StringComparison.Ordinal) && host.Length > 4 ? host[4..] : host;
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim().ToLowerInvariant();

    private static string Cut(string value) => value.Length <= MaxLength ? value : value[..MaxLength];
}
