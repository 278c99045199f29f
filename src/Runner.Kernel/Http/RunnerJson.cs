using System.Text.Json;
using System.Text.Json.Serialization;
using Runner.Kernel.Ids;

namespace Runner.Kernel.Http;

/// <summary>
/// Runner's JSON rules: camelCase, enums as snake_case strings, typed ids as bare UUIDs, and strict input: unknown
/// fields, nulls in non-nullable fields and missing required fields are refused rather than silently ignored.
/// </summary>
public static class RunnerJson
{
    public static void Configure(JsonSerializerOptions o)
    {
        o.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        o.DictionaryKeyPolicy = null;
        o.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        o.RespectNullableAnnotations = true;
        o.RespectRequiredConstructorParameters = true;
        o.NumberHandling = JsonNumberHandling.Strict;
        o.AllowTrailingCommas = false;
        o.ReadCommentHandling = JsonCommentHandling.Disallow;
        o.MaxDepth = 32;
        o.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        o.Converters.Add(new TypedIdJsonConverterFactory());
        o.Converters.Add(new UtcDateTimeOffsetConverter());
    }

    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var o = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(o);
        o.MakeReadOnly(populateMissingResolver: true);
        return o;
    }
}
