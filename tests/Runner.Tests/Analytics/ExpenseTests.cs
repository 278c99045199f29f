using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Runner.Analytics.Expenses;
using Runner.Analytics.Live;
using Runner.Kernel.Text;
using Runner.Tests.Identity;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Analytics;

/// <summary>
/// <c>/admin/expenses</c> over HTTP, the CSV import and export, and the schedule read back from the database. This class
/// owns its store's currency settings (USD default, EUR at 0.9, JPY at 150). Each test keeps to a year of its own, so the
/// expenses of one never show in another's lists.
/// </summary>
public class ExpenseTests(RunnerApp app) : IClassFixture<RunnerApp>
{
    private static object Expense(string date, long amount, string currency = "USD", string category = "rent", string? note = null,
        string? recurrence = null, string? endDate = null) =>
        new { date, category, amount = new { amount, currency }, note, recurrence, endDate };

    private async Task<JsonElement> CreateAsync(object expense, HttpClient? client = null) =>
        await (await (client ?? app.Admin()).PostJson("/admin/expenses", expense)).Json(HttpStatusCode.Created);

    private async Task UseRatesAsync(decimal eur = 0.9m) => await (await app.Admin().PatchJson("/admin/store", new
    {
        enabledCurrencies = new[] { "USD", "EUR", "JPY" },
        exchangeRates = new Dictionary<string, decimal> { ["EUR"] = eur, ["JPY"] = 150m },
    })).Json();

    private Task<HttpResponseMessage> ImportAsync(string csv, HttpClient? client = null, bool bom = false)
    {
        var content = new ByteArrayContent([.. bom ? Encoding.UTF8.GetPreamble() : [], .. Encoding.UTF8.GetBytes(csv)]);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv") { CharSet = "utf-8" };
        return (client ?? app.Admin()).PostAsync("/admin/expenses/import", content);
    }

    private async Task<List<JsonElement>> ListAsync(string query) =>
        [.. (await (await app.Admin().GetAsync("/admin/expenses?" + query)).Json()).Items()];

    private Task<(int Expenses, int Live)> CountAsync() => app.WithDbAsync(async db =>
        (await db.Set<Expense>().CountAsync(), await db.Set<LiveChange>().CountAsync()));

    private Task<List<LiveChange>> LiveAsync(string id) =>
        app.WithDbAsync(db => db.Set<LiveChange>().Where(c => c.Data.Contains(id)).OrderBy(c => c.Id).ToListAsync());

    private static void AssertMoney(JsonElement money, long amount, string currency)
    {
        Assert.Equal(amount, money.Long("amount"));
        Assert.Equal(currency, money.Str("currency"));
    }

    [Fact]
    public async Task AnExpense_IsCreatedReadPatchedAndDeleted_EachWriteOnTheLiveFeed()
    {
        var response = await app.Admin().PostJson("/admin/expenses", Expense("2030-03-05", 250_000, note: " March rent ", recurrence: "monthly"));
        var created = await response.Json(HttpStatusCode.Created);
        var id = created.Str("id");
        Assert.Equal($"/admin/expenses/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal(7, Guid.Parse(id).Version);
        Assert.Equal("2030-03-05", created.Str("date"));
        Assert.Equal("rent", created.Str("category"));
        AssertMoney(created.GetProperty("amount"), 250_000, "USD");
        AssertMoney(created.GetProperty("storeAmount"), 250_000, "USD");
        Assert.Equal(1m, created.GetProperty("exchangeRate").GetDecimal());
        Assert.Equal("March rent", created.Str("note"));
        Assert.Equal("monthly", created.Str("recurrence"));
        Assert.Equal(JsonValueKind.Null, created.GetProperty("endDate").ValueKind);
        Assert.StartsWith("api_key:", created.Str("createdBy"), StringComparison.Ordinal);

        var read = await (await app.Admin().GetAsync($"/admin/expenses/{id}")).Json();
        Assert.Equal(created.ToString(), read.ToString());

        var patched = await (await app.Admin().SendRaw(HttpMethod.Patch, $"/admin/expenses/{id}",
            """{ "note": "Rent, March on", "endDate": "2030-12-31", "amount": { "amount": 260000 } }""", "application/merge-patch+json")).Json();
        Assert.Equal("Rent, March on", patched.Str("note"));
        Assert.Equal("2030-12-31", patched.Str("endDate"));
        AssertMoney(patched.GetProperty("amount"), 260_000, "USD");
        AssertMoney(patched.GetProperty("storeAmount"), 260_000, "USD");
        Assert.Equal("2030-03-05", patched.Str("date"));
        var cleared = await (await app.Admin().PatchJson($"/admin/expenses/{id}", new { endDate = (string?)null, note = (string?)null })).Json();
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("endDate").ValueKind);
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("note").ValueKind);

