using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using Runner.Kernel.Results;

namespace Runner.Identity.OpenIdConnect;

/// <summary>What a provider says about its user, from a validated ID token.</summary>
internal sealed record ExternalIdentity(string Subject, string? Email, bool EmailVerified, string? GivenName, string? FamilyName);

/// <summary>
/// Runner as an OpenID Connect client (authorization code flow with PKCE): the provider's discovery document and keys,
/// cached and refreshed by the framework's <see cref="ConfigurationManager{T}"/>; the code exchanged at the token
/// endpoint; the ID token validated (signature by the provider's keys, issuer, audience, lifetime, nonce).
/// </summary>
internal sealed class OidcClient(IHttpClientFactory http, IOptionsMonitor<OidcOptions> options, ILogger<OidcClient> log)
{
    public const string HttpClientName = "runner-oidc";
    private readonly ConcurrentDictionary<string, ConfigurationManager<OpenIdConnectConfiguration>> _managers = new();

    /// <summary>The usable providers by key, as the settings are now.</summary>
    public IEnumerable<(string Key, OidcProviderOptions Provider)> Providers =>
        options.CurrentValue.Providers.Where(p => p.Value.IsUsable(out _)).Select(p => (p.Key.ToLowerInvariant(), p.Value));

    public OidcProviderOptions? Find(string key) =>
        options.CurrentValue.Providers.TryGetValue(key, out var provider) && provider.IsUsable(out _) ? provider : null;

    public async Task<OpenIdConnectConfiguration?> DiscoverAsync(OidcProviderOptions provider, CancellationToken ct)
    {
        var issuer = provider.Issuer!.TrimEnd('/');
        var manager = _managers.GetOrAdd(issuer, _ => new ConfigurationManager<OpenIdConnectConfiguration>(
            issuer + "/.well-known/openid-configuration", new OpenIdConnectConfigurationRetriever(),
            new HttpDocumentRetriever(http.CreateClient(HttpClientName)) { RequireHttps = !new Uri(issuer).IsLoopback }));
        try
        {
            return await manager.GetConfigurationAsync(ct);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or HttpRequestException or TaskCanceledException)
        {
            log.LogWarning(e, "The OpenID Connect provider {Issuer} did not answer its discovery document", issuer);
            return null;
        }
    }

    /// <summary>Exchanges the code and validates the ID token; the error says what failed, never the code or tokens.</summary>
    public async Task<(ExternalIdentity? Identity, Error? Error)> ExchangeAsync(OidcProviderOptions provider, string code, string redirectUri,
        string verifier, string nonce, CancellationToken ct)
    {
        if (await DiscoverAsync(provider, ct) is not { } config) return (null, Unavailable);
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = redirectUri, ["code_verifier"] = verifier,
            ["client_id"] = provider.ClientId!,
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, config.TokenEndpoint) { Content = new FormUrlEncodedContent(form) };
        if (!string.IsNullOrEmpty(provider.ClientSecret))
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(
                Uri.EscapeDataString(provider.ClientId!) + ":" + Uri.EscapeDataString(provider.ClientSecret))));
        string? idToken;
        try
        {
            using var response = await http.CreateClient(HttpClientName).SendAsync(request, ct);
            if (!response.IsSuccessStatusCode)
            {
                log.LogInformation("The OpenID Connect provider {Issuer} refused a code exchange: {Status}", provider.Issuer, (int)response.StatusCode);
                return (null, Refused);
            }
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            idToken = body.RootElement.TryGetProperty("id_token", out var token) ? token.GetString() : null;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
        {
            log.LogWarning(e, "The OpenID Connect provider {Issuer} failed a code exchange", provider.Issuer);
            return (null, Unavailable);
        }
        if (idToken is null) return (null, Refused);

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(idToken, new TokenValidationParameters
        {
            ValidIssuer = config.Issuer, ValidAudience = provider.ClientId, IssuerSigningKeys = config.SigningKeys,
            ValidateLifetime = true, ClockSkew = TimeSpan.FromMinutes(2), RequireSignedTokens = true,
        });
        if (!result.IsValid)
        {
            log.LogInformation("An ID token from {Issuer} failed validation: {Reason}", provider.Issuer, result.Exception?.GetType().Name);
            return (null, Refused);
        }
        var claims = result.Claims;
        string? Text(string type) => claims.TryGetValue(type, out var value) ? value?.ToString() : null;
        if (Text("nonce") != nonce || Text("sub") is not { Length: > 0 } subject) return (null, Refused);
        var verified = claims.TryGetValue("email_verified", out var ev) && (ev is true || string.Equals(ev?.ToString(), "true", StringComparison.OrdinalIgnoreCase));
        return (new ExternalIdentity(subject, Text("email"), verified, Text("given_name"), Text("family_name")), null);
    }

    public static readonly Error Unavailable = new("auth.oidc_provider_unavailable",
        "The sign-in provider did not answer. Try again in a moment, or sign in another way.", ErrorKind.Unavailable);

    public static readonly Error Refused = new("auth.oidc_failed",
        "The sign-in provider's answer could not be verified (the code expired, was used, or the token is not valid). Start the sign-in again.",
        ErrorKind.Unauthorized);
}
