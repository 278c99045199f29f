using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Runner.Kernel;
using Runner.Kernel.Data;
using Runner.Payments.Contracts;
using Runner.Payments.Gateways;

namespace Runner.Tests.Payments;

/// <summary>The sandbox keeps its own books by idempotency key, as a real gateway does: one operation per key.</summary>
public class SandboxGatewayTests(PaymentsApp app) : IClassFixture<PaymentsApp>
{
    private static GatewayAuthorization Authorization(string key, string? outcome = null) => new(
        new PaymentId(Guid.CreateVersion7()), new Money(2_500, "USD"),
        new GatewayCard("tok_test", "visa", "4242", 12, DateTime.UtcNow.Year + 2, "fp", outcome), Capture: false, key);

    private async Task<GatewayResult> AuthorizeAsync(GatewayAuthorization request)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await ActivatorUtilities.CreateInstance<SandboxGateway>(scope.ServiceProvider).AuthorizeAsync(request);
    }

    private async Task<int> RecordsAsync(string key)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RunnerDbContext>().Set<SandboxOperation>().CountAsync(o => o.Key == key);
    }

    [Fact]
    public async Task TheSameKey_AnswersTheFirstOutcome_AndIsRecordedOnce_EvenInParallel()
    {
        var key = "sbx-test-" + Guid.NewGuid().ToString("N");
        var first = await AuthorizeAsync(Authorization(key));
        Assert.Equal(GatewayStatus.Succeeded, first.Status);
        Assert.StartsWith("sbx_auth_", first.Reference);

        // A retry with another card's outcome still gets what the key got the first time.
        Assert.Equal(first, await AuthorizeAsync(Authorization(key, SandboxOutcomes.CardDeclined)));
        Assert.Equal(1, await RecordsAsync(key));

        var parallel = "sbx-test-" + Guid.NewGuid().ToString("N");
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => AuthorizeAsync(Authorization(parallel))));
        Assert.Single(answers.Select(a => a.Reference).Distinct());
        Assert.Equal(1, await RecordsAsync(parallel));
        Assert.Equal(answers[0], await LookupAsync(parallel));
    }

    private async Task<GatewayResult?> LookupAsync(string key)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await ActivatorUtilities.CreateInstance<SandboxGateway>(scope.ServiceProvider).LookupAsync(key);
    }
}
