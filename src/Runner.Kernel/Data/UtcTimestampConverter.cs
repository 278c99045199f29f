using System.Globalization;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Runner.Kernel.Data;

/// <summary>
/// On SQLite, instants are stored as fixed-width UTC ISO-8601 text (<c>2026-11-25T21:07:07.1234567Z</c>): readable,
/// and ordered correctly by plain text comparison, so range queries and ORDER BY work in SQL.
/// PostgreSQL stores them natively as timestamptz.
/// </summary>
public sealed class UtcTimestampConverter() : ValueConverter<DateTimeOffset, string>(
    v => Format(v),
    s => Parse(s))
{
    public const string Pattern = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static string Format(DateTimeOffset value) => value.UtcDateTime.ToString(Pattern, CultureInfo.InvariantCulture);

    public static DateTimeOffset Parse(string text) =>
        DateTimeOffset.ParseExact(text, Pattern, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
