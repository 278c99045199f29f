using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Identity;

/// <summary>Staff accounts through the admin API: invite with the bootstrap key, accept the emailed invitation, sign in.</summary>
internal static partial class StaffData
{
    public const string Password = "staff password 2026";

    /// <summary>Invites and activates a staff member with <paramref name="role"/>; answers the staff id.</summary>
    public static async Task<string> CreateAsync(RunnerApp app, string email, string role)
    {
        var invited = await (await app.Admin().PostJson("/admin/staff", new { email, name = "Sam " + role, role })).Json(HttpStatusCode.Created);
        Assert.Equal("invited", invited.Str("status"));
        await (await app.Store(key: null).PostJson("/admin/auth/invitation/accept", new { token = await InvitationAsync(app, email), password = Password })).Json();
        return invited.Str("id");
    }

    /// <summary>The token of the invitation emailed to <paramref name="email"/>.</summary>
    public static async Task<string> InvitationAsync(RunnerApp app, string email)
    {
        var mail = (await AccountData.MailAsync(app, email, "You are invited")).Replace("=\r\n", "").Replace("=\n", "").Replace("=3D", "=");
        return InvitationToken().Match(mail).Groups[1].Value;
    }

    /// <summary>A client of the admin API signed in as that staff member (no MFA).</summary>
    public static async Task<HttpClient> SignedInAsync(RunnerApp app, string email)
    {
        var tokens = await (await app.Store(key: null).PostJson("/admin/auth/password", new { email, password = Password })).Json();
        return With(app, tokens.Str("accessToken"));
    }

    public static HttpClient With(RunnerApp app, string accessToken)
    {
        var client = app.Store(key: null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    [GeneratedRegex(@"accept-invitation\?token=([A-Za-z0-9._\-]+)")]
    private static partial Regex InvitationToken();
}
