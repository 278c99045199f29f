using System.Net;
using Runner.Payments.Contracts;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Payments;

public class PaymentTokenTests(PaymentsApp app) : IClassFixture<PaymentsApp>
{
    private static object Card(string number, string cvc = "123", int month = 12, int? year = null) =>
        new { number, expMonth = month, expYear = year ?? DateTime.UtcNow.Year + 2, cvc, holderName = "Ada Lovelace" };

    [Fact]
    public async Task Tokenize_AValidCard_Returns201WithBrandLast4AndExpiry()
    {
        var token = await (await app.Store().PostJson("/store/payment-tokens", Card("4242 4242 4242 4242"))).Json(HttpStatusCode.Created);
        Assert.StartsWith("tok_", token.Str("token"));
        Assert.Equal("visa", token.Str("brand"));
        Assert.Equal("4242", token.Str("last4"));
        Assert.Equal(12, token.GetProperty("expMonth").GetInt32());
        Assert.Equal(DateTime.UtcNow.Year + 2, token.GetProperty("expYear").GetInt32());
    }

    [Theory]
    [InlineData("4242424242424241")]
    [InlineData("1234567812345678")]
    [InlineData("42424242abcd4242")]
    [InlineData("")]
    public async Task Tokenize_ANumberFailingLuhnOrMalformed_Is400InvalidCardNumber(string number) =>
        (await (await app.Store().PostJson("/store/payment-tokens", Card(number))).Problem(HttpStatusCode.BadRequest, "payment.invalid_card_number"))
            .HasFieldError("number");

    [Fact]
    public async Task Tokenize_AllZeros_PassesLuhnButHasNoBrand_Is400Unsupported() =>
        await (await app.Store().PostJson("/store/payment-tokens", Card("0000000000000000"))).Problem(HttpStatusCode.BadRequest, "payment.unsupported_card");

    [Fact]
    public async Task Tokenize_AnExpiryInThePast_Is400()
    {
        var lastYear = DateTime.UtcNow.Year - 1;
        await (await app.Store().PostJson("/store/payment-tokens", Card(PaymentsData.Success, year: lastYear))).Problem(HttpStatusCode.BadRequest, "payment.invalid_expiry");
        await (await app.Store().PostJson("/store/payment-tokens", Card(PaymentsData.Success, month: 13))).Problem(HttpStatusCode.BadRequest, "payment.invalid_expiry");
    }

    [Fact]
    public async Task Tokenize_ACvcOfTheWrongLength_Is400_AmexWantsFourDigits()
    {
        await (await app.Store().PostJson("/store/payment-tokens", Card("378282246310005", "123"))).Problem(HttpStatusCode.BadRequest, "payment.invalid_cvc");
        await (await app.Store().PostJson("/store/payment-tokens", Card("378282246310005", "1234"))).Json(HttpStatusCode.Created);
        await (await app.Store().PostJson("/store/payment-tokens", Card(PaymentsData.Success, "12a"))).Problem(HttpStatusCode.BadRequest, "payment.invalid_cvc");
    }

    [Fact]
    public async Task Tokenize_WithoutAPublishableKey_Is401()
    {
        var response = await app.Store(key: null).PostJson("/store/payment-tokens", Card(PaymentsData.Success));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task AToken_IsSingleUse()
    {
        var token = await PaymentsData.TokenAsync(app.Store());
        Assert.NotNull((await PaymentsData.AuthorizeAsync(app, token)).Payment);
        var again = await Assert.ThrowsAsync<Runner.Kernel.Results.DomainException>(() => PaymentsData.AuthorizeAsync(app, token));
        Assert.Equal("payment.token_invalid", again.Error.Code);
    }

    [Fact]
    public async Task AnUnknownToken_IsRefused()
    {
        var e = await Assert.ThrowsAsync<Runner.Kernel.Results.DomainException>(() => PaymentsData.AuthorizeAsync(app, "tok_nope"));
        Assert.Equal("payment.token_invalid", e.Error.Code);
    }

    [Fact]
    public async Task TheSameCard_GetsTheSameFingerprint_AnotherCardADifferentOne()
    {
        var a = await PaymentsData.AuthorizedAsync(app);
        var b = await PaymentsData.AuthorizedAsync(app);
        var c = await PaymentsData.AuthorizedAsync(app, number: "5555555555554444");
        var prints = await app.WithDbAsync(db => Task.FromResult(db.Set<Runner.Payments.Payments.Payment>()
            .Where(p => p.Id == a.Id || p.Id == b.Id || p.Id == c.Id).ToDictionary(p => p.Id, p => p.Fingerprint)));
        Assert.Equal(prints[a.Id], prints[b.Id]);
        Assert.NotEqual(prints[a.Id], prints[c.Id]);
        Assert.Equal(64, prints[a.Id]!.Length);
        Assert.Equal(PaymentMethod.Card, a.Method);
    }
}
