using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Runner.Bench.Checkout;

internal sealed record ShopperLine(string VariantId, int Quantity);

/// <summary>What one shopper buys: a guest cart for this email, with these lines.</summary>
internal sealed record ShopperPlan(string Email, IReadOnlyList<ShopperLine> Lines);

/// <summary>The order a 201 complete answered, and when its answer had been read (a Stopwatch timestamp).</summary>
internal sealed record PlacedOrder(byte[] Answer, long AnsweredAt)
{
    /// <summary>Parsed on demand: the checkout scenarios, which do not need it, do not pay for it.</summary>
    public string Id
    {
        get
        {
            using var order = JsonDocument.Parse(Answer);
            return order.RootElement.GetProperty("id").GetString()!;
        }
    }
}

/// <summary>
/// A guest checkout as a storefront makes it, every call over HTTP with the publishable key: create the cart (USD,
/// email), add each line, set the shipping address, list the shipping rates, choose the first, tokenize the test card
/// 4242 4242 4242 4242, complete with a fresh <c>Idempotency-Key</c>. Any answer but 2xx ends the flow and is recorded.
/// </summary>
internal static class ShopperFlow
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private static readonly object Address = new
    {
        firstName = "Ada", lastName = "Shopper", line1 = "1 Market St", city = "San Francisco", region = "CA", postalCode = "94107",
        country = ShippingCountry, phone = "+1 415 555 0100",
    };

    /// <summary>The country of every shopper's address: the bench makes sure a shipping zone covers it.</summary>
    public const string ShippingCountry = "US";
    public const string TestCard = "4242424242424242";

    private static readonly byte[] Card = JsonSerializer.SerializeToUtf8Bytes(new
    {
        number = TestCard, expMonth = 12, expYear = DateTime.UtcNow.Year + 3, cvc = "123", holderName = "Ada Shopper",
    }, JsonSerializerOptions.Web);

    /// <summary>Runs the flow; the order placed, or null when a call did not answer 2xx.</summary>
    public static async Task<PlacedOrder?> RunAsync(HttpClient client, ShopperPlan plan, FlowRecorder recorder, long startedAt, CancellationToken ct)
    {
        recorder.Start();
        try
        {
            return await CheckOutAsync(new Calls(client, recorder, ct), plan, recorder);
        }
        finally
        {
            recorder.Flow(FlowRecorder.Since(startedAt));
        }
    }

    private static async Task<PlacedOrder?> CheckOutAsync(Calls calls, ShopperPlan plan, FlowRecorder recorder)
    {
        var (ok, cart) = await calls.SendAsync("cart", HttpMethod.Post, "store/carts", Body(new { currency = "USD", email = plan.Email }), Id);
        if (!ok) return null;
        foreach (var line in plan.Lines)
        {
            if (!(await calls.SendAsync("line", HttpMethod.Post, $"store/carts/{cart}/lines",
                Body(new { variantId = line.VariantId, quantity = line.Quantity }))).Ok) return null;
        }
        if (!(await calls.SendAsync("address", HttpMethod.Patch, $"store/carts/{cart}", Body(new { shippingAddress = Address }))).Ok) return null;
        var (listed, rateId) = await calls.SendAsync("rates", HttpMethod.Get, $"store/carts/{cart}/shipping-rates", null, FirstRate);
        if (!listed) return null;
        if (rateId is null)
        {
            recorder.Fail("rates", 200, "no rate offered");
            return null;
        }
        if (!(await calls.SendAsync("rate", HttpMethod.Post, $"store/carts/{cart}/shipping-rate", Body(new { rateId }))).Ok) return null;
        var (tokenized, token) = await calls.SendAsync("token", HttpMethod.Post, "store/payment-tokens", Card, e => e.GetProperty("token").GetString());
        if (!tokenized) return null;

        var sent = Stopwatch.GetTimestamp();
        var (status, body) = await calls.ExchangeAsync("complete", HttpMethod.Post, $"store/carts/{cart}/complete", Body(new { paymentToken = token }),
            Guid.NewGuid().ToString());
        var answeredAt = Stopwatch.GetTimestamp();
        if (status == 201)
        {
            recorder.Complete(plan, answeredAt - sent);
            return new PlacedOrder(body, answeredAt);
        }
        if (status == 0) recorder.CompleteUnanswered(plan);
        return null;
    }

    private static byte[] Body(object value) => JsonSerializer.SerializeToUtf8Bytes(value, JsonSerializerOptions.Web);

    private static string? Id(JsonElement e) => e.GetProperty("id").GetString();

    private static string? FirstRate(JsonElement e) =>
        e.GetProperty("items") is { ValueKind: JsonValueKind.Array } items && items.GetArrayLength() > 0 ? items[0].GetProperty("id").GetString() : null;

    /// <summary>The calls of one flow; each is counted, and a failure is recorded with its step, status and problem code.</summary>
    private sealed class Calls(HttpClient client, FlowRecorder recorder, CancellationToken ct)
    {
        public async Task<(bool Ok, string? Value)> SendAsync(string step, HttpMethod method, string path, byte[]? body,
            Func<JsonElement, string?>? pick = null)
        {
            var (status, answer) = await ExchangeAsync(step, method, path, body, null);
            if (status is < 200 or >= 300) return (false, null);
            if (pick is null) return (true, null);
            using var document = JsonDocument.Parse(answer);
            return (true, pick(document.RootElement));
        }

        public async Task<(int Status, byte[] Body)> ExchangeAsync(string step, HttpMethod method, string path, byte[]? body, string? idempotencyKey)
        {
            recorder.Request();
            using var request = new HttpRequestMessage(method, path);
            if (body is not null) request.Content = new ByteArrayContent(body) { Headers = { ContentType = Json } };
            if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
            var sent = Stopwatch.GetTimestamp();
            try
            {
                using var response = await client.SendAsync(request, ct);
                var bytes = await response.Content.ReadAsByteArrayAsync(ct);
                recorder.Step(step, FlowRecorder.Since(sent));
                var status = (int)response.StatusCode;
                if (status is < 200 or >= 300) recorder.Fail(step, status, ProblemCode(bytes));
                return (status, bytes);
            }
            catch (Exception e) when (e is HttpRequestException or IOException || (e is TaskCanceledException && !ct.IsCancellationRequested))
            {
                recorder.Fail(step, 0, e.GetType().Name);
                return (0, []);
            }
        }

        private static string? ProblemCode(byte[] body)
        {
            try
            {
                using var document = JsonDocument.Parse(body);
                return document.RootElement.TryGetProperty("code", out var code) ? code.GetString() : null;
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }
}
