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

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    [InlineData(-5)]
    public void Limit_OutOfRange_IsRefused(int limit) =>
        Assert.Equal("paging.invalid_limit", Assert.Throws<DomainException>(() => Cursor.Limit(limit)).Error.Code);

    [Fact]
    public void Limit_DefaultsTo20() => Assert.Equal(20, Cursor.Limit(null));
}
