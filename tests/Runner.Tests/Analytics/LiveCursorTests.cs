using Runner.Analytics.Live;

namespace Runner.Tests.Analytics;

/// <summary>
/// The broadcaster's cursor over feed ids that may commit out of order: a row below the highest sent is still sent
/// when it commits, never twice, and a hole left by a rolled-back insert is given up on after the late-commit window.
/// </summary>
public class LiveCursorTests
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(10);
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    private static LiveRow[] Rows(params long[] ids) => [.. ids.Select(id => new LiveRow(id, "order.placed", "{}"))];

    private static long[] Ids(IEnumerable<LiveRow> rows) => [.. rows.Select(r => r.Id)];

    [Fact]
    public void RowsInOrder_MoveTheFloorWithTheHigh()
    {
        var cursor = new LiveCursor(Window);
        cursor.Reset(10);
        Assert.Equal([11, 12], Ids(cursor.Take(Rows(12, 11), T0)));
        Assert.Equal((12, 12), (cursor.Floor, cursor.High));
        Assert.False(cursor.HasHoles);
        Assert.Empty(cursor.Take(Rows(10, 12), T0)); // already sent, or from before the start
    }

    [Fact]
    public void ALateRow_IsSentWhenItCommits_AndOnlyOnce()
    {
        var cursor = new LiveCursor(Window);
        cursor.Reset(10);
        Assert.Equal([11, 13], Ids(cursor.Take(Rows(11, 13), T0)));
        Assert.Equal((11, 13), (cursor.Floor, cursor.High));
        Assert.True(cursor.HasHoles);
        Assert.Equal([13], cursor.SentAboveFloor());

        Assert.Equal([12, 14], Ids(cursor.Take(Rows(12, 13, 14), T0.AddSeconds(1))));
        Assert.Equal((14, 14), (cursor.Floor, cursor.High));
        Assert.Empty(cursor.SentAboveFloor());
        Assert.Empty(cursor.Take(Rows(12, 13, 14), T0.AddSeconds(2)));
    }

    [Fact]
    public void AHoleThatNeverFills_IsGivenUpOnAfterTheWindow()
    {
        var cursor = new LiveCursor(Window);
        cursor.Reset(0);
        cursor.Take(Rows(1, 3), T0);
        cursor.Take(Rows(4), T0.AddSeconds(5));
        Assert.Empty(cursor.Take([], T0.AddSeconds(9)));
        Assert.Equal(1, cursor.Floor);

        // Row 3 was sent over the window ago: the hole below it (2) is given up, and 4 above it is contiguous.
        cursor.Take([], T0.AddSeconds(10));
        Assert.Equal(4, cursor.Floor);
        Assert.False(cursor.HasHoles);
        Assert.Empty(cursor.Take(Rows(2), T0.AddSeconds(11))); // too late: below the floor
    }
}
