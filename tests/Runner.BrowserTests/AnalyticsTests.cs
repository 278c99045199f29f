using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Runner.BrowserTests;

/// <summary>The merchant reads profit and the funnel, records and imports expenses, and looks a customer up.</summary>
[Collection(StoreCollection.Name)]
public sealed class AnalyticsTests(StoreFixture store)
{
    private static readonly string[] Amounts =
        ["grossSales", "discounts", "refunds", "netSales", "shipping", "taxes", "cogs", "paymentFees", "shippingCosts", "expenses", "netProfit"];

    [SkippableFact]
    public async Task TheMerchant_ReadsProfitAndFunnel_RecordsAndImportsExpenses_AndFindsTheCustomerOfAnOrder()
    {
        Skip.If(store.SkipReason is not null, store.SkipReason);
        var shopper = await store.NewPageAsync(phone: true);
        var order = await Shopper.BuyAsync(shopper, "dry bag", "Roll-top Dry Bag 20L", "Yellow", 1, Shopper.GoodCard);

        var page = await store.NewPageAsync();
        await Merchant.SignInAsync(page, store.Host.OwnerEmail, store.Host.OwnerPassword);
        var to = (await store.AdminGetAsync("/admin/analytics/profit")).GetProperty("to").GetString()!;
        var from = DateOnly.ParseExact(to, "yyyy-MM-dd", CultureInfo.InvariantCulture).AddDays(-13).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        // Profit by day over two weeks, then by product (and the funnel by device) through the form.
        await page.GotoAsync($"/dashboard/analytics?from={from}&to={to}&groupBy=day");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Analytics");
        var byDay = await ExpectFiguresAsync(page, $"from={from}&to={to}&groupBy=day");
        Assert.Equal(14, byDay.GetProperty("series").GetArrayLength());
        await Expect(page.Locator("[data-profit-series] tbody tr")).ToHaveCountAsync(14);
        await Expect(page.Locator("[data-funnel] [data-step='purchases']")).ToBeVisibleAsync();
        await StoreFixture.CheckAsync(page, "dashboard-analytics");

        await page.GetByLabel("Profit by", new() { Exact = true }).SelectOptionAsync("product");
        await page.GetByLabel("Funnel by", new() { Exact = true }).SelectOptionAsync("device");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await StoreFixture.ReachedAsync(page, "groupBy=product");
        await ExpectFiguresAsync(page, $"from={from}&to={to}&groupBy=product");
        await Expect(page.Locator("[data-profit-series] tbody tr", new() { HasTextString = "Roll-top Dry Bag 20L" })).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-funnel-series] thead")).ToContainTextAsync("Device");
        await StoreFixture.CheckAsync(page, "dashboard-analytics-by-product");

        // Each report's CSV, straight from the API with the staff member's cookie.
        var profitCsv = await DownloadAsync(page, "Download the profit report (CSV)");
        Assert.StartsWith("key,label,gross_sales", profitCsv, StringComparison.Ordinal);
        Assert.Contains("Roll-top Dry Bag 20L", profitCsv, StringComparison.Ordinal);
        Assert.StartsWith("key,label,sessions", await DownloadAsync(page, "Download the funnel report (CSV)"), StringComparison.Ordinal);

