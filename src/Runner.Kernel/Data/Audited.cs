namespace Runner.Kernel.Data;

/// <summary>A row that records when and by whom it was created and last changed (set by <see cref="AuditInterceptor"/>).</summary>
public interface IAudited
{
    DateTimeOffset CreatedAt { get; set; }
    string CreatedBy { get; set; }
    DateTimeOffset UpdatedAt { get; set; }
    string UpdatedBy { get; set; }
}

/// <summary>The usual base of an audited row: the four stamps, set by <see cref="AuditInterceptor"/>.</summary>
public abstract class AuditedEntity : IAudited
{
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";
}

/// <summary>A row whose every change bumps a version: an optimistic-concurrency token, an ETag and a cache key.</summary>
public interface IVersioned
{
    long Version { get; set; }
}
