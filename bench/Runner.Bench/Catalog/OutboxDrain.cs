using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Runner.Kernel.Data;
using Runner.Kernel.Outbox;

namespace Runner.Bench.Catalog;

/// <summary>How the seed's outbox backlog was cleared, and how fast the engine's dispatcher delivered it.</summary>
internal sealed record OutboxReport(int Messages, int Sampled, TimeSpan SampleTime, int WithoutHandler, int Handled, TimeSpan Total)
{
    public double DispatcherRate => Sampled / Math.Max(SampleTime.TotalSeconds, 1e-9);

    public override string ToString() => Messages == 0 ? "no outbox messages" :
        $"{Messages:N0} outbox messages cleared in {Total.TotalSeconds:F1} s: the engine's dispatcher delivered {Sampled:N0} in "
        + $"{SampleTime.TotalSeconds:F1} s ({DispatcherRate:N0}/s), then {WithoutHandler:N0} that no module handles were marked processed"
        + $" in one statement{(Handled > 0 ? $" and the dispatcher delivered {Handled:N0} that a module handles" : "")}";
}

/// <summary>
/// Clears the outbox that the seed's writes leave (one message per product), so the measured host does not spend
/// the run on an import's backlog. The engine's dispatcher delivers messages one transaction each, which on this
/// disk is a few milliseconds per message (minutes for 100,000), so it runs for a sample only; what is left of
/// the message types that no module handles is then marked processed in one statement, which is all the
/// dispatcher does for them. Types that a module does handle are always delivered by the dispatcher.
/// </summary>
internal static class OutboxDrain
{
    public static readonly TimeSpan Sample = TimeSpan.FromSeconds(3);

    public static async Task<OutboxReport> RunAsync(IServiceProvider services, TimeProvider clock, CancellationToken ct)
    {
        var total = Stopwatch.StartNew();
        var handled = services.GetServices<OutboxHandlerRegistration>().Select(r => r.MessageType).ToHashSet();
        var dispatcher = services.GetRequiredService<OutboxDispatcher>();
        var waiting = await CountAsync(services, ct);

        var sampled = 0;
        var sample = Stopwatch.StartNew();
        for (int n; sample.Elapsed < Sample && (n = await dispatcher.RunOnceAsync(ct)) > 0;) sampled += n;
        var sampleTime = sample.Elapsed;

        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RunnerDbContext>();
            var now = clock.GetUtcNow();
            var marked = await db.Set<OutboxMessage>()
                .Where(m => m.ProcessedAt == null && m.DeadAt == null && !handled.Contains(m.Type))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.ProcessedAt, now).SetProperty(m => m.LockedUntil, (DateTimeOffset?)null), ct);
            var rest = 0;
            for (int n; (n = await dispatcher.RunOnceAsync(ct)) > 0;) rest += n;
            return new OutboxReport(waiting, sampled, sampleTime, marked, rest, total.Elapsed);
        }
    }

    private static async Task<int> CountAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RunnerDbContext>().Set<OutboxMessage>()
            .CountAsync(m => m.ProcessedAt == null && m.DeadAt == null, ct);
    }
}
