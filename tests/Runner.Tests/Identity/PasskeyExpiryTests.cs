using System.Net;
using Microsoft.Extensions.Time.Testing;
using Runner.Tests.Infrastructure;
using static Runner.Tests.Identity.PasskeyData;

namespace Runner.Tests.Identity;

/// <summary>A passkey challenge answered after its five minutes is refused (the host on a clock moved by hand).</summary>
public class PasskeyExpiryTests(PasskeyExpiryTests.ClockApp app) : IClassFixture<PasskeyExpiryTests.ClockApp>
{
    public sealed class ClockApp : RunnerApp
    {
        public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);
        protected override FakeTimeProvider? Clock => Time;
    }

    [Fact]
    public async Task AnExpiredChallenge_IsRefused()
    {
        var customer = AccountData.As(app, (await AccountData.NewAccountAsync(app, AccountData.Email("pk-late"))).Str("accessToken"));
        var authenticator = new SoftwareAuthenticator();
        var (registered, credential) = await RegisterAsync(customer, authenticator);
        await registered.Json(HttpStatusCode.Created);

        var (createId, creation) = await OptionsAsync(customer, Customer + "/registration/options");
        var (signInId, request) = await OptionsAsync(app.Store(), Customer + "/sign-in/options");
        app.Time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        var (late, _) = authenticator.Create(creation, Origin);
        await (await customer.PostJson(Customer + "/registration", new { challengeId = createId, credential = late }))
            .Problem(HttpStatusCode.BadRequest, "passkeys.invalid_challenge");
        await (await app.Store().PostJson(Customer + "/sign-in", new { challengeId = signInId, credential = authenticator.Get(request, credential, Origin) }))
            .Problem(HttpStatusCode.Unauthorized, "passkeys.sign_in_failed");
        await (await SignInAsync(app.Store(), authenticator, credential)).Json();
    }
}
