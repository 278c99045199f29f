using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Runner.Kernel.Data;
using Runner.Kernel.Http;
using Runner.Orders.Contracts;
using Runner.Orders.Orders;

namespace Runner.Orders.Storefront;

public sealed class OrderOptions
{
    /// <summary>
    /// The key that signs the order links sent to customers (base64, at least 32 bytes). Left out, a random key is made
    /// once and kept in the database (<see cref="SharedSecrets"/>), so every host process signs and checks alike.
    /// </summary>
    public string? LinkKey { get; set; }

    /// <summary>
    /// The storefront page a customer opens to see an order; <c>{id}</c> and <c>{token}</c> are filled in. The default is
    /// the reference storefront's order page (which reads <c>GET /store/orders/{id}?token=...</c>); a storefront of its
    /// own sets its address here. A relative URL is made absolute with <c>Runner:PublicUrl</c> (the address
    /// customers reach the store at), else with the host's first listening address, so the email's link works.
    /// </summary>
    public string OrderUrl { get; set; } = "/orders/{id}?token={token}";
}

/// <summary>
/// Signs and checks the link a guest gets in the order confirmation: an HMAC-SHA256 of the order id, so only the
/// holder of the email can open the order, and no account is needed.
/// </summary>
internal sealed class OrderLinks(RunnerDbContext db, SharedSecrets secrets, IOptions<OrderOptions> options, IServiceProvider services)
{
    public const string KeyName = "order_link_key";

    public async Task<string> TokenAsync(OrderId id, CancellationToken ct) =>
        Convert.ToBase64String(HMACSHA256.HashData(await KeyAsync(ct), Encoding.UTF8.GetBytes(id.Value.ToString("N"))))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public async Task<bool> CheckAsync(OrderId id, string? token, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token)) return false;
        var expected = await TokenAsync(id, ct);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(token));
    }

    public async Task<string> UrlAsync(OrderId id, CancellationToken ct)
    {
        var url = options.Value.OrderUrl.Replace("{id}", id.ToString(), StringComparison.Ordinal)
            .Replace("{token}", await TokenAsync(id, ct), StringComparison.Ordinal);
        return PublicAddress.Absolute(services, url);
    }

    private async ValueTask<byte[]> KeyAsync(CancellationToken ct) =>
        options.Value.LinkKey is { Length: > 0 } configured ? Convert.FromBase64String(configured) : await secrets.GetAsync(db, KeyName, ct);
}
