using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Runner.Identity.Passkeys;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Identity;

/// <summary>The passkey ceremonies over HTTP, answered by a <see cref="SoftwareAuthenticator"/>.</summary>
internal static class PasskeyData
{
    /// <summary>The default channel's page: the test host's own address (it has no origins of its own).</summary>
    public const string Origin = RunnerApp.PublicUrl;

    public const string Customer = "/store/auth/passkeys", Staff = "/admin/auth/passkeys";

    /// <summary>The options a client gets: (challengeId, publicKey).</summary>
    public static async Task<(string ChallengeId, JsonElement PublicKey)> OptionsAsync(HttpClient client, string url)
    {
        var answer = await (await client.PostAsync(url, null)).Json();
        return (answer.Str("challengeId"), answer.GetProperty("publicKey"));
    }

    /// <summary>Registers a passkey made by <paramref name="authenticator"/> on <paramref name="origin"/>: the response and the credential.</summary>
    public static async Task<(HttpResponseMessage Response, SoftwareAuthenticator.Credential Credential)> RegisterAsync(HttpClient client,
        SoftwareAuthenticator authenticator, string root = Customer, string origin = Origin, string? rpId = null, bool verified = true)
    {
        var (challengeId, options) = await OptionsAsync(client, root + "/registration/options");
        var (credential, kept) = authenticator.Create(options, origin, rpId, verified);
        return (await client.PostJson(root + "/registration", new { challengeId, credential, name = "Test key" }), kept);
    }

    /// <summary>Signs in with <paramref name="credential"/>; <paramref name="configure"/> may change how the authenticator answers.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, SoftwareAuthenticator authenticator,
        SoftwareAuthenticator.Credential credential, string root = Customer, string origin = Origin, string? rpId = null, bool verified = true,
        uint? signCount = null, System.Security.Cryptography.ECDsa? signWith = null)
    {
        var (challengeId, options) = await OptionsAsync(client, root + "/sign-in/options");
        var answer = authenticator.Get(options, credential, origin, rpId, verified, signCount, signWith);
        return await client.PostJson(root + "/sign-in", new { challengeId, credential = answer });
    }

    /// <summary>Rows of the passkey tables: nothing may change them on refused input.</summary>
    public static Task<(int Passkeys, int Challenges)> CountAsync(RunnerApp app) => app.WithDbAsync(async db =>
        (await db.Set<Passkey>().CountAsync(), await db.Set<UsedPasskeyChallenge>().CountAsync()));
}
