using Runner.Inventory.Contracts;
using Runner.Inventory.Levels;
using Runner.Inventory.Reservations;
using Runner.Inventory.Stock;
using Runner.Kernel.Validation;

namespace Runner.Tests.Inventory;

/// <summary>The inventory's rules on their own, without a database.</summary>
public class InventoryRuleTests
{
    private static readonly LocationId A = new(Guid.CreateVersion7());
    private static readonly LocationId B = new(Guid.CreateVersion7());
    private static readonly LocationId C = new(Guid.CreateVersion7());

    [Fact]
    public void Allocate_TakesEverythingFromTheFirstLocation_WhenItHasEnough()
    {
        var plan = Allocation.Allocate([(A, 10), (B, 10)], 4)!;
        Assert.Equal([(A, 4L)], plan);
    }

    [Fact]
    public void Allocate_SpansLocationsInPriorityOrder()
    {
        var plan = Allocation.Allocate([(A, 2), (B, 3), (C, 10)], 7)!;
        Assert.Equal([(A, 2L), (B, 3L), (C, 2L)], plan);
    }

    [Fact]
    public void Allocate_SkipsLocationsWithNothingAvailable_OrAShortfall()
    {
        var plan = Allocation.Allocate([(A, 0), (B, -2), (C, 5)], 5)!;
        Assert.Equal([(C, 5L)], plan);
    }

    [Fact]
    public void Allocate_TakesExactlyWhatIsThere()
    {
        var plan = Allocation.Allocate([(A, 2), (B, 3)], 5)!;
        Assert.Equal([(A, 2L), (B, 3L)], plan);
    }

    [Theory]
    [InlineData(6)]
    [InlineData(100)]
    public void Allocate_IsWholeOrNothing_WhenTheTotalIsShort(long quantity) =>
        Assert.Null(Allocation.Allocate([(A, 2), (B, 3), (C, -4)], quantity));

    [Fact]
    public void Allocate_WithNoLocations_IsNothing() => Assert.Null(Allocation.Allocate([], 1));

    [Fact]
    public void TakeAvailable_TakesWhatThereIs_AndReturnsTheShortfall()
    {
        var (taken, left) = Allocation.TakeAvailable([(A, 2), (B, -1), (C, 1)], 7);
        Assert.Equal([(A, 2L), (C, 1L)], taken);
        Assert.Equal(4, left);
    }

    [Fact]
    public void TakeAvailable_WithNothingAvailable_LeavesEveryUnit()
    {
        var (taken, left) = Allocation.TakeAvailable([(A, 0), (B, -3)], 5);
        Assert.Empty(taken);
        Assert.Equal(5, left);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Allocate_RefusesAQuantityBelowOne(long quantity) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Allocation.Allocate([(A, 5)], quantity));

    [Theory]
    [InlineData(6, 5, 5L, true)]   // from above to exactly the threshold
    [InlineData(10, 2, 5L, true)]  // from above to below it
    [InlineData(5, 4, 5L, false)]  // already at it: told once, not on every sale
    [InlineData(10, 6, 5L, false)] // still above
    [InlineData(4, 10, 5L, false)] // rising
    [InlineData(10, 0, null, false)] // no threshold
    [InlineData(1, 0, 0L, true)]   // a threshold of zero: the last unit went
    public void LowStock_IsCrossedOnlyOnTheWayDown(long before, long after, long? threshold, bool crossed) =>
        Assert.Equal(crossed, LowStock.Crossed(before, after, threshold));

    [Theory]
    [InlineData(AdjustmentReason.Received, 5L, null, null)]
    [InlineData(AdjustmentReason.Received, -5L, null, "delta")]
    [InlineData(AdjustmentReason.Returned, 0L, null, "delta")]
    [InlineData(AdjustmentReason.Damaged, -1L, null, null)]
    [InlineData(AdjustmentReason.Damaged, 1L, null, "delta")]
    [InlineData(AdjustmentReason.Correction, -7L, null, null)]
    [InlineData(AdjustmentReason.Correction, 7L, null, null)]
    [InlineData(AdjustmentReason.Correction, 0L, null, "delta")]
    [InlineData(AdjustmentReason.Correction, null, null, "delta")]
    [InlineData(AdjustmentReason.Received, 5L, 5L, "quantity")]
    [InlineData(AdjustmentReason.Counted, null, 0L, null)]
    [InlineData(AdjustmentReason.Counted, null, -1L, "quantity")]
    [InlineData(AdjustmentReason.Counted, null, null, "quantity")]
    [InlineData(AdjustmentReason.Counted, 3L, 3L, "delta")]
    [InlineData(AdjustmentReason.Received, 2_000_000_000L, null, "delta")]
    [InlineData(AdjustmentReason.Correction, long.MinValue, null, "delta")]
    public void Adjustment_FollowsItsReasonsRule(AdjustmentReason reason, long? delta, long? quantity, string? badField)
    {
        var v = new Validator();
        AdjustStock.Validate(new AdjustmentRequest(default, default, reason, delta, quantity), v);
        if (badField is null) Assert.True(v.IsValid, v.IsValid ? "" : v.ToError().Message);
        else Assert.True(v.ToError().Fields!.ContainsKey(badField), $"expected an error on {badField}: {v.ToError().Message}");
    }
}
