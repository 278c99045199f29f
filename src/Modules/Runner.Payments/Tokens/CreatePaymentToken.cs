using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Runner.Kernel.Data;
using Runner.Kernel.Http;
using Runner.Kernel.Results;
using Runner.Kernel.Validation;
using Runner.Payments.Gateways;

namespace Runner.Payments.Tokens;

/// <summary>A card as the storefront sends it. Its number and CVC live only in this request: never stored, never logged.</summary>
public sealed record PaymentTokenRequest(string? Number, int? ExpMonth, int? ExpYear, string? Cvc, string? HolderName)
{
    /// <summary>Never prints the number or the CVC, wherever the request ends up.</summary>
    public override string ToString() => $"PaymentTokenRequest {{ ExpMonth = {ExpMonth}, ExpYear = {ExpYear}, HolderName = {HolderName} }}";
}

public sealed record PaymentTokenResponse(string Token, string Brand, string Last4, int ExpMonth, int ExpYear, DateTimeOffset ExpiresAt);

/// <summary>
/// <c>POST /store/payment-tokens</c>: turns a card into a single-use token valid for <see cref="Lifetime"/>. The token
/// keeps brand, last four, expiry, holder, a keyed fingerprint and the sandbox's outcome for the card.
/// </summary>
internal sealed class CreatePaymentToken(RunnerDbContext db, TimeProvider clock, CardFingerprints fingerprints)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    public static void Map(IEndpointRouteBuilder store) =>
        store.MapPost("/payment-tokens", Endpoint).RequireStorefront()
            .WithName("CreatePaymentToken").WithSummary("Tokenize a card (single use, valid 30 minutes)")
            .Produces<PaymentTokenResponse>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest);

    internal static async Task<Results<Created<PaymentTokenResponse>, ProblemHttpResult>> Endpoint(
        PaymentTokenRequest request, CreatePaymentToken handler, CancellationToken ct)
    {
        var result = await handler.RunAsync(request, ct);
        return result.IsSuccess ? TypedResults.Created((string?)null, result.Value) : Problems.Of(result.Error);
    }

    public async Task<Result<PaymentTokenResponse>> RunAsync(PaymentTokenRequest r, CancellationToken ct)
    {
        var now = Instants.Now(clock);
        var digits = CardNumbers.Normalize(r.Number);
        if (digits is null || !CardNumbers.PassesLuhn(digits))
            return Error.Invalid("number", "payment.invalid_card_number", "The card number is not valid; check it and try again.");
        var brand = CardNumbers.BrandOf(digits);
        if (brand is null)
            return Error.Invalid("number", "payment.unsupported_card", "Cards of this kind are not accepted.");
        var v = new Validator();
        var year = r.ExpYear is >= 0 and < 100 ? 2000 + r.ExpYear.Value : r.ExpYear ?? 0;
        if (r.ExpMonth is not (>= 1 and <= 12))
            v.Add("expMonth", "payment.invalid_expiry", "expMonth must be a month from 1 to 12.");
        else if (year < now.Year || year > now.Year + 20 || (year == now.Year && r.ExpMonth < now.Month))
            v.Add("expYear", "payment.invalid_expiry", "The card's expiry date has passed or is not a real one.");
        if (r.Cvc is null || r.Cvc.Length != CardNumbers.CvcLength(brand) || !r.Cvc.All(char.IsAsciiDigit))
            v.Add("cvc", "payment.invalid_cvc", $"The security code must be {CardNumbers.CvcLength(brand)} digits.");
        v.Required("holderName", r.HolderName, 200);
        if (!v.IsValid) return v.ToError();

        var token = new PaymentToken
        {
            Token = "tok_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            Brand = brand,
            Last4 = digits[^4..],
            ExpMonth = r.ExpMonth!.Value,
            ExpYear = year,
            HolderName = r.HolderName!.Trim(),
            Fingerprint = await fingerprints.OfAsync(digits, ct),
            SandboxOutcome = SandboxOutcomes.For(digits),
            CreatedAt = now,
            ExpiresAt = now + Lifetime,
        };
        db.Add(token);
        await db.SaveChangesAsync(ct);
        return new PaymentTokenResponse(token.Token, token.Brand, token.Last4, token.ExpMonth, token.ExpYear, token.ExpiresAt);
    }
}
