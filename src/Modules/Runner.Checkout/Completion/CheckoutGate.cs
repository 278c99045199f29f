using Microsoft.Extensions.Options;
using Runner.Kernel;

namespace Runner.Checkout.Completion;

/// <summary>
/// Admission control for checkouts: at most half the database pool's connections' worth of checkouts run at once in
/// this process; the others wait here, asynchronously and holding no connection. A checkout makes many short database
/// calls and holds a connection through its transactions; in a flash sale hundreds arriving together would otherwise
/// queue for the pool at every call and time out, though each alone takes milliseconds.
/// </summary>
internal sealed class CheckoutGate(IOptions<DatabaseOptions> options)
{
    private readonly SemaphoreSlim _slots = new(Math.Max(1, options.Value.MaxPoolSize / 2));

    public async Task<T> RunAsync<T>(Func<Task<T>> work, CancellationToken ct)
    {
        await _slots.WaitAsync(ct);
        try
        {
            return await work();
        }
        finally
        {
            _slots.Release();
        }
    }
}
