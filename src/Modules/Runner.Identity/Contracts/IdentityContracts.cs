using System.Security.Claims;
using Runner.Kernel.Actors;
using Runner.Kernel.Ids;
using Runner.Store.Contracts;

namespace Runner.Identity.Contracts;

public readonly record struct ApiKeyId(Guid Value) : ITypedId<ApiKeyId>
{
    public static ApiKeyId Create(Guid value) => new(value);
    public override string ToString() => Value.ToString();
}

public static class AuthSchemes
{
    /// <summary>Secret admin keys: <c>Authorization: Bearer rk_...</c>.</summary>
    public const string SecretKey = "RunnerSecretKey";
    /// <summary>Publishable storefront keys: <c>X-Publishable-Key: pk_...</c>.</summary>
    public const string PublishableKey = "RunnerPublishableKey";
    public const string PublishableKeyHeader = "X-Publishable-Key";
}

public static class StorefrontPrincipal
{
    /// <summary>The sales channel of the storefront key that authenticated this request.</summary>
    public static ChannelId Channel(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ActorClaims.Channel), out var id)
            ? new ChannelId(id)
            : throw new InvalidOperationException("The request was not authenticated with a publishable key.");
}
