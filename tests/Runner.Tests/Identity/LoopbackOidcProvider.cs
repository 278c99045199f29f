using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using Microsoft.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Runner.Tests.Identity;

/// <summary>The user the provider signs in at its authorization endpoint (it asks nothing: the test decides who).</summary>
public sealed record ProviderUser(string Subject, string? Email, bool EmailVerified, string? GivenName = null, string? FamilyName = null);

/// <summary>
/// A real OpenID Connect provider (OpenIddict) on 127.0.0.1 for the social sign-in tests: discovery, keys, an
/// authorization endpoint that signs in <see cref="User"/>, a token endpoint that checks the client's secret, the
/// redirect URI and the PKCE verifier, and ID tokens signed with a fresh RSA key.
/// </summary>
public sealed class LoopbackOidcProvider : IAsyncDisposable
{
    public const string ClientId = "runner-store";
    public const string ClientSecret = "loopback client secret";
    public const string RedirectUri = "https://shop.example/account/sign-in/callback";

    private readonly WebApplication _app;
    private readonly string _database;

    private LoopbackOidcProvider(WebApplication app, string database, string issuer)
    {
        _app = app;
        _database = database;
        Issuer = issuer;
    }

    public string Issuer { get; }

    public ProviderUser User { get; set; } = new("sub-0", "nobody@example.com", true);

    public static async Task<LoopbackOidcProvider> StartAsync()
    {
        var database = Path.Combine(Path.GetTempPath(), $"runner-oidc-{Guid.NewGuid():N}.db");
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddDbContext<ProviderDb>(o => o.UseSqlite($"Data Source={database};Pooling=false").UseOpenIddict());
        builder.Services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<ProviderDb>())
            .AddServer(o =>
            {
                o.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token");
                o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                o.AddSigningKey(new RsaSecurityKey(RSA.Create(2048)));
                o.AddEncryptionKey(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)));
                o.DisableAccessTokenEncryption();
                o.RegisterScopes(Scopes.OpenId, Scopes.Email, Scopes.Profile);
                o.UseAspNetCore().EnableAuthorizationEndpointPassthrough().DisableTransportSecurityRequirement();
            });
        var app = builder.Build();
        LoopbackOidcProvider? provider = null;
        app.UseAuthentication();
        app.MapGet("/connect/authorize", (HttpContext http) => provider!.AuthorizeAsync(http));

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ProviderDb>().Database.EnsureCreatedAsync();
            await scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>().CreateAsync(new OpenIddictApplicationDescriptor
            {
                ClientId = ClientId, ClientSecret = ClientSecret, ClientType = ClientTypes.Confidential, RedirectUris = { new Uri(RedirectUri) },
                Permissions =
                {
                    Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.GrantTypes.AuthorizationCode,
                    Permissions.ResponseTypes.Code, Permissions.Scopes.Email, Permissions.Scopes.Profile,
                },
                Requirements = { Requirements.Features.ProofKeyForCodeExchange },
            });
        }
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        provider = new LoopbackOidcProvider(app, database, address.TrimEnd('/') + "/");
        return provider;
    }

    private async Task AuthorizeAsync(HttpContext http)
    {
        var request = http.GetOpenIddictServerRequest()!;
        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.AddClaim(new Claim(Claims.Subject, User.Subject));
        if (User.Email is not null) identity.AddClaim(new Claim(Claims.Email, User.Email));
        identity.AddClaim(new Claim(Claims.EmailVerified, User.EmailVerified ? "true" : "false", ClaimValueTypes.Boolean));
        if (User.GivenName is not null) identity.AddClaim(new Claim(Claims.GivenName, User.GivenName));
        if (User.FamilyName is not null) identity.AddClaim(new Claim(Claims.FamilyName, User.FamilyName));
        identity.SetScopes(request.GetScopes());
        identity.SetDestinations(_ => [Destinations.IdentityToken]);
        await http.SignInAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        try { File.Delete(_database); } catch (IOException) { }
    }

    private sealed class ProviderDb(DbContextOptions<ProviderDb> options) : DbContext(options);
}
