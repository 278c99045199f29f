using System.Xml.Linq;
using Runner.Kernel;
using Runner.Kernel.Reference;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Kernel;

/// <summary>The embedded ISO tables agree with the published files in ../shared/data.</summary>
public class ReferenceDataTests
{
    [SkippableFact]
    public void EmbeddedCurrencies_MatchTheIsoCsv_CurrentEntries()
    {
        var path = SharedData.Require("iso-4217-currencies/codes-all.csv");
        var expected = new Dictionary<string, int>();
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            var f = EmbeddedCsv.Split(line);
            if (f.Length < 6 || f[5].Length > 0 || f[2].Length != 3 || !int.TryParse(f[4], out var minor)) continue;
            expected.TryAdd(f[2], minor);
        }
        Assert.True(expected.Count > 150);
        Assert.Equal(expected.Keys.Order(), Currency.All.Select(c => c.Code).Order());
        foreach (var c in Currency.All) Assert.Equal(expected[c.Code], c.MinorUnits);
    }

    [SkippableFact]
    public void EmbeddedCurrencies_AgreeWithTheOfficialXml_OnMinorUnits()
    {
        var path = SharedData.Require("iso-4217-currencies/iso4217_table_a1_current.xml");
        var entries = XDocument.Load(path).Descendants("CcyNtry")
            .Where(e => e.Element("Ccy") is not null && int.TryParse(e.Element("CcyMnrUnts")?.Value, out _))
            .Select(e => (Code: e.Element("Ccy")!.Value, Minor: int.Parse(e.Element("CcyMnrUnts")!.Value, System.Globalization.CultureInfo.InvariantCulture)));
        var checkedCount = 0;
        foreach (var (code, minor) in entries)
        {
            if (!Currency.TryGet(code, out var c)) continue; // withdrawn since the XML was published
            Assert.Equal(minor, c.MinorUnits);
            checkedCount++;
        }
        Assert.True(checkedCount > 150);
    }

    [SkippableFact]
    public void EmbeddedCountries_MatchTheIsoCsv()
    {
        var path = SharedData.Require("iso-3166-countries/all.csv");
        var rows = File.ReadLines(path).Skip(1).Select(EmbeddedCsv.Split).ToList();
        Assert.Equal(rows.Count, Countries.All.Count);
        foreach (var f in rows)
        {
            Assert.True(Countries.TryGet(f[1], out var c), $"{f[1]} is missing");
            Assert.Equal(f[2], c.Alpha3);
            Assert.Equal(f[3], c.Numeric);
            Assert.Equal(f[0], c.Name);
        }
    }

    [Theory]
    [InlineData("US", true)]
    [InlineData("DE", true)]
    [InlineData("XX", false)]
    [InlineData("USA", false)]
    public void Countries_KnowIsoAlpha2Codes(string code, bool known) => Assert.Equal(known, Countries.IsKnown(code));
}
