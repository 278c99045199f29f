using System.Globalization;
using Runner.Kernel;
using Runner.Kernel.Results;
using Runner.Kernel.Text;
using Runner.Kernel.Validation;
using Runner.Store.Contracts;

namespace Runner.Analytics.Expenses;

/// <summary>
/// Reads an expenses CSV: a header row naming its columns (any order, any case) — <c>date</c>, <c>category</c>,
/// <c>amount</c>, <c>currency</c>, and optionally <c>note</c>, <c>recurrence</c>, <c>endDate</c> — then one expense per
/// row, its amount in major units (<c>1234.50</c>, a dot for decimals, no thousands separators). Cells are trimmed. Each
/// row goes through <see cref="ExpenseRules.Check"/>, the rules of the API, and every problem of every row is kept.
/// </summary>
internal static class ExpenseCsvRows
{
    public static readonly IReadOnlyList<string> Columns = ["date", "category", "amount", "currency", "note", "recurrence", "endDate"];
    private static readonly string[] Required = ["date", "category", "amount", "currency"];

    /// <summary>Lines whose problems an answer lists at most (a file that is wrong throughout says so after these).</summary>
    public const int MaxListedLines = 100;

    public static Result<IReadOnlyList<ExpenseValues>> Read(string text, StoreSettingsView store)
    {
        IReadOnlyList<CsvRecord> records;
        try
        {
            records = Csv.Read(text);
        }
        catch (CsvFormatException e)
        {
            return Refused(new Dictionary<string, List<string>> { [Key(e.Line, null)] = [e.Problem] }, [e.Line]);
        }
        if (records.Count < 2)
            return Error.Invalid("body", "analytics.import_empty",
                "The file has no expenses: a header row (date,category,amount,currency,note) then one row per expense.");
        if (records.Count - 1 > ImportExpenses.MaxRows)
            return ImportExpenses.TooLarge();

        var header = records[0];
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        var problems = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        for (var i = 0; i < header.Fields.Count; i++)
        {
            var name = Columns.FirstOrDefault(c => string.Equals(c, header.Fields[i].Trim(), StringComparison.OrdinalIgnoreCase));
            if (name is null)
                Add(problems, header.Line, null,
                    $"'{header.Fields[i].Trim()}' is not a column of an expenses file; the columns are {string.Join(", ", Columns)}.");
            else if (!columns.TryAdd(name, i)) Add(problems, header.Line, null, $"The column {name} appears twice.");
        }
        foreach (var missing in Required.Where(c => !columns.ContainsKey(c)))
            Add(problems, header.Line, null, $"The header has no {missing} column (required: {string.Join(", ", Required)}).");
        if (problems.Count > 0) return Refused(problems, [header.Line]);

        var values = new List<ExpenseValues>(records.Count - 1);
        var bad = new List<int>();
        foreach (var record in records.Skip(1))
        {
            var before = problems.Count;
            if (Row(record, columns, store, problems) is { } row) values.Add(row);
            if (problems.Count > before) bad.Add(record.Line);
        }
        return bad.Count > 0 ? Refused(problems, bad) : values;
    }

    /// <summary>One row: its own problems (unreadable cells) and the rules' problems, the first for a cell taking precedence.</summary>
    private static ExpenseValues? Row(CsvRecord record, Dictionary<string, int> columns, StoreSettingsView store,
        Dictionary<string, List<string>> problems)
    {
        var line = record.Line;
        if (record.Fields.Count != columns.Count)
        {
            Add(problems, line, null, $"The row has {record.Fields.Count} fields but the header has {columns.Count}: quote a field that holds a comma.");
            return null;
        }
        string? Cell(string column) => columns.TryGetValue(column, out var i) && record.Fields[i].Trim() is { Length: > 0 } s ? s : null;

        // The cells that could not be read: their problem is told already, so the rules' (a "missing" date) are not.
        var unreadable = new HashSet<string>(StringComparer.Ordinal);
        var date = Date(Cell("date"), "date", line, problems, unreadable);
        var endDate = Date(Cell("endDate"), "endDate", line, problems, unreadable);
        var currency = Cell("currency");
        var amount = Amount(Cell("amount"), currency, line, problems, unreadable);
        var input = new ExpenseInput(date, Cell("category"), amount, currency, Cell("note"), Cell("recurrence"), endDate);

        var v = new Validator();
        var values = ExpenseRules.Check(input, store, v, name => name);
        if (!v.IsValid)
            foreach (var (field, messages) in v.ToError().Fields!)
                if (!unreadable.Contains(field))
                    foreach (var message in messages) Add(problems, line, field, message);
        return unreadable.Count == 0 ? values : null;
    }

    private static DateOnly? Date(string? text, string column, int line, Dictionary<string, List<string>> problems, HashSet<string> unreadable)
    {
        if (text is null) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return day;
        Add(problems, line, column, $"{column} must be a date as YYYY-MM-DD, not '{text}'.");
        unreadable.Add(column);
        return null;
    }

    /// <summary>A major-unit amount in minor units of its currency; more decimals than the currency has is a mistake, not rounded away.</summary>
    private static long? Amount(string? text, string? currency, int line, Dictionary<string, List<string>> problems, HashSet<string> unreadable)
    {
        if (text is null) return null;
        if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var major))
            Add(problems, line, "amount", $"amount must be a number in major units with a dot for decimals, such as 1234.50, not '{text}'.");
        else if (major <= 0)
            Add(problems, line, "amount", "amount must be more than 0.");
        else if (!Currency.TryGet(currency, out var c))
        {
            // Its decimals are the currency's: the amount cannot be read without it, and the currency's own problem is told.
            unreadable.Add("amount");
            return null;
        }
        else if (major > Money.MaxAmount / c.Factor)
            Add(problems, line, "amount", $"amount is more than Runner accepts ({Money.MaxAmount / c.Factor} {c.Code}).");
        else if (decimal.Truncate(major * c.Factor) != major * c.Factor)
            Add(problems, line, "amount", $"{c.Code} has {c.MinorUnits} decimals; '{text}' has more.");
        else
            return (long)(major * c.Factor);
        unreadable.Add("amount");
        return null;
    }

    private static string Key(int line, string? field) => field is null ? $"lines[{line}]" : $"lines[{line}].{field}";

    private static void Add(Dictionary<string, List<string>> problems, int line, string? field, string message)
    {
        var key = Key(line, field);
        if (!problems.TryGetValue(key, out var list)) problems[key] = list = [];
        list.Add(message);
    }

    private static Error Refused(Dictionary<string, List<string>> problems, List<int> lines)
    {
        var listed = lines.Take(MaxListedLines).ToHashSet();
        var fields = problems.Where(p => listed.Contains(LineOf(p.Key))).ToDictionary(p => p.Key, p => p.Value.ToArray());
        var message = lines.Count == 1
            ? $"Line {lines[0]} has a problem; nothing was imported."
            : $"{lines.Count} lines have problems ({string.Join(", ", lines.Take(MaxListedLines))}{(lines.Count > MaxListedLines ? ", …" : "")}); "
              + "nothing was imported.";
        return Error.Validation("analytics.import_invalid", message, fields) with
        {
            Extensions = new Dictionary<string, object?> { ["lines"] = lines.Take(MaxListedLines).ToArray() },
        };
    }

    private static int LineOf(string key) => int.Parse(key.AsSpan(6, key.IndexOf(']') - 6), CultureInfo.InvariantCulture);
}
