namespace Runner.Inventory.Stock;

/// <summary>The inventory's clock reading, at the precision both databases store.</summary>
internal static class Instants
{
    private const long TicksPerMicrosecond = TimeSpan.TicksPerMillisecond / 1000;

    /// <summary>
    /// Now, cut to whole microseconds: PostgreSQL keeps no finer, so an instant a write returns is the instant every
    /// later read returns (SQLite keeps seven decimals and stores it exactly too).
    /// </summary>
    public static DateTimeOffset Now(TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        return new DateTimeOffset(now.UtcTicks - now.UtcTicks % TicksPerMicrosecond, TimeSpan.Zero);
    }
}
