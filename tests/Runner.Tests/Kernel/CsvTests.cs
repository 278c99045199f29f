using System.Text;
using Runner.Kernel.Text;

namespace Runner.Tests.Kernel;

public class CsvTests
{
    private static string[][] Fields(string text) => [.. Csv.Read(text).Select(r => r.Fields.ToArray())];

    [Fact]
    public void Read_SplitsRecordsAndFields()
    {
        var records = Csv.Read("date,amount\r\n2026-03-01,12.50\r\n2026-03-02,7\r\n");
        Assert.Equal([["date", "amount"], ["2026-03-01", "12.50"], ["2026-03-02", "7"]], records.Select(r => r.Fields.ToArray()));
        Assert.Equal([1, 2, 3], records.Select(r => r.Line));
    }

    [Fact]
    public void Read_QuotedFields_HoldCommasQuotesAndLineBreaks()
    {
        var records = Csv.Read("note,amount\r\n\"Rent, March\",1\r\n\"She said \"\"hi\"\"\",2\r\n\"two\r\nlines\",3\r\nlast,4");
        Assert.Equal(["Rent, March", "1"], records[1].Fields);
        Assert.Equal(["She said \"hi\"", "2"], records[2].Fields);
        Assert.Equal(["two\r\nlines", "3"], records[3].Fields);
        Assert.Equal(["last", "4"], records[4].Fields);
        Assert.Equal([1, 2, 3, 4, 6], records.Select(r => r.Line)); // a record is named by the line it starts on
    }

    [Fact]
    public void Read_SkipsAByteOrderMark_AndTakesBareLineFeedsAndCarriageReturns()
    {
        Assert.Equal([["a", "b"], ["1", "2"], ["3", "4"]], Fields("\uFEFFa,b\n1,2\r3,4\n"));
        using var reader = new StreamReader(new MemoryStream([.. Encoding.UTF8.GetPreamble(), .. "x,y\n"u8.ToArray()]), Encoding.UTF8);
        Assert.Equal(["x", "y"], Assert.Single(Csv.Read(reader)).Fields);
    }

    [Fact]
    public void Read_KeepsEmptyFieldsAndSpaces_ButSkipsEmptyLines()
    {
        Assert.Equal([["a", "", " c "], ["", ""], [""]], Fields("a,, c \r\n\r\n,\r\n\"\"\r\n\r\n"));
        Assert.Empty(Csv.Read(""));
        Assert.Empty(Csv.Read("\uFEFF\r\n"));
    }

    [Theory]
    [InlineData("a,b\r\n1,\"open", 2, "never closed")]
    [InlineData("a,b\r\n1,\"x\"y\r\n", 2, "follows a closing quote")]
    [InlineData("a,b\r\n\"x\r\n\"y,2\r\n", 3, "follows a closing quote")]
    [InlineData("a,b\r\n1,x\"y\"\r\n", 2, "inside an unquoted field")]
    public void Read_MalformedQuoting_FailsNamingTheLine(string text, int line, string problem)
    {
        var e = Assert.Throws<CsvFormatException>(() => Csv.Read(text));
        Assert.Equal(line, e.Line);
        Assert.Contains(problem, e.Problem, StringComparison.Ordinal);
        Assert.StartsWith($"Line {line}: ", e.Message, StringComparison.Ordinal);
    }
}
