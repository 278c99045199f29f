using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Runner.Kernel.Outbox;
using Runner.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Runner.Tests.Checkout;

/// <summary>
/// Not a check but a measurement, run by hand and skipped otherwise: <c>RUNNER_MEASURE_SECTIONS</c> checkouts (a cart,
/// a line, the address, the rate, a card token, complete), 16 at a time, on SQLite with the outbox's dispatcher
/// running, until every message they left is handled. It counts the turns at the SQLite write gate (a transaction, or
/// one statement outside any) by the first table each wrote, and prints them per checkout: what a checkout costs the
/// one writer, whatever the machine's speed.
/// <c>RUNNER_MEASURE_SECTIONS=400 dotnet test --filter WriteSectionMeasurement --logger "console;verbosity=detailed"</c>
/// (<c>RUNNER_MEASURE_CHUNK=1</c> runs the outbox's handlers one message per transaction).
/// </summary>
public class WriteSectionMeasurement(ITestOutputHelper output)
{
    private const int Shoppers = 16;

    private sealed class MeasureApp : CheckoutApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            if (Environment.GetEnvironmentVariable("RUNNER_MEASURE_CHUNK") is { Length: > 0 } chunk)
                builder.UseSetting("Runner:Outbox:HandlerChunkSize", chunk);
        }
    }

    [SkippableFact]
    public async Task SectionsPerCheckout()
    {
        var count = int.TryParse(Environment.GetEnvironmentVariable("RUNNER_MEASURE_SECTIONS"), out var n) ? n : 0;
        Skip.If(count <= 0, "A measurement: set RUNNER_MEASURE_SECTIONS to the number of checkouts.");
        await using var app = new MeasureApp();
        await app.InitializeAsync();
        Skip.If(app.Database.IsPostgres, "The write gate is SQLite's.");
        await CheckoutData.LiftVelocityAsync(app, "automatic");
        var variant = await CartData.StockedVariantAsync(app.Admin(), 1_000_000);
        await DrainAsync(app);

        var sections = new ConcurrentDictionary<string, int>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Runner.Database" && instrument.Name == "runner.sqlite.write_gate.hold") l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<double>((_, _, tags, _) =>
        {
            string? section = null, table = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "section") section = tag.Value as string;
                else if (tag.Key == "table") table = tag.Value as string;
            }
            sections.AddOrUpdate($"{section} {table}", 1, (_, c) => c + 1);
        });
        listener.Start();

        var next = 0;
        await Task.WhenAll(Enumerable.Range(0, Shoppers).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) <= count)
            {
                var cart = await CheckoutData.ReadyCartAsync(app, variant);
                var placed = await CheckoutData.PayAsync(app, cart.Str("id"));
                Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
            }
        })));
        await DrainAsync(app);
        listener.Dispose();

        var total = sections.Values.Sum();
        output.WriteLine($"{count} checkouts, {Shoppers} at a time: {total} write sections, {(double)total / count:0.00} per checkout");
        foreach (var (key, value) in sections.OrderByDescending(s => s.Value))
            output.WriteLine($"  {(double)value / count,6:0.00}  {key}");
    }

    private static async Task DrainAsync(RunnerApp app)
    {
        for (var i = 0; i < 600; i++)
        {
            if (await app.WithDbAsync(db => db.Set<OutboxMessage>().CountAsync(m => m.ProcessedAt == null && m.DeadAt == null)) == 0) return;
            await Task.Delay(100);
        }
        throw new TimeoutException("The outbox was not drained within a minute.");
    }
}
