using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Runner.Kernel;
using Runner.Payments.Contracts;
using Runner.Payments.Gateways;

namespace Runner.Tests.Payments;

/// <summary>
/// How the next gateway calls fail. <see cref="LoseAnswers"/>: the gateway does the operation, then the answer is lost
/// (the call throws), as when the process dies between the call and its commit. <see cref="NeverReceive"/>: the call
/// throws before reaching the gateway. <see cref="Unreachable"/>: the gateway cannot be asked what it did either.
/// </summary>
public sealed class GatewayFault
{
    public volatile bool LoseAnswers, NeverReceive, Unreachable;

    public void Clear() => LoseAnswers = NeverReceive = Unreachable = false;
}

/// <summary>The payments engine with its clock in the test's hands and a fault switch in front of the real sandbox gateway.</summary>
public sealed class FaultyGatewayApp : PaymentsApp
{
    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);
    public GatewayFault Fault { get; } = new();
    protected override FakeTimeProvider? Clock => Time;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.Remove(services.Single(d => d.ServiceType == typeof(IPaymentGateway) && d.ImplementationType == typeof(SandboxGateway)));
            services.AddScoped<IPaymentGateway>(sp => new FaultyGateway(ActivatorUtilities.CreateInstance<SandboxGateway>(sp), Fault));
        });
    }

    private sealed class FaultyGateway(IPaymentGateway inner, GatewayFault fault) : IPaymentGateway
    {
        public string Name => inner.Name;

        public Task<GatewayResult> AuthorizeAsync(GatewayAuthorization request, CancellationToken ct = default) =>
            Call(() => inner.AuthorizeAsync(request, ct));

        public Task<GatewayResult> ConfirmAsync(string reference, Money amount, bool capture, bool passed, CancellationToken ct = default) =>
            inner.ConfirmAsync(reference, amount, capture, passed, ct);

        public Task<GatewayResult> CaptureAsync(string reference, Money amount, string idempotencyKey, CancellationToken ct = default) =>
            Call(() => inner.CaptureAsync(reference, amount, idempotencyKey, ct));

        public Task<GatewayResult> VoidAsync(string reference, Money amount, string idempotencyKey, CancellationToken ct = default) =>
            Call(() => inner.VoidAsync(reference, amount, idempotencyKey, ct));

        public Task<GatewayResult> RefundAsync(string reference, Money amount, string idempotencyKey, CancellationToken ct = default) =>
            Call(() => inner.RefundAsync(reference, amount, idempotencyKey, ct));

        public Task<GatewayResult?> LookupAsync(string idempotencyKey, CancellationToken ct = default) =>
            fault.Unreachable ? throw new HttpRequestException("Injected: the gateway is unreachable.") : inner.LookupAsync(idempotencyKey, ct);

        private async Task<GatewayResult> Call(Func<Task<GatewayResult>> call)
        {
            if (fault.NeverReceive) throw new HttpRequestException("Injected: the request never reached the gateway.");
            var result = await call();
            if (fault.LoseAnswers) throw new TimeoutException("Injected: the gateway's answer was lost.");
            return result;
        }
    }
}
