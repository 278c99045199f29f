using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Runner.Identity.Contracts;
using Runner.Kernel.Http;
using Runner.Kernel.Ids;
using Scalar.AspNetCore;

namespace Runner.Host.OpenApi;

/// <summary>
/// The OpenAPI 3.1 document at <c>/openapi/v1.json</c> and its browsable reference at <c>/docs</c> (served by the
/// host itself, no CDN). Every operation names its access (public, storefront key, or permission) and the problem
/// responses it may answer.
/// </summary>
public static class OpenApiSetup
{
    private const string SecretKeyScheme = "secretKey";
    private const string PublishableKeyScheme = "publishableKey";
    private const string ProblemSchema = "Problem";

    public static IServiceCollection AddRunnerOpenApi(this IServiceCollection services)
    {
        services.AddOpenApi("v1", o =>
        {
            o.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1;
            o.AddDocumentTransformer(DescribeDocument);
            o.AddSchemaTransformer(DescribeTypedIds);
            o.AddOperationTransformer(DescribeAccessAndProblems);
        });
        return services;
    }

    public static void MapRunnerOpenApi(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowPublic().ExcludeFromDescription();
        app.MapScalarApiReference("/docs", o =>
        {
            o.WithTitle("Runner API reference").WithOpenApiRoutePattern("/openapi/{documentName}.json");
            o.DefaultFonts = false;
        }).AllowPublic().ExcludeFromDescription();
    }

    private static Task DescribeDocument(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Runner",
            Version = "v1",
            Description = "The commerce engine's HTTP API. `/store/...` serves storefronts with a publishable key "
                + "(`X-Publishable-Key: pk_...`); `/admin/...` serves staff and apps with a secret key "
                + "(`Authorization: Bearer rk_...`) holding the permission each operation names. Money is "
                + "`{ \"amount\": 4900, \"currency\": \"USD\" }` in integer minor units; ids are UUID strings; lists are "
                + "`{ \"items\": [...], \"nextCursor\": ... }`. Errors are RFC 9457 problem details with a stable `code`.",
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SecretKeyScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "rk_...",
            Description = "A secret admin key.",
        };
        document.Components.SecuritySchemes[PublishableKeyScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = AuthSchemes.PublishableKeyHeader,
            Description = "A publishable storefront key; it names the sales channel.",
        };
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[ProblemSchema] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "RFC 9457 problem details.",
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "urn:runner:problem:{code}" },
                ["title"] = new OpenApiSchema { Type = JsonSchemaType.String },
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer },
                ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "What went wrong, for people." },
                ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String },
                ["code"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Stable code for programs, e.g. inventory.insufficient_stock." },
                ["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String },
                ["errors"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Description = "Messages per offending field (path such as variants[0].price.amount).",
                    AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
                },
            },
            Required = new HashSet<string> { "type", "title", "status", "code" },
        };
        return Task.CompletedTask;
    }

    private static Task DescribeTypedIds(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
        if (TypedId.IsTypedId(type))
        {
            schema.Type = JsonSchemaType.String | (type != context.JsonTypeInfo.Type ? JsonSchemaType.Null : 0);
            schema.Format = "uuid";
            schema.Properties?.Clear();
            schema.Required?.Clear();
        }
        return Task.CompletedTask;
    }

    private static Task DescribeAccessAndProblems(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var access = context.Description.ActionDescriptor.EndpointMetadata.OfType<EndpointAccess>().LastOrDefault();
        var document = context.Document;
        operation.Responses ??= new OpenApiResponses();
        if (access is { Kind: AccessKind.Permission } or { Kind: AccessKind.Storefront })
        {
            var scheme = access.Kind == AccessKind.Permission ? SecretKeyScheme : PublishableKeyScheme;
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(scheme, document)] = [] }];
            AddProblem(operation, document, "401", "No key, or a key that is unknown or revoked.");
            if (access.Kind == AccessKind.Permission)
            {
                AddProblem(operation, document, "403", $"The key lacks the permission '{access.Permission}'.");
                operation.Description = $"Requires the permission `{access.Permission}`. {operation.Description}".Trim();
            }
        }
        if (operation.Parameters is { Count: > 0 } || operation.RequestBody is not null)
            AddProblem(operation, document, "400", "Invalid input; `errors` names the fields.");
        foreach (var (status, response) in operation.Responses.ToList())
        {
            if (status.Length == 3 && status[0] is '4' or '5') operation.Responses[status] = Problem(document, response.Description ?? Problems.TitleOf(int.Parse(status, System.Globalization.CultureInfo.InvariantCulture)));
        }
        AddProblem(operation, document, "500", "An unexpected error; the trace id identifies it in the logs.");
        return Task.CompletedTask;
    }

    private static void AddProblem(OpenApiOperation operation, OpenApiDocument? document, string status, string description)
    {
        operation.Responses ??= new OpenApiResponses();
        if (!operation.Responses.ContainsKey(status)) operation.Responses[status] = Problem(document, description);
    }

    private static OpenApiResponse Problem(OpenApiDocument? document, string description) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            [Problems.ContentType] = new() { Schema = new OpenApiSchemaReference(ProblemSchema, document) },
        },
    };
}
