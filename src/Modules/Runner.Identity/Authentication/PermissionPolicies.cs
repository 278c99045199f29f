using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Runner.Identity.Contracts;
using Runner.Kernel.Actors;
using Runner.Kernel.Http;

namespace Runner.Identity.Authentication;

/// <summary>
/// Builds the policy for each permission on demand (<c>runner:permission:catalog:write</c>): an authenticated
/// admin principal holding that permission or <c>*</c>. The storefront policy needs a publishable key's channel.
/// </summary>
internal sealed class PermissionPolicyProvider(IOptions<AuthorizationOptions> options) : DefaultAuthorizationPolicyProvider(options)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, AuthorizationPolicy> _built = new(StringComparer.Ordinal);

    public override async Task<AuthorizationPolicy?> GetPolicyAsync(string policyName)
    {
        if (_built.TryGetValue(policyName, out var known)) return known;
        var policy = await BuildAsync(policyName);
        if (policy is not null) _built.TryAdd(policyName, policy);
        return policy;
    }

    private async Task<AuthorizationPolicy?> BuildAsync(string policyName)
    {
        if (policyName.StartsWith(EndpointAccess.PermissionPolicyPrefix, StringComparison.Ordinal))
        {
            var permission = policyName[EndpointAccess.PermissionPolicyPrefix.Length..];
            return new AuthorizationPolicyBuilder(AuthSchemes.SecretKey)
                .RequireAuthenticatedUser()
                .RequireAssertion(c => c.User.HasClaim(ActorClaims.Permission, permission) || c.User.HasClaim(ActorClaims.Permission, Permissions.All))
                .Build();
        }
        if (policyName == EndpointAccess.StorefrontPolicy)
        {
            return new AuthorizationPolicyBuilder(AuthSchemes.PublishableKey)
                .RequireAuthenticatedUser()
                .RequireClaim(ActorClaims.Channel)
                .Build();
        }
        if (policyName == EndpointAccess.StaffPolicy)
        {
            return new AuthorizationPolicyBuilder(AuthSchemes.SecretKey)
                .RequireAuthenticatedUser()
                .RequireClaim(ActorClaims.Kind, nameof(ActorKind.Staff))
                .Build();
        }
        if (policyName == EndpointAccess.CustomerPolicy)
        {
            return new AuthorizationPolicyBuilder(AuthSchemes.PublishableKey)
                .RequireAuthenticatedUser()
                .RequireClaim(ActorClaims.Channel)
                .RequireClaim(ActorClaims.Customer)
                .Build();
        }
        return await base.GetPolicyAsync(policyName);
    }
}
