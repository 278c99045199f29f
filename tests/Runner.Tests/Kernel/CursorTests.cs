using Runner.Kernel.Paging;
using Runner.Kernel.Results;

namespace Runner.Tests.Kernel;

public class CursorTests
{
    [Fact]
    public void Encode_ThenDecode_GivesTheKeysBack()
    {
        var id = Guid.CreateVersion7();
        var keys = Cursor.Decode(Cursor.Encode("linen shirt", id.ToString(), 4900L), 3)!;
        Assert.Equal("linen shirt", keys[0].GetString());
        Assert.Equal(id.ToString(), keys[1].GetString());
        Assert.Equal(4900L, keys[2].GetInt64());
    }

    [Theory]
    [InlineData("not-a-cursor!")]
    [InlineData("WzEsMl0")] // [1,2]: the wrong number of keys
    public void Decode_ForeignCursor_IsAValidationError(string cursor)
    {
        var e = Assert.Throws<DomainException>(() => Cursor.Decode(cursor, 3));
        Assert.Equal("paging.invalid_cursor", e.Error.Code);
    }

    [Fact]
    public void KeysOfTheWrongKind_AreValidationErrors_NotCrashes()
    {
        var keys = Cursor.Decode(Cursor.Encode(5L, "not an id", "x"), 3)!;
        Assert.Equal(5L, Cursor.LongKey(keys[0]));
        foreach (var read in new Action[] { () => Cursor.IdKey(keys[0]), () => Cursor.IdKey(keys[1]), () => Cursor.TimeKey(keys[2]), () => Cursor.LongKey(keys[1]) })
            Assert.Equal("paging.invalid_cursor", Assert.Throws<DomainException>(read).Error.Code);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    [InlineData(-5)]
    public void Limit_OutOfRange_IsRefused(int limit) =>
        Assert.Equal("paging.invalid_limit", Assert.Throws<DomainException>(() => Cursor.Limit(limit)).Error.Code);

    [Fact]
    public void Limit_DefaultsTo20() => Assert.Equal(20, Cursor.Limit(null));
}

/// <summary>A cursor this list did not write, with keys of another kind, is a 400 on every list, never a 500.</summary>
public class ForgedCursorTests(Runner.Tests.Infrastructure.RunnerApp app) : IClassFixture<Runner.Tests.Infrastructure.RunnerApp>
{
    [Theory]
    [InlineData("/admin/orders")]
    [InlineData("/admin/customers")]
    [InlineData("/admin/collections")]
    [InlineData("/admin/carts")]
    public async Task AForgedCursor_Is400(string list)
    {
        var forged = Uri.EscapeDataString(Cursor.Encode("not a key", "neither"));
        var one = Uri.EscapeDataString(Cursor.Encode("not a key"));
        var response = await app.Admin().GetAsync($"{list}?cursor={(list.EndsWith("carts", StringComparison.Ordinal) ? forged : one)}");
        await Runner.Tests.Infrastructure.HttpAssertions.Problem(response, System.Net.HttpStatusCode.BadRequest, "paging.invalid_cursor");
    }
}
