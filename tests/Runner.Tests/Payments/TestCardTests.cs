using System.Net;
using System.Text.Json;
using Runner.Payments.Contracts;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Payments;

/// <summary>Every card of ../shared/data/payment-test-cards gets the outcome its documentation gives it.</summary>
public class TestCardTests(PaymentsApp app) : IClassFixture<PaymentsApp>
{
    /// <summary>What a documented behaviour means for the sandbox: success, a decline code, 3-D Secure, or refused at tokenization.</summary>
    private static string Expected(JsonElement card)
    {
        var number = card.Str("number");
        var behaviour = card.TryGetProperty("stripe_test_mode_behaviour", out var b) ? b.GetString()! : card.Str("note");
        if (card.TryGetProperty("luhn_valid", out var luhn) && !luhn.GetBoolean()) return "400:payment.invalid_card_number";
        if (number.All(c => c == '0')) return "400:payment.unsupported_card";
        if (behaviour.Contains("3DS", StringComparison.Ordinal)) return "requires_action";
        if (behaviour.StartsWith("decline:", StringComparison.Ordinal))
        {
            var reason = behaviour["decline:".Length..].Trim();
            return reason switch
            {
                _ when reason.StartsWith("card_declined", StringComparison.Ordinal) => "payment.card_declined",
                _ when reason.StartsWith("fraud", StringComparison.Ordinal) => "payment.card_declined",
                "lost_card" or "stolen_card" or "insufficient_funds" or "expired_card" or "incorrect_cvc" or "processing_error" => "payment." + reason,
                _ => throw new InvalidOperationException($"Undocumented decline '{reason}' for {number}."),
            };
        }
        if (behaviour.StartsWith("attaching to a customer succeeds; later charges fail", StringComparison.Ordinal)) return "payment.card_declined";
        if (behaviour.StartsWith("cvc_check fails", StringComparison.Ordinal)) return "payment.incorrect_cvc";
        if (behaviour.StartsWith("succe", StringComparison.Ordinal) || behaviour.StartsWith("charge succeeds", StringComparison.Ordinal)) return "success";
        throw new InvalidOperationException($"No expectation for '{behaviour}' ({number}).");
    }

    [SkippableFact]
    public async Task EveryListedTestCard_GetsItsDocumentedOutcome()
    {
        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(SharedData.Require("payment-test-cards/test_cards.json")));
        var cards = doc.RootElement.GetProperty("valid_luhn").EnumerateArray().Concat(doc.RootElement.GetProperty("invalid_luhn").EnumerateArray()).ToList();
        Assert.True(cards.Count >= 30);
        var store = app.Store();
        var failures = new List<string>();
        foreach (var card in cards)
        {
            var number = card.Str("number");
            var expected = Expected(card);
            var cvc = card.Str("brand") == "amex" ? "1234" : "123";
            var response = await store.PostJson("/store/payment-tokens",
                new { number, expMonth = 12, expYear = DateTime.UtcNow.Year + 3, cvc, holderName = "Test Card" });
            string actual;
            if (response.StatusCode != HttpStatusCode.Created)
            {
                var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
                actual = $"{(int)response.StatusCode}:{problem.Str("code")}";
            }
            else
            {
                var token = await response.Json(HttpStatusCode.Created);
                if (card.Str("brand") != token.Str("brand")) failures.Add($"{number}: brand {token.Str("brand")}, documented {card.Str("brand")}");
                var result = await PaymentsData.AuthorizeAsync(app, token.Str("token"), 5_000);
                actual = result.Decline?.Code ?? (result.Payment!.State switch
                {
                    PaymentState.RequiresAction => "requires_action",
                    PaymentState.Authorized => "success",
                    var s => s.ToString(),
                });
            }
            if (actual != expected) failures.Add($"{number}: got {actual}, documented {expected}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
