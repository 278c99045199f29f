namespace Runner.Identity.OpenIdConnect;

/// <summary>
/// Social sign-in providers, by key (<c>Runner:Identity:OpenIdConnect:Providers:google</c> ...): any OpenID Connect
/// issuer with a client registered for Runner. The store's settings, read at each use.
/// </summary>
public sealed class OidcOptions
{
    public Dictionary<string, OidcProviderOptions> Providers { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

public sealed class OidcProviderOptions
{
    /// <summary>The name shown on the sign-in button ("Google").</summary>
    public string? DisplayName { get; set; }
    /// <summary>The issuer (<c>https://accounts.google.com</c>): its discovery document gives the endpoints and keys.</summary>
    public string? Issuer { get; set; }
    public string? ClientId { get; set; }
    /// <summary>For a confidential client; a public client relies on PKCE alone.</summary>
    public string? ClientSecret { get; set; }
    public string Scopes { get; set; } = "openid email profile";
    /// <summary>
    /// How the provider returns the code: unset for the query string; <c>form_post</c> where the provider requires it
    /// (Apple, when asked for the email), and the storefront's redirect page then reads <c>code</c> and <c>state</c> from
    /// the posted form.
    /// </summary>
    public string? ResponseMode { get; set; }

    /// <summary>
    /// The issuer is reached over HTTPS, except on the loopback (a provider on the same machine, as the tests run one).
    /// </summary>
    public bool IsUsable(out string? problem)
    {
        problem = null;
        if (string.IsNullOrWhiteSpace(ClientId)) problem = "has no ClientId";
        else if (!Uri.TryCreate(Issuer, UriKind.Absolute, out var issuer)) problem = "has no absolute Issuer";
        else if (issuer.Scheme != Uri.UriSchemeHttps && !(issuer.Scheme == Uri.UriSchemeHttp && issuer.IsLoopback))
            problem = "has an Issuer that is not https";
        return problem is null;
    }
}
