using Runner.Host.Web.Api;
using Microsoft.AspNetCore.Components;

namespace Runner.Host.Web.Dashboard;

/// <summary>
/// A dashboard page: a visitor who is not signed in goes to the sign-in page (and comes back after it); a staff member
/// whose role lacks <see cref="Permission"/> gets a 403 page saying which permission it takes. The API decides the
/// same again for every call the page makes.
/// </summary>
public abstract class DashPage : ComponentBase
{
    [Inject] protected AdminApi Api { get; set; } = default!;
    [Inject] protected StaffSession Session { get; set; } = default!;
    [Inject] protected NavigationManager Navigation { get; set; } = default!;
    [CascadingParameter] public HttpContext? Http { get; set; }

    protected StaffMe Me { get; private set; } = default!;
    protected bool Forbidden { get; private set; }
    protected ApiProblem? Problem { get; set; }

    /// <summary>
    /// The version of what the sent form changes, as the page showed it (the form's hidden <c>Version</c> field), or
    /// null: sent as <see cref="IfMatch"/>, so a change made from a page opened before someone else's is refused
    /// instead of undoing theirs.
    /// </summary>
    [SupplyParameterFromForm(Name = "Version")] public long? SeenVersion { get; set; }

    /// <summary>The If-Match of the sent form's change (null when it carries no version).</summary>
    protected string? IfMatch => SeenVersion is { } version ? Runner.Kernel.Http.Versions.ETag(version) : null;

    /// <summary>
    /// The version a form carries (its hidden <c>Version</c> field): the one it was sent with while it stands
    /// <paramref name="refused"/> (so a form refused for someone else's change stays refused until the page is
    /// reloaded), else <paramref name="current"/>.
    /// </summary>
    protected long VersionShown(bool refused, long current) => refused && SeenVersion is { } seen ? seen : current;

    /// <summary>The permission the page needs (null: any staff member).</summary>
    protected virtual string? Permission => null;

    protected override async Task OnInitializedAsync()
    {
        if (await Session.MeAsync() is not { } me)
        {
            var here = "/" + Navigation.ToBaseRelativePath(Navigation.Uri);
            Navigation.NavigateTo("/dashboard/sign-in?returnUrl=" + Uri.EscapeDataString(here));
            return;
        }
        Me = me;
        if (Permission is { } needed && !me.Can(needed))
        {
            Forbidden = true;
            if (Http is not null) Http.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }
        await LoadAsync();
    }

    protected virtual Task LoadAsync() => Task.CompletedTask;

    /// <summary>After a change the page is shown again by a GET (a reload posts nothing twice); a refusal stays, with its message.</summary>
    protected void Done(ApiProblem? problem, string? then = null)
    {
        if (problem is null) Navigation.NavigateTo(then ?? "/" + Navigation.ToBaseRelativePath(Navigation.Uri));
        else Problem = problem;
    }
}
