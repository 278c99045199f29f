namespace Runner.Analytics.Events;

/// <summary>
/// Traffic that is not a shopper, told by its user agent: crawlers, link previews, uptime monitors and scripted HTTP
/// clients. Their events are accepted (a crawler must not see errors) and dropped. A headless browser is not dropped:
/// storefronts test themselves with one, and those tests expect their funnels to move.
/// </summary>
internal static class BotFilter
{
    private static readonly string[] Markers =
    [
        "bot", "crawl", "spider", "slurp", "mediapartners", "facebookexternalhit", "embedly", "preview", "monitor", "pingdom",
        "lighthouse", "pagespeed", "python-requests", "python-urllib", "go-http-client", "okhttp", "wget", "curl/", "libwww", "scrapy",
        "httpclient", "axios/", "node-fetch",
    ];

    public static bool IsBot(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent)) return false; // a storefront's server relaying its visitors' events
        foreach (var marker in Markers)
            if (userAgent.Contains(marker, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    /// <summary>The device class a browser's user agent suggests, when the event does not say.</summary>
    public static string DeviceOf(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent)) return "other";
        if (userAgent.Contains("iPad", StringComparison.Ordinal) || userAgent.Contains("Tablet", StringComparison.OrdinalIgnoreCase)
            || (userAgent.Contains("Android", StringComparison.Ordinal) && !userAgent.Contains("Mobile", StringComparison.Ordinal)))
            return "tablet";
        if (userAgent.Contains("Mobi", StringComparison.Ordinal) || userAgent.Contains("iPhone", StringComparison.Ordinal)) return "mobile";
        return userAgent.Contains("Mozilla/", StringComparison.Ordinal) ? "desktop" : "other";
    }
}
