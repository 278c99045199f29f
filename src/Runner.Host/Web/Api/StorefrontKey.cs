namespace Runner.Host.Web.Api;

/// <summary>
/// The publishable key the reference storefront uses: <c>Runner:Web:PublishableKey</c> when set (a storefront on
/// another sales channel), else the default channel's bootstrap key, known once the start-up has made it.
/// </summary>
public sealed class StorefrontKey(IConfiguration configuration)
{
    private string? _bootstrap;

    public string? Value => configuration["Runner:Web:PublishableKey"] is { Length: > 0 } configured ? configured : _bootstrap;

    internal void Use(string bootstrapKey) => _bootstrap = bootstrapKey is { Length: > 0 } ? bootstrapKey : null;
}
