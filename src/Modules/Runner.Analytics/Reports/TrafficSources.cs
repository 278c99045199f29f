namespace Runner.Analytics.Reports;

/// <summary>Where a visit or an order came from, as reports group it.</summary>
public static class TrafficSources
{
    public const string Direct = "direct";

    /// <summary>
    /// <c>source / medium</c> from the UTM parameters (lower case; a missing medium is <c>(none)</c>), else the
    /// referrer's host without <c>www.</c>, else <c>direct</c>. At most 100 characters.
    /// </summary>
    public static string Of(string? utmSource, string? utmMedium, string? referrer)
    {
        var source = utmSource?.Trim().ToLowerInvariant();
        if (!string.IsNullOrEmpty(source))
        {
            var medium = utmMedium?.Trim().ToLowerInvariant();
            return Clip($"{source} / {(string.IsNullOrEmpty(medium) ? "(none)" : medium)}");
        }
        if (Uri.TryCreate(referrer?.Trim(), UriKind.Absolute, out var uri) && uri.Host.Length > 0)
        {
            var host = uri.Host.ToLowerInvariant();
            return Clip(host.StartsWith("www.", StringComparison.Ordinal) ? host[4..] : host);
        }
        return Direct;
    }

    private static string Clip(string value) => value.Length <= 100 ? value : value[..100];
}
