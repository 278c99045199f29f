using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Runner.Host.Composition;

/// <summary>
/// OpenTelemetry traces and metrics (ASP.NET Core, Npgsql, runtime, Runner's own sources). Nothing is exported
/// unless an OTLP endpoint is configured (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c> or <c>Runner:Telemetry:OtlpEndpoint</c>).
/// </summary>
public static class Telemetry
{
    public const string SourceName = "Runner";

    public static WebApplicationBuilder AddRunnerTelemetry(this WebApplicationBuilder builder)
    {
        var endpoint = builder.Configuration["Runner:Telemetry:OtlpEndpoint"] ?? builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("runner"))
            .WithMetrics(m => m.AddAspNetCoreInstrumentation().AddRuntimeInstrumentation()
                .AddMeter(SourceName, SourceName + ".*"));
        if (!string.IsNullOrWhiteSpace(endpoint))
        {
            // Spans are recorded only when something will receive them: with no exporter, tracing would cost every
            // request an activity and its tags for nothing.
            otel.WithTracing(t => t.AddAspNetCoreInstrumentation(o => o.Filter = c => !c.Request.Path.StartsWithSegments("/health"))
                    .AddSource("Npgsql").AddSource(SourceName))
                .UseOtlpExporter(OpenTelemetry.Exporter.OtlpExportProtocol.Grpc, new Uri(endpoint));
        }
        return builder;
    }
}
