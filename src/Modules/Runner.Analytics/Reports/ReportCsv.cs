using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Runner.Kernel;

namespace Runner.Analytics.Reports;

/// <summary>
/// A report as CSV (RFC 4180: comma-separated, CRLF, quoted where needed; UTF-8). Amounts are written in major units
/// with the currency's decimals (<c>1234.50</c>, see <see cref="Major"/>), so a spreadsheet reads them as numbers, with the currency in its own column.
/// </summary>
public sealed class ReportCsv(params string[] header)
{
    private readonly StringBuilder _text = new StringBuilder().AppendJoin(',', header.Select(Field)).Append("\r\n");

    public ReportCsv Row(params object?[] cells)
    {
        _text.AppendJoin(',', cells.Select(c => Field(c switch
        {
            null => "",
            string s => s,
            Money m => Major(m),
            decimal d => d.ToString(CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => c.ToString(),
        }))).Append("\r\n");
        return this;
    }

    /// <summary>An amount in major units with its currency's decimals (<c>80.00</c>, <c>1200</c> for yen).</summary>
    public static string Major(Money m) => m.ToMajor().ToString("F" + Currency.Get(m.Currency).MinorUnits, CultureInfo.InvariantCulture);

    public FileContentHttpResult ToFile(string name) =>
        TypedResults.File(Encoding.UTF8.GetBytes(_text.ToString()), "text/csv; charset=utf-8", name);

    public override string ToString() => _text.ToString();

    /// <summary>A cell, quoted when it holds a comma, quote or line break; a leading <c>= + - @</c> is neutralised for spreadsheets.</summary>
    public static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (value[0] is '=' or '+' or '@' or '\t' or '\r' || (value[0] == '-' && !decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out _)))
            value = "'" + value;
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }
}
