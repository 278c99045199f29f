using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace Runner.Kernel.Actors;

/// <summary>Claim types Runner puts on an authenticated principal to name its actor.</summary>
public static class ActorClaims
{
    public const string Kind = "runner:actor_kind";
    public const string Id = "runner:actor_id";
    public const string Name = "runner:actor_name";
    public const string Permission = "runner:permission";
    public const string Channel = "runner:channel";
    /// <summary>The signed-in customer's id (a storefront request with a customer's access token).</summary>
    public const string Customer = "runner:customer";
    /// <summary>Present ("true") when the signed-in customer's email is verified.</summary>
    public const string EmailVerified = "runner:email_verified";

    /// <summary>The signed-in customer's id, or null for a guest.</summary>
    public static Guid? CustomerOf(ClaimsPrincipal? user) =>
        Guid.TryParse(user?.FindFirstValue(Customer), out var id) ? id : null;

    public static Actor? From(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true) return null;
        var kind = user.FindFirstValue(Kind);
        var id = user.FindFirstValue(Id);
        if (kind is null || id is null || !Enum.TryParse<ActorKind>(kind, out var k)) return null;
        return new Actor(k, id, user.FindFirstValue(Name));
    }
}

/// <summary>Overrides the current actor for a block of work (background jobs run as System or Autopilot).</summary>
public static class ActorScope
{
    private static readonly AsyncLocal<Actor?> Ambient = new();

    internal static Actor? Current => Ambient.Value;

    public static IDisposable Use(Actor actor)
    {
        var previous = Ambient.Value;
        Ambient.Value = actor;
        return new Restore(previous);
    }

    private sealed class Restore(Actor? previous) : IDisposable
    {
        public void Dispose() => Ambient.Value = previous;
    }
}

/// <summary>The actor of the ambient scope, else of the HTTP request's principal, else System.</summary>
internal sealed class HttpActorAccessor(IHttpContextAccessor http) : IActorAccessor
{
    public Actor Current => ActorScope.Current ?? ActorClaims.From(http.HttpContext?.User) ?? Actor.System;
}
