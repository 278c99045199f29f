using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;

namespace Runner.Kernel.Http;

public enum AccessKind
{
    /// <summary>Anyone, no key: health checks, the OpenAPI document.</summary>
    Public,
    /// <summary>A storefront: a publishable key (<c>X-Publishable-Key</c>) that names a sales channel.</summary>
    Storefront,
    /// <summary>A signed-in customer: a publishable key and the customer's access token (<c>Authorization: Bearer</c>).</summary>
    Customer,
    /// <summary>A signed-in staff member, whatever their role (their own account: MFA enrolment).</summary>
    Staff,
    /// <summary>Staff or an app with the named permission (<c>Authorization: Bearer rk_...</c>).</summary>
    Permission,
}

/// <summary>
/// The access an endpoint declares. Every endpoint carries exactly one (a test fails for one without), so no route
/// is ever open by accident.
/// </summary>
public sealed record EndpointAccess(AccessKind Kind, string? Permission = null)
{
    public const string StorefrontPolicy = "runner:storefront";
    public const string CustomerPolicy = "runner:customer";
    public const string StaffPolicy = "runner:staff";
    public const string PermissionPolicyPrefix = "runner:permission:";
}

public static class EndpointAccessExtensions
{
    /// <summary>Requires staff or an API key holding <paramref name="permission"/>.</summary>
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, string permission)
        where TBuilder : IEndpointConventionBuilder
    {
        if (!Permissions.IsKnown(permission)) throw new ArgumentException($"Unknown permission '{permission}'.", nameof(permission));
        builder.WithMetadata(new EndpointAccess(AccessKind.Permission, permission));
        return builder.RequireAuthorization(EndpointAccess.PermissionPolicyPrefix + permission);
    }

    /// <summary>Requires a publishable storefront key.</summary>
    public static TBuilder RequireStorefront<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(new EndpointAccess(AccessKind.Storefront));
        return builder.RequireAuthorization(EndpointAccess.StorefrontPolicy);
    }

    /// <summary>Requires a publishable storefront key and a signed-in customer's access token.</summary>
    public static TBuilder RequireCustomer<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(new EndpointAccess(AccessKind.Customer));
        return builder.RequireAuthorization(EndpointAccess.CustomerPolicy);
    }

    /// <summary>Requires a signed-in staff member (a staff access token), whatever their role.</summary>
    public static TBuilder RequireStaff<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(new EndpointAccess(AccessKind.Staff));
        return builder.RequireAuthorization(EndpointAccess.StaffPolicy);
    }

    /// <summary>Declares the endpoint open to anyone.</summary>
    public static TBuilder AllowPublic<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(new EndpointAccess(AccessKind.Public));
        return builder.WithMetadata(new AllowAnonymousAttribute());
    }
}