        Assert.Equal(HttpStatusCode.NoContent, (await app.Admin().DeleteAsync($"/admin/expenses/{id}")).StatusCode);
        await (await app.Admin().GetAsync($"/admin/expenses/{id}")).Problem(HttpStatusCode.NotFound, "analytics.expense_not_found");
        await (await app.Admin().DeleteAsync($"/admin/expenses/{id}")).Problem(HttpStatusCode.NotFound, "analytics.expense_not_found");
        await (await app.Admin().PatchJson($"/admin/expenses/{id}", new { note = "x" })).Problem(HttpStatusCode.NotFound, "analytics.expense_not_found");

        var live = await LiveAsync(id);
        Assert.Equal(["expense.created", "expense.updated", "expense.updated", "expense.deleted"], live.Select(c => c.Kind));
        var first = JsonDocument.Parse(live[0].Data).RootElement;
        Assert.Equal(id, first.Str("id"));
        Assert.Equal("2030-03-05", first.Str("date"));
        AssertMoney(first.GetProperty("amount"), 250_000, "USD");
        AssertMoney(JsonDocument.Parse(live[3].Data).RootElement.GetProperty("amount"), 260_000, "USD");
    }

    [Fact]
    public async Task AForeignCurrencyExpense_IsConvertedAtTheStoreRate_WhichStaysWithIt()
    {
        await UseRatesAsync();
        var euros = await CreateAsync(Expense("2032-02-01", 10_000, "EUR", "ad_spend"));
        AssertMoney(euros.GetProperty("amount"), 10_000, "EUR");
        AssertMoney(euros.GetProperty("storeAmount"), 11_111, "USD"); // 100.00 EUR / 0.9 = 111.111 USD
        Assert.Equal(0.9m, euros.GetProperty("exchangeRate").GetDecimal());
        var yen = await CreateAsync(Expense("2032-02-02", 15_000, "JPY", "apps"));
        AssertMoney(yen.GetProperty("storeAmount"), 10_000, "USD"); // 15000 JPY (no decimals) / 150 = 100.00 USD
        Assert.Equal(150m, yen.GetProperty("exchangeRate").GetDecimal());

        await UseRatesAsync(eur: 0.8m);
        try
        {
            // A change that leaves the amount alone keeps the conversion made on entry ...
            var renamed = await (await app.Admin().PatchJson($"/admin/expenses/{euros.Str("id")}", new { note = "Search ads" })).Json();
            AssertMoney(renamed.GetProperty("storeAmount"), 11_111, "USD");
            Assert.Equal(0.9m, renamed.GetProperty("exchangeRate").GetDecimal());
            // ... a new amount is converted at the rate of the day.
            var repriced = await (await app.Admin().PatchJson($"/admin/expenses/{euros.Str("id")}", new { amount = new { amount = 8_000, currency = "EUR" } })).Json();
            AssertMoney(repriced.GetProperty("storeAmount"), 10_000, "USD");
            Assert.Equal(0.8m, repriced.GetProperty("exchangeRate").GetDecimal());
        }
        finally
        {
            await UseRatesAsync();
        }
    }

    [Fact]
    public async Task InvalidExpenses_Are400_AndWriteNothing()
    {
        await UseRatesAsync();
        var before = await CountAsync();
        var cases = new (object Body, string Code, string Field)[]
        {
            (Expense("2033-01-01", 100, category: "coffee"), "analytics.unknown_category", "category"),
            (Expense("2033-01-01", -500), "money.out_of_range", "amount.amount"),
            (Expense("2033-01-01", 0), "money.out_of_range", "amount.amount"),
            (Expense("2033-01-01", 100, "XYZ"), "money.unknown_currency", "amount.currency"),
            (Expense("2033-01-01", 100, "GBP"), "money.currency_not_enabled", "amount.currency"),
            (Expense("2033-03-01", 100, recurrence: "monthly", endDate: "2033-02-28"), "analytics.invalid_end_date", "endDate"),
            (Expense("2033-03-01", 100, endDate: "2033-04-30"), "analytics.end_date_needs_recurrence", "endDate"),
            (Expense("2033-03-01", 100, recurrence: "weekly"), "analytics.unknown_recurrence", "recurrence"),
            (Expense("1999-12-31", 100), "analytics.invalid_date", "date"),
            (Expense("2033-03-01", 100, note: new string('n', 501)), "validation.too_long", "note"),
            (new { category = "rent", amount = new { amount = 100, currency = "USD" } }, "validation.required", "date"),
            (new { date = "2033-03-01", category = "rent", amount = new { amount = 100, currency = "USD" }, cost = 1 }, "request.unknown_field", "cost"),
            (new { date = "03/01/2033", category = "rent", amount = new { amount = 100, currency = "USD" } }, "request.invalid_field", "date"),
        };
        foreach (var (body, code, field) in cases)
        {
            var problem = await (await app.Admin().PostJson("/admin/expenses", body)).Problem(HttpStatusCode.BadRequest, code);
            problem.HasFieldError(field);
        }
        var allowed = await (await app.Admin().PostJson("/admin/expenses", Expense("2033-01-01", 100, category: "coffee"))).Problem(HttpStatusCode.BadRequest, "analytics.unknown_category");
        Assert.Contains("ad_spend, apps, staff, rent", allowed.Str("detail"), StringComparison.Ordinal);
        var several = await (await app.Admin().PostJson("/admin/expenses", Expense("2033-01-01", -1, "XYZ", "coffee")))
            .Problem(HttpStatusCode.BadRequest, "validation.failed");
        several.HasFieldError("category").HasFieldError("amount.amount").HasFieldError("amount.currency");
        Assert.Equal(before, await CountAsync());

        var kept = await CreateAsync(Expense("2033-05-01", 700, category: "utilities"));
        var after = await CountAsync();
        await (await app.Admin().PatchJson($"/admin/expenses/{kept.Str("id")}", new { category = "coffee", amount = new { amount = -1 } }))
            .Problem(HttpStatusCode.BadRequest, "validation.failed");
        await (await app.Admin().PatchJson($"/admin/expenses/{kept.Str("id")}", new { date = (string?)null })).Problem(HttpStatusCode.BadRequest, "validation.required");
        Assert.Equal(kept.ToString(), (await (await app.Admin().GetAsync($"/admin/expenses/{kept.Str("id")}")).Json()).ToString());
        Assert.Equal(after, await CountAsync());
    }

    [Fact]
    public async Task TheList_KeepsWhatBooksInTheRange_FiltersByCategory_AndPagesWithACursor()
    {
        var apps = await CreateAsync(Expense("2031-01-10", 1_000, category: "apps"));
        var ads = await CreateAsync(Expense("2031-02-10", 2_000, category: "ad_spend"));
        var later = await CreateAsync(Expense("2031-03-10", 3_000, category: "apps"));
        var rent = await CreateAsync(Expense("2031-01-05", 4_000, recurrence: "monthly", endDate: "2031-02-15"));
        var staff = await CreateAsync(Expense("2031-01-01", 5_000, category: "staff", recurrence: "monthly", endDate: "2031-01-31"));
        static List<string> Ids(IEnumerable<JsonElement> items) => [.. items.Select(i => i.Str("id"))];

        // February: the one-off dated in it, and the monthly rent that runs into it.
        Assert.Equal(Ids([ads, rent]), Ids(await ListAsync("from=2031-02-01&to=2031-02-28")));
        Assert.Equal(Ids([later]), Ids(await ListAsync("from=2031-02-16&to=2031-03-31"))); // the rent ended on the 15th
        Assert.Equal(Ids([rent]), Ids(await ListAsync("from=2031-02-01&to=2031-02-28&category=rent")));
        Assert.Equal(Ids([apps, rent, staff]), Ids(await ListAsync("from=2031-01-01&to=2031-01-31")));

        // Two more on one day: the cursor must tell them apart.
        var twin1 = await CreateAsync(Expense("2031-02-10", 6_000, category: "other"));
        var twin2 = await CreateAsync(Expense("2031-02-10", 7_000, category: "other"));
        var all = Ids(await ListAsync("from=2031-01-01&to=2031-12-31&limit=100"));
        Assert.Equal(Ids([later]), all[..1]); // newest date first
        Assert.Equal(Ids([ads, twin1, twin2]).Order(), all[1..4].Order());
        Assert.Equal(Ids([apps, rent, staff]), all[4..]);
        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await (await app.Admin().GetAsync("/admin/expenses?from=2031-01-01&to=2031-12-31&limit=2"
                + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)))).Json();
            seen.AddRange(page.Items().Select(i => i.Str("id")));
            cursor = page.GetProperty("nextCursor").GetString();
            pages++;
        }
        while (cursor is not null);
        Assert.Equal(all, seen);
        Assert.Equal(4, pages);

        foreach (var (query, code) in new[]
        {
            ("from=2031-13-01", "analytics.invalid_date"), ("from=2031-02-01&to=2031-01-01", "analytics.invalid_range"),
            ("category=coffee", "analytics.unknown_category"), ("format=xml", "analytics.invalid_format"),
            ("cursor=garbage", "paging.invalid_cursor"), ("limit=0", "paging.invalid_limit"), ("after=2031-01-01", "request.unknown_parameter"),
        })
            await (await app.Admin().GetAsync("/admin/expenses?" + query)).Problem(HttpStatusCode.BadRequest, code);
    }

    [Fact]
    public async Task AGoodFile_IsImportedWhole_WithItsQuotedFieldsAndByteOrderMark()
    {
        await UseRatesAsync();
        var csv = "Date,Category,Amount,Currency,Note,Recurrence,EndDate\r\n"
            + "2034-01-15,ad_spend,1234.50,EUR,\"Search ads, January\",,\r\n"
            + "2034-01-01,rent, 3000.00 ,USD,\"Office \"\"B\"\" rent\",monthly,2034-06-30\r\n"
            + "2034-02-01,apps,15000,JPY,,none,\r\n";
        var before = await CountAsync();
        var answer = await (await ImportAsync(csv, bom: true)).Json(HttpStatusCode.Created);
        Assert.Equal(3, answer.GetProperty("imported").GetInt32());
        var rows = answer.GetProperty("expenses").EnumerateArray().ToList();
        AssertMoney(rows[0].GetProperty("amount"), 123_450, "EUR");
        AssertMoney(rows[0].GetProperty("storeAmount"), 137_167, "USD"); // 1234.50 / 0.9 = 1371.666…
        Assert.Equal("Search ads, January", rows[0].Str("note"));
        Assert.Equal("none", rows[0].Str("recurrence"));
        AssertMoney(rows[1].GetProperty("amount"), 300_000, "USD");
        Assert.Equal("Office \"B\" rent", rows[1].Str("note"));
        Assert.Equal("monthly", rows[1].Str("recurrence"));
        Assert.Equal("2034-06-30", rows[1].Str("endDate"));
        AssertMoney(rows[2].GetProperty("storeAmount"), 10_000, "USD");
        Assert.Equal(JsonValueKind.Null, rows[2].GetProperty("note").ValueKind);

        var listed = await ListAsync("from=2034-01-01&to=2034-12-31");
        Assert.Equal(rows.Select(r => r.Str("id")).Order(), listed.Select(r => r.Str("id")).Order());
        Assert.Equal((before.Expenses + 3, before.Live + 1), await CountAsync());
        var live = Assert.Single(await LiveAsync(rows[0].Str("id")));
        Assert.Equal("expenses.imported", live.Kind);
        var data = JsonDocument.Parse(live.Data).RootElement;
        Assert.Equal(rows.Select(r => r.Str("id")), data.GetProperty("ids").EnumerateArray().Select(i => i.GetString()));
        AssertMoney(data.GetProperty("amount"), 137_167 + 300_000 + 10_000, "USD");
        Assert.Equal("2034-01-01", data.Str("from"));
        Assert.Equal("2034-02-01", data.Str("to"));
    }

    [Fact]
    public async Task AFileWithBadRows_ImportsNothing_AndListsEveryLine()
    {
        var before = await CountAsync();
        var csv = "date,category,amount,currency,note\n"
            + "2035-01-10,apps,10.00,USD,fine\n"
            + "2035-01-11,coffee,10.00,USD,not a category\n"
            + "2035-01-12,apps,10.00,USD,\"fine, too\"\n"
            + "2035-13-01,apps,-5,USD,a bad date and amount\n";
        var problem = await (await ImportAsync(csv)).Problem(HttpStatusCode.BadRequest, "analytics.import_invalid");
        problem.HasFieldError("lines[3].category").HasFieldError("lines[5].date").HasFieldError("lines[5].amount");
        Assert.Equal([3, 5], problem.GetProperty("lines").EnumerateArray().Select(l => l.GetInt32()));
        Assert.Equal(3, problem.GetProperty("errors").EnumerateObject().Count());
        Assert.Contains("nothing was imported", problem.Str("detail"), StringComparison.Ordinal);
        Assert.Empty(await ListAsync("from=2035-01-01&to=2035-12-31"));

        foreach (var (file, line) in new[]
        {
            ("date,category,cost,currency\n2035-02-01,apps,1,USD\n", "lines[1]"), // an unknown column
            ("date,category,currency\n2035-02-01,apps,USD\n", "lines[1]"), // no amount column
            ("date,category,amount,currency\n2035-02-01,apps,10.005,USD\n", "lines[2].amount"), // more decimals than USD has
            ("date,category,amount,currency\n2035-02-01,apps,1 234,USD\n", "lines[2].amount"),
            ("date,category,amount,currency\n2035-02-01,apps,1.5,JPY\n", "lines[2].amount"),
            ("date,category,amount,currency\n2035-02-01,apps,10,GBP\n", "lines[2].currency"),
            ("date,category,amount,currency\n2035-02-01,apps,10\n", "lines[2]"), // a field short
            ("date,category,amount,currency,note\n2035-02-01,apps,10,USD,\"never closed\n", "lines[2]"),
        })
            (await (await ImportAsync(file)).Problem(HttpStatusCode.BadRequest, "analytics.import_invalid")).HasFieldError(line);
        await (await ImportAsync("date,category,amount,currency\r\n")).Problem(HttpStatusCode.BadRequest, "analytics.import_empty");
        var content = new ByteArrayContent([0x64, 0x61, 0xff, 0xfe, 0x0a]);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        await (await app.Admin().PostAsync("/admin/expenses/import", content)).Problem(HttpStatusCode.BadRequest, "analytics.import_not_utf8");

        var many = new StringBuilder("date,category,amount,currency\n");
        for (var i = 0; i <= ImportExpenses.MaxRows; i++) many.Append("2035-03-01,apps,1.00,USD\n");
        await (await ImportAsync(many.ToString())).Problem(HttpStatusCode.RequestEntityTooLarge, "analytics.import_too_large");
        var huge = "date,category,amount,currency,note\n" + string.Concat(Enumerable.Repeat($"2035-03-01,apps,1.00,USD,{new string('n', 500)}\n", 4_500));
        Assert.True(huge.Length > ImportExpenses.MaxBytes);
        await (await ImportAsync(huge)).Problem(HttpStatusCode.RequestEntityTooLarge, "analytics.import_too_large");
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task TheList_ExportsAsCsv_WithTheImportsColumns()
    {
        await UseRatesAsync();
        var ads = await CreateAsync(Expense("2036-04-01", 123_450, "EUR", "ad_spend", note: "Ads, spring"));
        var app1 = await CreateAsync(Expense("2036-05-01", 999, category: "apps", note: "=HYPERLINK(\"x\")"));
        var rent = await CreateAsync(Expense("2036-01-01", 300_000, recurrence: "monthly", endDate: "2036-12-31"));

        var response = await app.Admin().GetAsync("/admin/expenses?from=2036-01-01&to=2036-12-31&format=csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var records = Csv.Read(await response.Content.ReadAsStringAsync());
        Assert.Equal(["date", "category", "amount", "currency", "note", "recurrence", "endDate", "storeAmount", "storeCurrency", "exchangeRate",
            "id", "createdAt", "createdBy", "updatedAt", "updatedBy"], records[0].Fields);
        Assert.Equal([app1.Str("id"), ads.Str("id"), rent.Str("id")], records.Skip(1).Select(r => r.Fields[10]));
        Assert.Equal(["2036-04-01", "ad_spend", "1234.50", "EUR", "Ads, spring", "none", "", "1371.67", "USD", "0.9"], records[2].Fields.Take(10));
        Assert.Equal("'=HYPERLINK(\"x\")", records[1].Fields[4]); // a formula is neutralised for spreadsheets
        Assert.Equal(["2036-01-01", "rent", "3000.00", "USD", "", "monthly", "2036-12-31"], records[3].Fields.Take(7));

        var apps = Csv.Read(await (await app.Admin().GetAsync("/admin/expenses?from=2036-01-01&to=2036-12-31&category=apps&format=csv")).Content.ReadAsStringAsync());
        Assert.Equal(2, apps.Count);
        // What an export holds reads back in as an import of the same expenses (the extra columns dropped).
        var reimport = string.Join("\n", records.Where(r => r.Fields[1] != "apps").Select(r => string.Join(',', r.Fields.Take(7).Select(ReportField))));
        var copy = await (await ImportAsync(reimport)).Json(HttpStatusCode.Created);
        Assert.Equal(["ad_spend", "rent"], copy.GetProperty("expenses").EnumerateArray().Select(e => e.Str("category")));
    }

    private static string ReportField(string value) => Runner.Analytics.Reports.ReportCsv.Field(value);

    [Fact]
    public async Task Staff_WithoutAnalyticsWrite_CannotChangeExpenses_AndMarketingCan()
    {
        var expense = await CreateAsync(Expense("2038-01-01", 100, category: "other"));
        var id = expense.Str("id");
        var support = AccountData.Email("support-expenses");
        var analyst = AccountData.Email("analyst-expenses");
        var marketing = AccountData.Email("marketing-expenses");
        await StaffData.CreateAsync(app, support, "support");
        await StaffData.CreateAsync(app, analyst, "analyst");
        await StaffData.CreateAsync(app, marketing, "marketing");
        var before = await CountAsync();

        var supportClient = await StaffData.SignedInAsync(app, support);
        await (await supportClient.PostJson("/admin/expenses", Expense("2038-01-02", 100))).Problem(HttpStatusCode.Forbidden, "auth.forbidden");
        await (await supportClient.GetAsync("/admin/expenses")).Problem(HttpStatusCode.Forbidden, "auth.forbidden");
        var analystClient = await StaffData.SignedInAsync(app, analyst);
        await (await analystClient.GetAsync($"/admin/expenses/{id}")).Json();
        await (await analystClient.PostJson("/admin/expenses", Expense("2038-01-02", 100))).Problem(HttpStatusCode.Forbidden, "auth.forbidden");
        await (await analystClient.PatchJson($"/admin/expenses/{id}", new { note = "x" })).Problem(HttpStatusCode.Forbidden, "auth.forbidden");
        await (await analystClient.DeleteAsync($"/admin/expenses/{id}")).Problem(HttpStatusCode.Forbidden, "auth.forbidden");
        await (await ImportAsync("date,category,amount,currency\n2038-01-03,apps,1,USD\n", analystClient)).Problem(HttpStatusCode.Forbidden, "auth.forbidden");
        Assert.Equal(before, await CountAsync());

        var marketingClient = await StaffData.SignedInAsync(app, marketing);
        var ads = await CreateAsync(Expense("2038-01-04", 5_000, category: "ad_spend"), marketingClient);
        Assert.StartsWith("staff:", ads.Str("createdBy"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSchedule_SpreadsTheStoredExpenses_DayByDay()
    {
        await UseRatesAsync();
        await CreateAsync(Expense("2037-03-10", 5_000, category: "apps"));
        await CreateAsync(Expense("2037-02-15", 300_000, recurrence: "monthly", endDate: "2037-04-10"));
        await CreateAsync(Expense("2037-03-20", 9_000, "EUR", "ad_spend")); // 10000 USD

        await using var scope = app.Services.CreateAsyncScope();
        var schedule = scope.ServiceProvider.GetRequiredService<ExpenseSchedule>();
        var march = await schedule.DailyAsync(new DateOnly(2037, 3, 1), new DateOnly(2037, 3, 31), CancellationToken.None);
        Assert.Equal("USD", march.Currency);
        Assert.Equal(31, march.Days.Count);
        Assert.Equal(300_000 + 5_000 + 10_000, march.Total.Minor);
        Assert.Equal(new Dictionary<string, long> { ["rent"] = 9_678, ["apps"] = 5_000 }, march.Days[9].ByCategory);
        Assert.Equal(9_677 + 10_000, march.Days[19].Total);

        var year = await schedule.DailyAsync(new DateOnly(2037, 1, 1), new DateOnly(2037, 12, 31), CancellationToken.None);
        // February from the 15th: 14 shares of 300000 / 28 (10714 r 8, so all 10714); April to the 10th: 10 × 10000.
        Assert.Equal(14 * 10_714 + 300_000 + 10 * 10_000 + 5_000 + 10_000, year.Total.Minor);
        Assert.Equal(14 * 10_714 + 300_000 + 10 * 10_000, year.Days.Sum(d => d.ByCategory.GetValueOrDefault("rent")));
        Assert.Equal(0, year.Days.Single(d => d.Date == new DateOnly(2037, 4, 11)).Total);
    }

    [Fact]
    public async Task TheSchedule_Over800Days_OfThousandsOfExpenses_IsOneQueryAndQuick()
    {
        // 3,000 expenses in the 2090s (no other test looks there): 1,000 one-offs and 2,000 monthly ones from the range's first day.
        await app.WithDbAsync(async db =>
        {
            var start = new DateOnly(2090, 1, 1);
            for (var i = 0; i < 3_000; i++)
            {
                var monthly = i % 3 != 0;
                db.Add(new Expense
                {
                    Id = Guid.CreateVersion7(), Date = monthly ? start : start.AddDays(i % 800), Category = ExpenseCategories.All[i % 10],
                    Amount = 3_100, Currency = "USD", StoreAmount = 3_100, StoreCurrency = "USD", ExchangeRate = 1,
                    Recurrence = monthly ? ExpenseRecurrence.Monthly : ExpenseRecurrence.None,
                });
            }
            return await db.SaveChangesAsync();
        });
        await using var scope = app.Services.CreateAsyncScope();
        var schedule = scope.ServiceProvider.GetRequiredService<ExpenseSchedule>();
        await schedule.DailyAsync(new DateOnly(2089, 1, 1), new DateOnly(2089, 1, 2), CancellationToken.None); // warm up
        var clock = Stopwatch.StartNew();
        var days = await schedule.DailyAsync(new DateOnly(2090, 1, 1), new DateOnly(2092, 3, 10), CancellationToken.None);
        clock.Stop();
        Assert.Equal(800, days.Days.Count);
        // Each monthly one: 26 whole months (January 2090 to February 2092), then 10 March days of 3100 / 31 = 100.
        Assert.Equal(1_000 * 3_100 + 2_000 * (26 * 3_100 + 10 * 100), days.Total.Minor);
        // A generous bound for a shared machine: it takes some tens of milliseconds.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"The schedule took {clock.Elapsed.TotalMilliseconds:F0} ms.");
    }

    [Fact]
    public async Task TheDefaultCurrency_CannotChange_OnceExpensesAreKeptInIt()
    {
        await UseRatesAsync();
        await CreateAsync(Expense("2039-01-01", 100, category: "insurance"));
        var refused = await (await app.Admin().PatchJson("/admin/store", new
        {
            defaultCurrency = "EUR", enabledCurrencies = new[] { "EUR", "USD" }, exchangeRates = new Dictionary<string, decimal?> { ["USD"] = 1.1m, ["EUR"] = null, ["JPY"] = null },
        })).Problem(HttpStatusCode.UnprocessableEntity, "store.default_currency_in_use");
        Assert.Contains("Expenses are kept in USD", refused.Str("detail"), StringComparison.Ordinal);
        Assert.Equal("USD", (await (await app.Admin().GetAsync("/admin/store")).Json()).Str("defaultCurrency"));
    }
}
