using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Runner.BrowserTests;

/// <summary>
/// One Runner host (new SQLite file, demo store) and one headless Chromium for the whole run: Debian's
/// <c>/usr/bin/chromium</c>, never a downloaded browser. The tests are skipped, with the reason, where there is no
/// Chromium or when the run is the PostgreSQL one (these tests run on SQLite).
/// </summary>
public sealed class StoreFixture : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";

    public string? SkipReason { get; } =
        Environment.GetEnvironmentVariable("RUNNER_TEST_POSTGRES") is { Length: > 0 } ? "Browser tests run on SQLite only."
        : !File.Exists(Chromium) ? $"No Chromium at {Chromium} (apt-get install chromium)."
        : null;

    public HostProcess Host { get; private set; } = null!;

    /// <summary>
    /// Waits until the page's address matches <paramref name="pattern"/> (a regular expression), by polling the address
    /// itself. <c>WaitForURLAsync</c> also waits for a load state, and when the address already matches it waits for
    /// the load event, which a busy machine may hold back past the timeout. The assertions that follow wait for what
    /// they check.
    /// </summary>
    public static Task ReachedAsync(IPage page, string pattern) =>
        Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(pattern));

    public IBrowser Browser { get; private set; } = null!;
    private IPlaywright? _playwright;

    /// <summary>Where each page's screenshot is saved: <c>RUNNER_ARTIFACTS</c>, else <c>TestResults/screenshots</c> beside the tests.</summary>
    public static string Screenshots { get; } = Path.Combine(
        Environment.GetEnvironmentVariable("RUNNER_ARTIFACTS") is { Length: > 0 } root ? root : Path.Combine(AppContext.BaseDirectory, "TestResults"),
        "screenshots");

    public async Task InitializeAsync()
    {
        if (SkipReason is not null) return;
        Directory.CreateDirectory(Screenshots);
        // The machine is shared with the rest of the test run: assertions wait up to 20 s for the page to get there.
        Assertions.SetDefaultExpectTimeout(20_000);
        Host = await HostProcess.StartAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"],
            // Chromium keeps a Unix socket in the temporary folder, whose path may not pass 107 bytes.
            // (Given, the environment replaces the inherited one: it is passed whole.)
            Env = Path.GetTempPath().Length > 60 && Directory.Exists("/tmp") ? ShortTemp() : null,
        });
    }

    private static Dictionary<string, string> ShortTemp()
    {
        var env = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "");
        env["TMPDIR"] = "/tmp";
        return env;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        if (Host is not null) await Host.DisposeAsync();
    }

    /// <summary>A new visitor (own cookies) with a phone's width (360 px) or a desktop's.</summary>
    public async Task<IPage> NewPageAsync(bool phone = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Host.BaseAddress.ToString(),
            ViewportSize = phone ? new ViewportSize { Width = 360, Height = 740 } : new ViewportSize { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(20_000);
        return await context.NewPageAsync();
    }

    /// <summary>
    /// Checks the page as it stands with axe-core (no serious or critical violation) and saves its screenshot as
    /// <paramref name="name"/>.png.
    /// </summary>
    public static async Task CheckAsync(IPage page, string name)
    {
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });
        var result = await page.RunAxe();
        var bad = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(bad.Count == 0, $"{name} ({page.Url}) fails axe-core:\n" + string.Join("\n", bad.Select(Describe)));
    }

    private static string Describe(AxeResultItem v) =>
        $"- {v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => n.Target?.ToString()))}";

    /// <summary>The admin API, with the host's admin key, for what a test prepares or checks outside the browser.</summary>
    public HttpClient Admin()
    {
        var http = new HttpClient { BaseAddress = Host.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Host.AdminKey);
        return http;
    }

    /// <summary>How the admin API answers a read of orders with <paramref name="key"/>: whether the key works.</summary>
    public async Task<System.Net.HttpStatusCode> StatusWithKeyAsync(string key)
    {
        using var http = new HttpClient { BaseAddress = Host.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await http.GetAsync("/admin/orders?limit=1");
        return response.StatusCode;
    }

    public async Task<JsonElement> AdminGetAsync(string path)
    {
        using var http = Admin();
        return await http.GetFromJsonAsync<JsonElement>(path);
    }
}

[CollectionDefinition(Name)]
public sealed class StoreCollection : ICollectionFixture<StoreFixture>
{
    public const string Name = "store";
}
