using System.Text.Json;
using System.Text.Json.Nodes;
using Runner.Kernel.Results;

namespace Runner.Kernel.Http;

/// <summary>
/// RFC 7396 JSON Merge Patch. A PATCH handler serialises the resource's editable fields, applies the patch
/// (objects merge, <c>null</c> removes, arrays and scalars replace) and reads the result back through the same
/// strict rules as a create, so a patch can never set a field a create could not.
/// </summary>
public static class JsonMergePatch
{
    public const string MediaType = "application/merge-patch+json";

    public static JsonNode? Apply(JsonNode? target, JsonElement patch)
    {
        if (patch.ValueKind != JsonValueKind.Object) return JsonNode.Parse(patch.GetRawText());
        var result = target as JsonObject ?? new JsonObject();
        foreach (var property in patch.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Null)
            {
                result.Remove(property.Name);
                continue;
            }
            result.TryGetPropertyValue(property.Name, out var existing);
            var merged = Apply(existing?.DeepClone(), property.Value);
            result[property.Name] = merged;
        }
        return result;
    }

    /// <summary>
    /// Applies <paramref name="patch"/> to <paramref name="current"/> and deserialises the result as
    /// <typeparamref name="T"/>; malformed or unknown fields fail with a validation error naming the field.
    /// </summary>
    public static T Merge<T>(T current, JsonElement patch, JsonSerializerOptions options)
    {
        if (patch.ValueKind != JsonValueKind.Object)
            throw new DomainException(Error.Validation("request.invalid_patch", "A merge patch must be a JSON object."));
        var target = JsonSerializer.SerializeToNode(current, options);
        var merged = Apply(target, patch);
        try
        {
            return merged.Deserialize<T>(options)
                ?? throw new DomainException(Error.Validation("request.invalid_patch", "The patch leaves nothing."));
        }
        catch (JsonException e)
        {
            throw new DomainException(JsonErrors.FromException(e));
        }
    }
}

/// <summary>Turns System.Text.Json's exceptions into a clear field error.</summary>
public static class JsonErrors
{
    public static Error FromException(JsonException e)
    {
        var field = FieldOf(e.Path);
        var message = e.Message;
        string code;
        if (message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
        {
            var name = Between(message, "The JSON property '", "'") ?? field;
            field = field is "" or "$" ? name : field;
            code = "request.unknown_field";
            message = $"'{field}' is not a field this endpoint accepts.";
        }
        else if (message.Contains("missing required properties", StringComparison.Ordinal)
                 || message.Contains("was missing required properties", StringComparison.Ordinal))
        {
            var names = Between(message, "including: ", ".") ?? "";
            code = "request.missing_field";
            message = $"Required field(s) missing: {names.Trim('\'')}.";
            field = field is "" or "$" ? names.Trim('\'') : field;
        }
        else if (message.Contains("null", StringComparison.OrdinalIgnoreCase) && message.Contains("nullable", StringComparison.OrdinalIgnoreCase))
        {
            code = "request.null_field";
            message = $"'{field}' cannot be null.";
        }
        else if (e.Path is null || e.InnerException?.GetType().Name == "JsonReaderException")
        {
            code = "request.malformed_json";
            message = "The body is not valid JSON" + (e.LineNumber is { } l ? $" (line {l + 1}, byte {e.BytePositionInLine + 1})." : ".");
            field = "body";
        }
        else if (field is "")
        {
            code = "request.invalid_field";
            message = "The body must be a JSON object with this endpoint's fields (see the API reference at /docs).";
        }
        else
        {
            code = "request.invalid_field";
            message = $"'{field}' has the wrong type or format.";
        }
        return Error.Invalid(field is "" ? "body" : field, code, message);
    }

    /// <summary><c>$.variants[0].price.amount</c> → <c>variants[0].price.amount</c>.</summary>
    public static string FieldOf(string? path) =>
        string.IsNullOrEmpty(path) ? "" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    private static string? Between(string s, string start, string end)
    {
        var i = s.IndexOf(start, StringComparison.Ordinal);
        if (i < 0) return null;
        i += start.Length;
        var j = s.IndexOf(end, i, StringComparison.Ordinal);
        return j < 0 ? s[i..] : s[i..j];
    }
}
