using System.Text;

namespace Runner.Kernel.Text;

/// <summary>One record of a CSV file: its fields, and the line of the file it starts on (1-based; a quoted field may span lines).</summary>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Fields);

/// <summary>A CSV file that does not follow RFC 4180, with the line where the problem is.</summary>
public sealed class CsvFormatException(int line, string message) : FormatException($"Line {line}: {message}")
{
    public int Line { get; } = line;

    /// <summary>The problem without its line number.</summary>
    public string Problem { get; } = message;
}

/// <summary>
/// Reads RFC 4180 CSV: fields separated by commas, records by CRLF (a bare LF or CR is taken too, as spreadsheets on
/// every system write them), a field in double quotes may hold commas, line breaks and doubled quotes (<c>""</c>).
/// A leading UTF-8 byte order mark is skipped, and an empty line is no record (files often end with several). Fields
/// come back exactly as written, spaces included: trimming is the caller's choice. A quote inside an unquoted field, text
/// after a closing quote and a quote left open are errors naming their line, never guessed at.
/// </summary>
public static class Csv
{
    private const char Bom = '\uFEFF';

    /// <summary>Reads every record of <paramref name="text"/>.</summary>
    public static IReadOnlyList<CsvRecord> Read(string text)
    {
        using var reader = new StringReader(text);
        return [.. Read(reader)];
    }

    /// <summary>Reads the records of <paramref name="reader"/> one at a time (a large file is never held whole).</summary>
    public static IEnumerable<CsvRecord> Read(TextReader reader)
    {
        if (reader.Peek() == Bom) reader.Read();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var start = 1;
        var quoted = false; // the current field began with a quote
        var inQuotes = false; // inside its quotes
        var any = false; // the current record has a character (an empty line has none)
        int c;
        while ((c = reader.Read()) >= 0)
        {
            var ch = (char)c;
            if (inQuotes)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        field.Append('"');
                    }
                    else
                    {
                        inQuotes = false;
                        var next = reader.Peek();
                        if (next >= 0 && next is not (',' or '\r' or '\n'))
                            throw new CsvFormatException(line, "text follows a closing quote; a quote inside a quoted field is written twice (\"\").");
                    }
                }
                else
                {
                    if (ch == '\n' || (ch == '\r' && reader.Peek() != '\n')) line++;
                    field.Append(ch);
                }
                continue;
            }
            switch (ch)
            {
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    quoted = false;
                    any = true;
                    break;
                case '\r' or '\n':
                    if (ch == '\r' && reader.Peek() == '\n') reader.Read();
                    if (any || quoted || field.Length > 0)
                    {
                        fields.Add(field.ToString());
                        yield return new CsvRecord(start, [.. fields]);
                    }
                    fields.Clear();
                    field.Clear();
                    quoted = any = false;
                    start = ++line;
                    break;
                case '"':
                    if (field.Length > 0 || quoted)
                        throw new CsvFormatException(line, "a quote inside an unquoted field; quote the whole field and write the quote twice (\"\").");
                    quoted = inQuotes = any = true;
                    break;
                default:
                    field.Append(ch);
                    any = true;
                    break;
            }
        }
        if (inQuotes) throw new CsvFormatException(start, "a quoted field is never closed.");
        if (any || field.Length > 0)
        {
            fields.Add(field.ToString());
            yield return new CsvRecord(start, [.. fields]);
        }
    }
}
