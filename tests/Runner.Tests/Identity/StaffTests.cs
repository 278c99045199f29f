using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Runner.Identity.Security;
using Runner.Identity.Staff;
using Runner.Tests.Infrastructure;
using Runner.Tests.Orders;

namespace Runner.Tests.Identity;

public class StaffTests(RunnerApp app) : IClassFixture<RunnerApp>
{
    private const string Password = StaffData.Password;

    /// <summary>Invites through the bootstrap key and accepts the emailed invitation (twice: the second is refused); the staff id.</summary>
    private async Task<string> StaffAsync(string email, string role)
    {
        var id = await StaffData.CreateAsync(app, email, role);
        await (await app.Store(key: null).PostJson("/admin/auth/invitation/accept", new { token = await StaffData.InvitationAsync(app, email), password = Password }))
            .Problem(HttpStatusCode.BadRequest, "staff.invalid_invitation");
        return id;
    }

    private async Task<JsonElement> SignInAsync(string email, string password = Password) =>
        await (await app.Store(key: null).PostJson("/admin/auth/password", new { email, password })).Json();

    private HttpClient As(string accessToken) => StaffData.With(app, accessToken);

    [Fact]
    public async Task ASupportMember_ReadsOrders_ButCannotRefund_OrOpenSettings_OrManageStaff()
    {
        var email = AccountData.Email("support");
        await StaffAsync(email, BuiltInRoles.Support);
        var tokens = await SignInAsync(email);
        Assert.False(tokens.GetProperty("mfaRequired").GetBoolean());
        var support = As(tokens.Str("accessToken"));

        var stock = await OrderData.StockAsync(app.Admin(), 5);
        var placed = await OrderData.PlaceAsync(app, stock, 1, 2000);
        await (await support.GetAsync($"/admin/orders/{placed.Id}")).Json();
        await (await support.GetAsync("/admin/customers")).Json();
        var refund = new HttpRequestMessage(HttpMethod.Post, $"/admin/orders/{placed.Id}/refunds")
        {
            Content = JsonContent(new { amount = new { amount = 100, currency = "USD" } }),
        };
        refund.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var denied = await (await support.SendAsync(refund)).Problem(HttpStatusCode.Forbidden, "auth.forbidden");
        Assert.Contains("refunds:write", denied.Str("detail"));
        await (await support.GetAsync("/admin/settings/payments")).Problem(HttpStatusCode.Forbidden, "auth.forbidden");
        await (await support.PostJson("/admin/staff", new { email = AccountData.Email(), name = "X", role = "admin" })).Problem(HttpStatusCode.Forbidden, "auth.forbidden");

        // Returns: Support opens them (an unknown order answers 404, not 403), but the restock that refunds is refused.
        await (await support.PostJson($"/admin/orders/{Guid.NewGuid()}/returns", new { lines = Array.Empty<object>() }))
            .Problem(HttpStatusCode.NotFound, "orders.not_found");
        await (await support.PostJson($"/admin/orders/{placed.Id}/returns/{Guid.NewGuid()}/restock", new { }))
            .Problem(HttpStatusCode.Forbidden, "auth.forbidden");

        var me = await (await support.GetAsync("/admin/auth/me")).Json();
        Assert.Equal("support", me.Str("role"));
        Assert.Contains("orders:read", me.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()));
    }

    [Fact]
    public async Task ARoleChange_OrADisabledAccount_TakesEffectAtOnce()
    {
        var email = AccountData.Email("analyst");
        var id = await StaffAsync(email, BuiltInRoles.Analyst);
        var staff = As((await SignInAsync(email)).Str("accessToken"));
        await (await staff.GetAsync("/admin/products")).Problem(HttpStatusCode.Forbidden, "auth.forbidden");
        await (await app.Admin().PatchJson($"/admin/staff/{id}", new { role = BuiltInRoles.Operations })).Json();
        await (await staff.GetAsync("/admin/products")).Json();
        await (await app.Admin().PostAsync($"/admin/staff/{id}/disable", null)).Json();
        await (await staff.GetAsync("/admin/products")).Problem(HttpStatusCode.Unauthorized, "auth.invalid_token");
        await (await app.Store(key: null).PostJson("/admin/auth/password", new { email, password = Password }))
            .Problem(HttpStatusCode.Unauthorized, "auth.invalid_credentials");
    }

    [Fact]
    public async Task Totp_IsEnrolled_ThenAsked_EachCodeWorksOnce_AndARecoveryCodeOnce()
    {
        var email = AccountData.Email("owner");
        var id = await StaffAsync(email, BuiltInRoles.Owner);
        var owner = As((await SignInAsync(email)).Str("accessToken"));
        var enrolment = await (await owner.PostAsync("/admin/auth/mfa/totp", null)).Json();
        var secret = Base32.Decode(enrolment.Str("secret"))!;
        Assert.Equal(20, secret.Length);
        Assert.StartsWith("otpauth://totp/", enrolment.Str("otpauthUri"));
        await (await owner.PostJson("/admin/auth/mfa/totp/confirm", new { code = "000000" == Totp.Compute(secret, DateTimeOffset.UtcNow) ? "111111" : "000000" }))
            .Problem(HttpStatusCode.BadRequest, "auth.invalid_mfa_code");
        var confirmed = Totp.Compute(secret, DateTimeOffset.UtcNow);
        var codes = (await (await owner.PostJson("/admin/auth/mfa/totp/confirm", new { code = confirmed })).Json())
            .GetProperty("recoveryCodes").EnumerateArray().Select(c => c.GetString()!).ToList();
        Assert.Equal(10, codes.Count);
        var stored = await app.WithDbAsync(db => db.Set<StaffMember>().AsNoTracking().SingleAsync(s => s.Id == Guid.Parse(id)));
        Assert.DoesNotContain(enrolment.Str("secret"), stored.TotpSecret);
        Assert.DoesNotContain(codes[0], string.Join(",", stored.RecoveryCodes));

        // The password alone is not enough now.
        var first = await SignInAsync(email);
        Assert.True(first.GetProperty("mfaRequired").GetBoolean());
        Assert.False(first.TryGetProperty("accessToken", out var noToken) && noToken.ValueKind == JsonValueKind.String);
        // The code used to confirm has had its step: the same code is refused (no replay), a later step's code works.
        await (await app.Store(key: null).PostJson("/admin/auth/mfa/verify", new { mfaToken = first.Str("mfaToken"), code = confirmed }))
            .Problem(HttpStatusCode.Unauthorized, "auth.invalid_mfa_code");
        var next = Totp.Compute(secret, DateTimeOffset.UtcNow.AddSeconds(Totp.PeriodSeconds));
        var signedIn = await (await app.Store(key: null).PostJson("/admin/auth/mfa/verify", new { mfaToken = first.Str("mfaToken"), code = next })).Json();
        await (await As(signedIn.Str("accessToken")).GetAsync("/admin/staff")).Json();

        var second = await SignInAsync(email);
        await (await app.Store(key: null).PostJson("/admin/auth/mfa/verify", new { mfaToken = second.Str("mfaToken"), code = codes[3].ToUpperInvariant() })).Json();
        var third = await SignInAsync(email);
        await (await app.Store(key: null).PostJson("/admin/auth/mfa/verify", new { mfaToken = third.Str("mfaToken"), code = codes[3] }))
            .Problem(HttpStatusCode.Unauthorized, "auth.invalid_mfa_code");
        await (await app.Store(key: null).PostJson("/admin/auth/mfa/verify", new { mfaToken = "mfa.x.1.y", code = codes[4] }))
            .Problem(HttpStatusCode.Unauthorized, "auth.invalid_mfa_token");
    }

    [Fact]
    public async Task WhenTheStoreRequiresMfa_StaffWithoutIt_MayOnlyEnrol()
    {
        var email = AccountData.Email("must-enrol");
        await StaffAsync(email, BuiltInRoles.Operations);
        var staff = As((await SignInAsync(email)).Str("accessToken"));
        await (await staff.GetAsync("/admin/products")).Json();
        await (await app.Admin().PatchJson("/admin/settings/security", new { requireStaffMfa = true })).Json();
        try
        {
            await (await staff.GetAsync("/admin/products")).Problem(HttpStatusCode.Forbidden, "auth.mfa_enrolment_required");
            Assert.True((await (await staff.GetAsync("/admin/auth/me")).Json()).GetProperty("mfaEnrolmentRequired").GetBoolean());
            var secret = Base32.Decode((await (await staff.PostAsync("/admin/auth/mfa/totp", null)).Json()).Str("secret"))!;
            await (await staff.PostJson("/admin/auth/mfa/totp/confirm", new { code = Totp.Compute(secret, DateTimeOffset.UtcNow) })).Json();
            await (await staff.GetAsync("/admin/products")).Json();
        }
        finally
        {
            await (await app.Admin().PatchJson("/admin/settings/security", new { requireStaffMfa = false })).Json();
        }
        Assert.False((await (await app.Admin().GetAsync("/admin/settings/security")).Json()).GetProperty("requireStaffMfa").GetBoolean());
    }

    [Fact]
    public async Task OnlyAnOwner_MakesOwners_AndTheLastOwnerStays()
    {
        var adminEmail = AccountData.Email("admin");
        await StaffAsync(adminEmail, BuiltInRoles.Admin);
        var admin = As((await SignInAsync(adminEmail)).Str("accessToken"));
        await (await admin.PostJson("/admin/staff", new { email = AccountData.Email(), name = "New owner", role = "owner" }))
            .Problem(HttpStatusCode.Forbidden, "staff.owners_only");
        var invited = await (await admin.PostJson("/admin/staff", new { email = AccountData.Email(), name = "Ops", role = "operations" })).Json(HttpStatusCode.Created);
        await (await admin.PatchJson($"/admin/staff/{invited.Str("id")}", new { role = "owner" })).Problem(HttpStatusCode.Forbidden, "staff.owners_only");
        await (await admin.PatchJson($"/admin/staff/{invited.Str("id")}", new { role = "nonsense" })).Problem(HttpStatusCode.BadRequest, "staff.unknown_role");
        await (await admin.PostJson("/admin/staff", new { email = adminEmail, name = "Again", role = "support" })).Problem(HttpStatusCode.Conflict, "staff.email_taken");
        // Nor through a key of every permission that the Admin makes: only the bootstrap key and Owners make Owners.
        var everything = (await (await admin.PostJson("/admin/api-keys", new { name = "all", kind = "secret", permissions = new[] { "*" } }))
            .Json(HttpStatusCode.Created)).Str("key");
        await (await app.Admin(everything).PostJson("/admin/staff", new { email = AccountData.Email(), name = "Sneaky", role = "owner" }))
            .Problem(HttpStatusCode.Forbidden, "staff.owners_only");

        // The store's last active Owner cannot be disabled, even by the bootstrap key: disable every other Owner first.
        var ownerId = await StaffAsync(AccountData.Email("solo-owner"), BuiltInRoles.Owner);
        var others = await app.WithDbAsync(db => db.Set<StaffMember>()
            .Where(s => s.Role == "owner" && s.Status == StaffStatus.Active && s.Id != Guid.Parse(ownerId)).Select(s => s.Id).ToListAsync());
        foreach (var other in others) await (await app.Admin().PostAsync($"/admin/staff/{other}/disable", null)).Json();
        await (await app.Admin().PostAsync($"/admin/staff/{ownerId}/disable", null)).Problem(HttpStatusCode.Conflict, "staff.last_owner");
        await (await app.Admin().PatchJson($"/admin/staff/{ownerId}", new { role = "admin" })).Problem(HttpStatusCode.Conflict, "staff.last_owner");
        foreach (var other in others) await (await app.Admin().PostAsync($"/admin/staff/{other}/enable", null)).Json();
    }

    [Fact]
    public async Task AResentInvitation_ReplacesTheFirst()
    {
        var email = AccountData.Email("resend");
        var invited = await (await app.Admin().PostJson("/admin/staff", new { email, name = "Late Reader", role = "analyst" })).Json(HttpStatusCode.Created);
        var first = await StaffData.InvitationAsync(app, email);
        foreach (var file in Directory.GetFiles(app.MailDirectory, "*.eml").Where(f => File.ReadAllText(f).Contains(email, StringComparison.OrdinalIgnoreCase)))
            File.Delete(file);
        await Task.Delay(5); // a later invitation time
        await (await app.Admin().PostAsync($"/admin/staff/{invited.Str("id")}/invitation", null)).Json();
        var second = await StaffData.InvitationAsync(app, email);
        Assert.NotEqual(first, second);
        await (await app.Store(key: null).PostJson("/admin/auth/invitation/accept", new { token = first, password = Password }))
            .Problem(HttpStatusCode.BadRequest, "staff.invalid_invitation");
        await (await app.Store(key: null).PostJson("/admin/auth/invitation/accept", new { token = second, password = Password })).Json();
        await (await app.Admin().PostAsync($"/admin/staff/{invited.Str("id")}/invitation", null)).Problem(HttpStatusCode.Conflict, "staff.not_invited");
    }

    [Fact]
    public async Task CustomRoles_HoldKnownPermissions_AndGoOnlyWhenUnused()
    {
        var role = await (await app.Admin().PostJson("/admin/roles", new { name = "Packers", permissions = new[] { "orders:read", "inventory:read" } }))
            .Json(HttpStatusCode.Created);
        (await (await app.Admin().PostJson("/admin/roles", new { name = "Bad", permissions = new[] { "*" } })).Problem(HttpStatusCode.BadRequest, "roles.unknown_permission"))
            .HasFieldError("permissions");
        var email = AccountData.Email("packer");
        var id = await StaffAsync(email, role.Str("key"));
        var packer = As((await SignInAsync(email)).Str("accessToken"));
        await (await packer.GetAsync("/admin/inventory/levels")).Json();
        await (await packer.GetAsync("/admin/products")).Problem(HttpStatusCode.Forbidden, "auth.forbidden");
        await (await app.Admin().PatchJson($"/admin/roles/{role.Str("key")}", new { permissions = new[] { "orders:read", "inventory:read", "catalog:read" } })).Json();
        await (await packer.GetAsync("/admin/products")).Json();
        await (await app.Admin().DeleteAsync($"/admin/roles/{role.Str("key")}")).Problem(HttpStatusCode.Conflict, "roles.in_use");
        await (await app.Admin().PostAsync($"/admin/staff/{id}/disable", null)).Json();
        await (await app.Admin().DeleteAsync($"/admin/roles/{role.Str("key")}")).Json(HttpStatusCode.NoContent);
        var roles = await (await app.Admin().GetAsync("/admin/roles")).Json();
        Assert.Equal(6, roles.EnumerateArray().Count(r => r.GetProperty("builtIn").GetBoolean()));
    }

    [Fact]
    public async Task StaffRefreshTokens_Rotate_AndAreNotCustomers()
    {
        var email = AccountData.Email("refresh");
        await StaffAsync(email, BuiltInRoles.Marketing);
        var tokens = await SignInAsync(email);
        var next = await (await app.Store(key: null).PostJson("/admin/auth/refresh", new { refreshToken = tokens.Str("refreshToken") })).Json();
        await (await As(next.Str("accessToken")).GetAsync("/admin/products")).Json();
        await (await app.Store(key: null).PostJson("/admin/auth/refresh", new { refreshToken = tokens.Str("refreshToken") }))
            .Problem(HttpStatusCode.Unauthorized, "auth.refresh_token_reused");
        // A staff token is no customer's: the storefront refuses it, and a customer's refresh cannot use it.
        await (await AccountData.As(app, next.Str("accessToken")).GetAsync("/store/customers/me")).Problem(HttpStatusCode.Unauthorized, "auth.invalid_token");
        await (await app.Store().PostJson("/store/auth/refresh", new { refreshToken = next.Str("refreshToken") }))
            .Problem(HttpStatusCode.Unauthorized, "auth.invalid_refresh_token");
    }

    private static StringContent JsonContent(object body) => new(JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json");

}
