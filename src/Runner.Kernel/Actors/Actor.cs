namespace Runner.Kernel.Actors;

public enum ActorKind { System, Staff, ApiKey, Customer, Autopilot }

/// <summary>Who made a change: recorded on every row that changes and every ledger entry.</summary>
public sealed record Actor(ActorKind Kind, string Id, string? Name = null)
{
    public static readonly Actor System = new(ActorKind.System, "system", "Runner");
    public static readonly Actor Autopilot = new(ActorKind.Autopilot, "autopilot", "Autopilot");

    /// <summary>A compact form for columns and logs: <c>api_key:0192…</c>, <c>system:system</c>.</summary>
    public override string ToString() => $"{KindName(Kind)}:{Id}";

    public static string KindName(ActorKind kind) => kind switch
    {
        ActorKind.Staff => "staff",
        ActorKind.ApiKey => "api_key",
        ActorKind.Customer => "customer",
        ActorKind.Autopilot => "autopilot",
        _ => "system",
    };
}

/// <summary>The actor of the current unit of work (the HTTP request's principal, or System for background work).</summary>
public interface IActorAccessor
{
    Actor Current { get; }
}
