using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Runner.Kernel.Results;

namespace Runner.Kernel.Http;

/// <summary>
/// Refuses a query parameter an admin endpoint does not take (400 <c>request.unknown_parameter</c>, naming the ones it
/// does), as unknown body fields are refused: <c>/admin/orders?from=…</c> for <c>createdFrom</c> would otherwise answer
/// the unfiltered list as if it were filtered. The parameters an endpoint takes are its handler's, as ASP.NET Core
/// bound them. Storefront paths are left alone: links to a store carry tracking and cache-busting parameters.
/// </summary>
public static class QueryParameters
{
    private static readonly ConcurrentDictionary<Endpoint, HashSet<string>> Known = new();

    public static IApplicationBuilder UseKnownQueryParameters(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Request.QueryString.HasValue && context.Request.Path.StartsWithSegments("/admin")
            && context.GetEndpoint() is { } endpoint && Unknown(endpoint, context.Request.Query) is { } error)
        {
            await Problems.Of(error).ExecuteAsync(context);
            return;
        }
        await next(context);
    });

    private static Error? Unknown(Endpoint endpoint, IQueryCollection query)
    {
        var bindings = endpoint.Metadata.GetOrderedMetadata<IParameterBindingMetadata>();
        // An endpoint ASP.NET Core did not describe (no handler parameters known) is not judged.
        if (bindings.Count == 0) return null;
        var known = Known.GetOrAdd(endpoint, _ => new HashSet<string>(bindings.Select(b => b.Name), StringComparer.OrdinalIgnoreCase));
        var unknown = query.Keys.FirstOrDefault(k => !known.Contains(k));
        if (unknown is null) return null;
        var takes = bindings.Where(b => IsQueryValue(b.ParameterInfo.ParameterType)).Select(b => b.Name)
            .Where(n => endpoint is not RouteEndpoint route || route.RoutePattern.GetParameter(n) is null).ToList();
        return Error.Invalid(unknown, "request.unknown_parameter", $"'{unknown}' is not a query parameter of this endpoint"
            + (takes.Count > 0 ? $"; it takes {string.Join(", ", takes)}." : "; it takes none."));
    }

    /// <summary>Whether a handler parameter of this type can come from the query string (a simple value).</summary>
    private static bool IsQueryValue(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(Guid)
            || type == typeof(DateTimeOffset) || type == typeof(DateTime) || type == typeof(DateOnly);
    }
}
