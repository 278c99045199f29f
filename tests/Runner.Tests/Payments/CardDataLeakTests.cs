using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Runner.Kernel;
using Runner.Payments.Contracts;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Payments;

public class CardDataLeakTests(PaymentsApp app) : IClassFixture<PaymentsApp>
{
    private static readonly string[] Numbers = ["4242424242424242", "4000000000009995", "4000000000003220", "378282246310005", "4242424242424241"];
    private const string Cvc = "987", AmexCvc = "7531";

    [Fact]
    public async Task AfterTokenizingAndPaying_NoCardNumberOrCvcIsInAnyTableOrLogLine()
    {
        var store = app.Store();
        foreach (var number in Numbers)
        {
            var amex = number.StartsWith("37", StringComparison.Ordinal);
            var response = await store.PostJson("/store/payment-tokens",
                new { number, expMonth = 11, expYear = DateTime.UtcNow.Year + 4, cvc = amex ? AmexCvc : Cvc, holderName = "Grace Hopper" });
            if (!response.IsSuccessStatusCode) continue;
            var token = (await response.Json(System.Net.HttpStatusCode.Created)).Str("token");
            var result = await PaymentsData.AuthorizeAsync(app, token, 12_345);
            if (result.Payment is { State: PaymentState.Authorized } p)
            {
                (await app.WithPaymentsAsync(x => x.CaptureAsync(p.Id, null))).Ok();
                (await app.WithPaymentsAsync(x => x.RefundAsync(p.Id, new Money(345, "USD"), "test"))).Ok();
            }
        }
        // Malformed bodies must not echo the number either.
        await store.SendRaw(HttpMethod.Post, "/store/payment-tokens", $"{{\"number\": {Numbers[0]}, \"cvc\": {Cvc}}}");
        await store.SendRaw(HttpMethod.Post, "/store/payment-tokens", $"{{\"number\": \"{Numbers[0]}\", \"cvc\": \"{Cvc}\", \"expMonth\": \"x\"}}");

        var texts = await AllTextAsync();
        Assert.True(texts.Count > 20, "the scan found too little text to be meaningful");
        var secrets = Numbers.Concat(Numbers.Select(n => string.Join(" ", n.Chunk(4).Select(c => new string(c))))).ToList();
        foreach (var text in texts.Concat(app.Logs))
        {
            foreach (var secret in secrets) Assert.DoesNotContain(secret, text);
            foreach (var cvc in new[] { Cvc, AmexCvc })
            {
                Assert.DoesNotContain($"\"cvc\":\"{cvc}\"", text.Replace(" ", ""));
                Assert.DoesNotContain($"\"cvc\":{cvc}", text.Replace(" ", ""));
            }
        }
        Assert.NotEmpty(app.Logs);
    }

    /// <summary>Every text value of every table (SQLite or PostgreSQL).</summary>
    private Task<List<string>> AllTextAsync() => app.WithDbAsync(async db =>
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        var columns = new List<(string Table, string Column)>();
        var listing = app.Database.IsPostgres
            ? "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() AND data_type IN ('text', 'character varying', 'jsonb', 'json')"
            : "SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table'";
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = listing;
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) columns.Add((reader.GetString(0), reader.GetString(1)));
        }
        var values = new List<string>();
        foreach (var (table, column) in columns)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT CAST(\"{column}\" AS TEXT) FROM \"{table}\" WHERE \"{column}\" IS NOT NULL";
            await using DbDataReader reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) values.Add(reader.GetString(0));
        }
        return values;
    });
}
