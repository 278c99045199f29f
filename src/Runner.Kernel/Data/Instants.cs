namespace Runner.Kernel.Data;

/// <summary>
/// The instants Runner stores: UTC, to the microsecond. PostgreSQL keeps microseconds, so a value written with finer
/// ticks would read back different from what the write answered; truncating first makes both the same everywhere.
/// </summary>
public static class Instants
{
    public static DateTimeOffset Now(TimeProvider clock) => Truncate(clock.GetUtcNow());

    public static DateTimeOffset Truncate(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        return utc.AddTicks(-(utc.Ticks % 10));
    }
}
