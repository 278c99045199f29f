using Runner.Host.Web.Api;
namespace Runner.Host.Web.Dashboard;

/// <summary>Who is signed in to the dashboard, asked of the API once per request (the layout and the page share it).</summary>
public sealed class StaffSession(AdminApi api)
{
    private Task<StaffMe?>? _me;

    public Task<StaffMe?> MeAsync() => _me ??= LoadAsync();

    private async Task<StaffMe?> LoadAsync() => (await api.GetAsync<StaffMe>("/admin/auth/me")).Value;
}
