using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Runner.Host.Startup;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Platform;

/// <summary>A demo store made once into a template file, as the build makes it (shared by the tests of this file).</summary>
public sealed class DemoTemplateFile : IAsyncLifetime
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "runner-tests", $"template-{Guid.NewGuid():N}.db");

    public Task InitializeAsync() => DemoTemplate.CreateAsync(Path, CancellationToken.None);

    public Task DisposeAsync()
    {
        File.Delete(Path);
        return Task.CompletedTask;
    }
}

/// <summary>A first start on a new SQLite file with the demo store on: from the template, or seeded live.</summary>
public class DemoStartApp(string? template, string? storeName = null, bool keysAtStart = false) : RunnerApp
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreateAsync(postgres: false);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Runner:Seed:Demo", "true");
        builder.UseSetting("Runner:Seed:Template", template is null ? "false" : "true");
        builder.UseSetting("Runner:Seed:TemplatePath", template ?? "");
        if (storeName is not null) builder.UseSetting("Runner:Store:Name", storeName);
        if (!keysAtStart) return;
        // Keys made at start, as on a real first start (the template has none).
        builder.UseSetting("Runner:Bootstrap:AdminKey", "");
        builder.UseSetting("Runner:Bootstrap:PublishableKey", "");
    }
}

public class DemoTemplateTests(DemoTemplateFile template) : IClassFixture<DemoTemplateFile>
{
    /// <summary>What a merchant sees of the demo store, without ids or times (which differ between two seeds).</summary>
    private static readonly string[] Fingerprint =
    [
        "SELECT handle || '|' || title || '|' || status || '|' || coalesce(vendor, '') AS \"Value\" FROM catalog_products ORDER BY handle",
        "SELECT sku || '|' || title || '|' || price || '|' || coalesce(cost, '') || '|' || inventory_policy AS \"Value\" FROM catalog_variants ORDER BY sku",
        "SELECT c.handle || '|' || c.kind || '|' || count(cp.product_id) AS \"Value\" FROM catalog_collections c LEFT JOIN catalog_collection_products cp ON cp.collection_id = c.id GROUP BY c.handle, c.kind ORDER BY c.handle",
        "SELECT v.sku || '|' || l.name || '|' || i.on_hand || '|' || i.reserved || '|' || coalesce(i.low_stock_threshold, '') AS \"Value\" FROM inventory_levels i JOIN catalog_variants v ON v.id = i.variant_id JOIN inventory_locations l ON l.id = i.location_id ORDER BY v.sku, l.name",
        "SELECT CAST(count(*) AS TEXT) AS \"Value\" FROM inventory_ledger",
        "SELECT z.country || '|' || coalesce(z.region, '') || '|' || r.category || '|' || r.percentage AS \"Value\" FROM pricing_tax_rates r JOIN pricing_tax_zones z ON z.id = r.zone_id ORDER BY 1",
        "SELECT z.name || '|' || r.name || '|' || r.kind || '|' || coalesce(r.price, '') || '|' || coalesce(r.free_above, '') AS \"Value\" FROM shipping_rates r JOIN shipping_zones z ON z.id = r.zone_id ORDER BY 1",
        "SELECT name || '|' || coalesce(contact_email, '') || '|' || default_currency AS \"Value\" FROM store_settings",
        "SELECT name || '|' || handle || '|' || is_default AS \"Value\" FROM store_channels",
    ];

    [Fact]
    public async Task FirstStart_FromTheTemplate_HasTheSameStoreAsALiveSeed()
    {
        var fromTemplate = await StartAsync(new DemoStartApp(template.Path));
        var live = await StartAsync(new DemoStartApp(null));
        try
        {

        var expected = await ReadAsync(live);
        var actual = await ReadAsync(fromTemplate);
        Assert.True(expected[0].Count >= 30, $"{expected[0].Count} products in the live seed");
        for (var i = 0; i < Fingerprint.Length; i++) Assert.Equal(expected[i], actual[i]);

        // The copy is a working store: searchable through the storefront, with the keys made at this start.
        Assert.Equal(2, (await KeysAsync(fromTemplate)).Count);
        Assert.Contains("Enamel Camp Mug", (await (await fromTemplate.Store().GetAsync("/store/products?q=enamel%20mug")).Json()).Titles());
        Assert.Equal(expected[0].Count, (await (await fromTemplate.Admin().GetAsync("/admin/products?limit=100")).Json()).Items().Count());
        }
        finally
        {
            await StopAsync(fromTemplate, live);
        }
    }

    [Fact]
    public async Task TwoStoresFromOneTemplate_GetKeysOfTheirOwn_AndTheConfiguredName()
    {
        var first = await StartAsync(new DemoStartApp(template.Path, storeName: "Birch & Co.", keysAtStart: true));
        var second = await StartAsync(new DemoStartApp(template.Path, keysAtStart: true));
        try
        {
            var (a, b) = (await KeysAsync(first), await KeysAsync(second));
            Assert.Equal(2, a.Count);
            Assert.Empty(a.Intersect(b));
            Assert.Equal("Birch & Co.", (await ReadAsync(first))[7].Single().Split('|')[0]);
            Assert.Equal("Juniper & Pine (demo)", (await ReadAsync(second))[7].Single().Split('|')[0]);
        }
        finally
        {
            await StopAsync(first, second);
        }
    }

    [Fact]
    public async Task TheTemplate_HoldsNoKeysOrSecrets_AndIsOneFile()
    {
        await using var connection = new SqliteConnection($"Data Source={template.Path};Mode=ReadOnly;Pooling=false");
        await connection.OpenAsync();
        foreach (var table in new[] { "identity_api_keys", "kernel_secrets", "payments_tokens" })
        {
            await using var count = connection.CreateCommand();
            count.CommandText = $"SELECT count(*) FROM {table}";
            Assert.Equal(0L, await count.ExecuteScalarAsync());
        }
        await using var mode = connection.CreateCommand();
        mode.CommandText = "PRAGMA journal_mode";
        Assert.NotEqual("wal", await mode.ExecuteScalarAsync());
    }

    [Fact]
    public void NoTemplateIsInstalled_OverAnExistingDatabase()
    {
        var target = Path.Combine(Path.GetTempPath(), "runner-tests", $"{Guid.NewGuid():N}.db");
        File.WriteAllText(target, "");
        try
        {
            Assert.False(DemoTemplate.TryInstall($"Data Source={target}", template.Path));
            Assert.Equal(0, new FileInfo(target).Length);
            Assert.False(DemoTemplate.TryInstall("Data Source=:memory:", template.Path));
            Assert.False(DemoTemplate.TryInstall($"Data Source={target}x", template.Path + ".missing"));
        }
        finally
        {
            File.Delete(target);
        }
    }

    private static async Task<RunnerApp> StartAsync(RunnerApp app)
    {
        await ((IAsyncLifetime)app).InitializeAsync();
        return app;
    }

    private static async Task StopAsync(params RunnerApp[] apps)
    {
        foreach (var app in apps) await ((IAsyncLifetime)app).DisposeAsync();
    }

    private static async Task<List<List<string>>> ReadAsync(RunnerApp app) =>
        await app.WithDbAsync(async db =>
        {
            var results = new List<List<string>>();
            foreach (var sql in Fingerprint) results.Add(await db.Database.SqlQueryRaw<string>(sql).ToListAsync());
            return results;
        });

    private static Task<List<string>> KeysAsync(RunnerApp app) =>
        app.WithDbAsync(db => db.Database.SqlQueryRaw<string>("SELECT secret_hash AS \"Value\" FROM identity_api_keys").ToListAsync());

}
