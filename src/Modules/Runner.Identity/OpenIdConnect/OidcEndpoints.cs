using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Runner.Identity.Authentication;
using Runner.Identity.Contracts;
using Runner.Identity.Security;
using Runner.Identity.Sessions;
using Runner.Kernel.Http;
using Runner.Kernel.Results;
using Runner.Kernel.Validation;
using Runner.Store.Contracts;

namespace Runner.Identity.OpenIdConnect;

public sealed record OidcProviderResponse(string Key, string DisplayName);
public sealed record OidcProviderList(IReadOnlyList<OidcProviderResponse> Items);
public sealed record OidcAuthorizeRequest(string? RedirectUri = null);
/// <summary>Send the shopper's browser to <c>authorizationUrl</c>; the provider sends it back to the redirect URI with <c>code</c> and <c>state</c>.</summary>
public sealed record OidcAuthorizeResponse(string AuthorizationUrl, int ExpiresIn);
public sealed record OidcCallbackRequest(string? State = null, string? Code = null, bool UseCookie = false) : ICookieSignIn;

/// <summary>
/// Social sign-in through any OpenID Connect provider in the settings, authorization code flow with PKCE:
/// <c>POST /store/auth/oidc/{provider}/authorize</c> <c>{ redirectUri }</c> answers the provider's URL (the redirect URI
/// must be on one of the storefront's origins and registered with the provider); the storefront's page at the redirect
/// URI posts the <c>code</c> and <c>state</c> it received to <c>POST /store/auth/oidc/callback</c>, which answers the
/// same tokens (or cookie) as a password sign-in. The PKCE verifier and nonce travel sealed inside <c>state</c>
/// (Data Protection, 10 minutes), so no browser-side secret and no server-side row is needed.
/// </summary>
internal static class OidcEndpoints
{
    public static readonly TimeSpan StateLifetime = TimeSpan.FromMinutes(10);
    private const string Purpose = "Runner.Identity.OpenIdConnect.State.v1";

    private sealed record State(string P, string R, string V, string N, Guid C);

    public static void Map(IEndpointRouteBuilder app)
    {
        var oidc = app.MapGroup("/store/auth/oidc").WithTags("Customer accounts");
        oidc.MapGet("/providers", Providers).RequireStorefront().WithName("ListSignInProviders")
            .WithSummary("The social sign-in providers this store offers");
        oidc.MapPost("/{provider}/authorize", Authorize).RequireStorefront().WithName("StartProviderSignIn")
            .WithSummary("Start a sign-in with an OpenID Connect provider: the URL to send the browser to")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        oidc.MapPost("/callback", OidcSignIn.Callback).RequireStorefront().RefuseCookieOverHttp().WithName("FinishProviderSignIn")
            .WithSummary("Finish a provider sign-in with the code and state the provider sent back: tokens, or the cookie")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
    }

    internal static Ok<OidcProviderList> Providers(OidcClient client) =>
        TypedResults.Ok(new OidcProviderList([.. client.Providers.Select(p => new OidcProviderResponse(p.Key, p.Provider.DisplayName ?? p.Key))]));

    internal static async Task<Results<Ok<OidcAuthorizeResponse>, ProblemHttpResult>> Authorize(string provider, OidcAuthorizeRequest? body,
        HttpContext http, OidcClient client, IStoreQueries store, IDataProtectionProvider protection, CancellationToken ct)
    {
        if (client.Find(provider) is not { } options)
            return Problems.Of(Error.NotFound("auth.oidc_unknown_provider", $"This store offers no sign-in provider '{provider}'."));
        var v = new Validator();
        if (v.Required("redirectUri", body?.RedirectUri, 500) && !StorefrontOrigins.Covers(await StorefrontOrigins.OfAsync(http, store, ct), body!.RedirectUri))
            v.Add("redirectUri", "auth.redirect_not_allowed",
                "redirectUri must be on one of the storefront's origins (allowedOrigins of the channel, PATCH /admin/channels/{id}).");
        if (!v.IsValid) return Problems.Of(v.ToError());
        if (await client.DiscoverAsync(options, ct) is not { } config) return Problems.Of(OidcClient.Unavailable);

        var verifier = SessionTokens.Base64Url(RandomNumberGenerator.GetBytes(32));
        var nonce = SessionTokens.Base64Url(RandomNumberGenerator.GetBytes(16));
        var state = new State(provider.ToLowerInvariant(), body!.RedirectUri!, verifier, nonce, http.User.Channel().Value);
        var sealedState = Protector(protection).Protect(JsonSerializer.Serialize(state), StateLifetime);
        var url = QueryHelpers.AddQueryString(config.AuthorizationEndpoint, new Dictionary<string, string?>
        {
            ["response_type"] = "code", ["client_id"] = options.ClientId, ["redirect_uri"] = state.R, ["scope"] = options.Scopes,
            ["state"] = sealedState, ["nonce"] = nonce, ["code_challenge_method"] = "S256",
            ["code_challenge"] = SessionTokens.Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))),
            ["response_mode"] = string.IsNullOrWhiteSpace(options.ResponseMode) ? null : options.ResponseMode.Trim(),
        });
        return TypedResults.Ok(new OidcAuthorizeResponse(url, (int)StateLifetime.TotalSeconds));
    }

    /// <summary>The sign-in started by <see cref="Authorize"/> for this channel, when the state is Runner's and unexpired.</summary>
    internal static (string Provider, string RedirectUri, string Verifier, string Nonce)? Open(IDataProtectionProvider protection, string? sealedState,
        HttpContext http)
    {
        if (string.IsNullOrWhiteSpace(sealedState) || sealedState.Length > 4000) return null;
        try
        {
            var state = JsonSerializer.Deserialize<State>(Protector(protection).Unprotect(sealedState));
            return state is not null && state.C == http.User.Channel().Value ? (state.P, state.R, state.V, state.N) : null;
        }
        catch (Exception e) when (e is CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }

    private static ITimeLimitedDataProtector Protector(IDataProtectionProvider protection) =>
        protection.CreateProtector(Purpose).ToTimeLimitedDataProtector();
}
