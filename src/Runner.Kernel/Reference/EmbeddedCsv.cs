namespace Runner.Kernel.Reference;

/// <summary>Reads the small CSV tables embedded in this assembly (ISO currencies and countries).</summary>
internal static class EmbeddedCsv
{
    public static IEnumerable<string[]> Read(string name)
    {
        using var stream = typeof(EmbeddedCsv).Assembly.GetManifestResourceStream($"Runner.Kernel.Reference.{name}")
            ?? throw new InvalidOperationException($"Embedded table {name} is missing from the build.");
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#') continue;
            yield return Split(line);
        }
    }

    /// <summary>Splits one RFC 4180 line (quoted fields may hold commas and doubled quotes).</summary>
    internal static string[] Split(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(c);
        }
        fields.Add(field.ToString());
        return [.. fields];
    }
}
