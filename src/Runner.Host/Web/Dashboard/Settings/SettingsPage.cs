using Runner.Host.Web.Api;

namespace Runner.Host.Web.Dashboard.Settings;

/// <summary>
/// A settings page with several forms: a refusal (the API's, or a field the page could not read) is shown next to the
/// form that was sent, which keeps what was typed; a problem of the page itself (a read that failed) at its top.
/// </summary>
public abstract class SettingsPage : DashPage
{
    /// <summary>The form whose change was refused, or null.</summary>
    protected string? FailedForm { get; private set; }

    /// <summary>The problem to show at the top of the page: one no form caused.</summary>
    protected ApiProblem? PageProblem => FailedForm is null ? Problem : null;

    /// <summary>The refusal of <paramref name="form"/>, shown next to it; null when it was not the one refused.</summary>
    protected ApiProblem? ProblemOf(string form) => FailedForm == form ? Problem : null;

    protected bool Failed(string form) => ProblemOf(form) is not null;

    /// <summary>The version <paramref name="form"/> carries (see <see cref="DashPage.VersionShown"/>).</summary>
    protected long VersionFor(string form, long current) => VersionShown(Failed(form), current);

    /// <summary>After <paramref name="form"/>'s change: on to <paramref name="then"/> (this page) by a GET, or its refusal next to it.</summary>
    protected void Done(string form, ApiProblem? problem, string? then = null)
    {
        if (problem is not null) FailedForm = form;
        Done(problem, then);
    }

    /// <summary>Refuses <paramref name="form"/> before any call: what was typed cannot be read.</summary>
    protected void Refuse(string form, ApiProblem problem)
    {
        FailedForm = form;
        Problem = problem;
    }
}