        // An expense, added by hand.
        await page.GotoAsync($"/dashboard/analytics?from={from}&to={to}");
        var (expensesBefore, profitBefore) = (await MinorAsync(page, "expenses"), await MinorAsync(page, "netProfit"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Expenses", Exact = true }).First.ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Expenses");
        await StoreFixture.CheckAsync(page, "dashboard-expenses");
        await page.GetByLabel("Date", new() { Exact = true }).FillAsync(to);
        await page.GetByLabel("Category", new() { Exact = true }).SelectOptionAsync("rent");
        await page.GetByLabel("Amount", new() { Exact = true }).FillAsync("123.45");
        await page.GetByLabel("Note", new() { Exact = true }).FillAsync("Workshop rent");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add expense" }).ClickAsync();
        await Expect(page.Locator("[data-saved]")).ToHaveTextAsync("Expense added.");
        await Expect(page.Locator("[data-expenses] tr", new() { HasTextString = "Workshop rent" })).ToContainTextAsync("$123.45");

        // Two more, pasted as CSV.
        await page.GetByLabel("Or paste the CSV", new() { Exact = true }).FillAsync($"date,category,amount,currency,note\n{to},ad_spend,10.00,USD,Spring ads\n{to},apps,5.50,USD,Email app\n");
        await page.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();
        await Expect(page.Locator("[data-saved]")).ToHaveTextAsync("2 expenses imported.");
        await Expect(page.Locator("[data-expenses] tr", new() { HasTextString = "Spring ads" })).ToContainTextAsync("$10.00");
        await Expect(page.Locator("[data-expenses] tr", new() { HasTextString = "Email app" })).ToContainTextAsync("$5.50");
        await StoreFixture.CheckAsync(page, "dashboard-expenses-imported");

        // A file with a bad row imports nothing and says which line.
        await page.GetByLabel("CSV file", new() { Exact = true }).SetInputFilesAsync(new FilePayload
        {
            Name = "expenses.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes($"date,category,amount,currency\n{to},rent,twelve,USD\n"),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();
        await Expect(page.Locator("[data-problem]")).ToContainTextAsync("Line 2, amount:");
        await StoreFixture.CheckAsync(page, "dashboard-expenses-refused");

        // Profit follows: the three expenses count in full on their day.
        await page.GotoAsync($"/dashboard/analytics?from={from}&to={to}");
        await ExpectFiguresAsync(page, $"from={from}&to={to}&groupBy=day");
        Assert.Equal(expensesBefore + 12345 + 1000 + 550, await MinorAsync(page, "expenses"));
        Assert.Equal(profitBefore - 12345 - 1000 - 550, await MinorAsync(page, "netProfit"));
        await Expect(page.Locator("[data-expense-categories]")).ToContainTextAsync("rent: $123.45");

        // The rent goes again.
        await page.GotoAsync("/dashboard/analytics/expenses");
        await page.Locator("[data-expenses] tr", new() { HasTextString = "Workshop rent" }).GetByRole(AriaRole.Button).ClickAsync();
        await Expect(page.Locator("[data-saved]")).ToHaveTextAsync("Expense deleted.");
        await Expect(page.Locator("[data-expenses] tr", new() { HasTextString = "Workshop rent" })).ToHaveCountAsync(0);

        // The shopper, found by email, with the order.
        var placed = (await store.AdminGetAsync("/admin/orders?limit=50")).GetProperty("items").EnumerateArray()
            .Single(o => o.GetProperty("name").GetString() == order);
        var email = placed.GetProperty("email").GetString()!;
        await page.GotoAsync("/dashboard/customers");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Customers");
        await StoreFixture.CheckAsync(page, "dashboard-customers");
        await page.GetByLabel("Email or name", new() { Exact = true }).FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Expect(page.Locator("[data-customers] tbody tr")).ToHaveCountAsync(1);
        await page.Locator("[data-customers] tbody tr").GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Ada Lovelace");
        await Expect(page.Locator("[data-profile]")).ToContainTextAsync(email);
        await Expect(page.Locator("[data-addresses]")).ToContainTextAsync("Portland");
        await Expect(page.Locator("[data-customer-orders]")).ToContainTextAsync(order);
        await Expect(page.Locator("[data-kpi='orders'] .value")).ToHaveTextAsync("1");
        await Expect(page.Locator("[data-kpi='spent'] .value")).ToHaveTextAsync(Dollars(placed.GetProperty("total").GetProperty("amount").GetInt64()));
        await StoreFixture.CheckAsync(page, "dashboard-customer");

        // The analytics page at a phone's width.
        var phone = await store.NewPageAsync(phone: true);
        await Merchant.SignInAsync(phone, store.Host.OwnerEmail, store.Host.OwnerPassword);
        await phone.GotoAsync("/dashboard/analytics?groupBy=week&funnelBy=product");
        await StoreFixture.CheckAsync(phone, "dashboard-analytics-phone");
    }

    /// <summary>
    /// The report as the API answers it for the same query, and the page showing the same figures (the books follow an
    /// order a moment after it, so both are read again until they agree).
    /// </summary>
    private async Task<JsonElement> ExpectFiguresAsync(IPage page, string query)
    {
        for (var attempt = 1; ; attempt++)
        {
            var report = await store.AdminGetAsync("/admin/analytics/profit?" + query);
            var shown = new List<(long Api, long Page)>();
            foreach (var key in Amounts)
            {
                shown.Add((report.GetProperty(key).GetProperty("amount").GetInt64(), await MinorAsync(page, key)));
                shown.Add((report.GetProperty("previous").GetProperty(key).GetProperty("amount").GetInt64(), await MinorAsync(page, key, "data-previous")));
            }
            var orders = long.Parse(await page.Locator("[data-figure='orders'] [data-current]").InnerTextAsync(), CultureInfo.InvariantCulture);
            shown.Add((report.GetProperty("orders").GetInt64(), orders));
            if (shown.All(s => s.Api == s.Page)) return report;
            Assert.True(attempt < 10, $"The page shows other figures than the API for {query}: {string.Join(", ", shown)}");
            await Task.Delay(500);
            await page.ReloadAsync();
        }
    }

    private static async Task<long> MinorAsync(IPage page, string figure, string column = "data-current") =>
        long.Parse((await page.Locator($"[data-figure='{figure}'] [{column}]").GetAttributeAsync("data-minor"))!, CultureInfo.InvariantCulture);

    /// <summary>What a download link of the page answers, fetched by the browser with the staff member's cookie.</summary>
    private static async Task<string> DownloadAsync(IPage page, string link)
    {
        var href = await page.GetByRole(AriaRole.Link, new() { Name = link }).GetAttributeAsync("href");
        var answer = await page.EvaluateAsync<string[]>(
            "async href => { const r = await fetch(href); return [String(r.status), r.headers.get('content-type') ?? '', await r.text()]; }", href);
        Assert.Equal("200", answer[0]);
        Assert.StartsWith("text/csv", answer[1], StringComparison.Ordinal);
        return answer[2];
    }

    private static string Dollars(long cents) => "$" + (cents / 100m).ToString("N2", CultureInfo.InvariantCulture);
}
