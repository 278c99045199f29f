using Runner.Kernel;
using Runner.Kernel.Validation;
using Runner.Store.Contracts;

namespace Runner.Analytics.Expenses;

/// <summary>
/// An expense as the API takes it (create, and the whole of a merge patch): <c>amount</c> is <c>{ amount, currency }</c>
/// in minor units of a currency the store has enabled; <c>recurrence</c> is <c>none</c> (the default) or <c>monthly</c>.
/// </summary>
public sealed record ExpenseRequest(DateOnly? Date = null, string? Category = null, Money? Amount = null, string? Note = null,
    string? Recurrence = null, DateOnly? EndDate = null);

/// <summary>
/// An expense: <c>amount</c> as paid, <c>storeAmount</c> in the store's default currency at <c>exchangeRate</c> (units of
/// the paid currency per unit of the store's, as the store's settings give rates; 1 when they are the same).
/// </summary>
public sealed record ExpenseResponse(Guid Id, DateOnly Date, string Category, Money Amount, Money StoreAmount, decimal ExchangeRate,
    string? Note, string Recurrence, DateOnly? EndDate, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset UpdatedAt, string UpdatedBy);

/// <summary>One expense's fields however they came (JSON or a CSV row), before they are checked.</summary>
internal sealed record ExpenseInput(DateOnly? Date, string? Category, long? Amount, string? Currency, string? Note, string? Recurrence,
    DateOnly? EndDate)
{
    public static ExpenseInput Of(ExpenseRequest r) =>
        new(r.Date, r.Category, r.Amount?.Minor, r.Amount?.Currency, r.Note, r.Recurrence, r.EndDate);
}

/// <summary>An expense's fields once checked, its amount converted to the store's currency.</summary>
internal sealed record ExpenseValues(DateOnly Date, string Category, Money Amount, Money StoreAmount, decimal ExchangeRate, string? Note,
    string Recurrence, DateOnly? EndDate);

/// <summary>The rules every expense follows, whether it comes from the API, a patch or a CSV import.</summary>
internal static class ExpenseRules
{
    public const int MaxNote = 500;

    /// <summary>The days an expense may be booked on: wide enough for any store's books, narrow enough to catch a typo'd year.</summary>
    public static readonly DateOnly MinDate = new(2000, 1, 1), MaxDate = new(2099, 12, 31);

    /// <summary>The names of the fields of a JSON request (a CSV import names them by line instead).</summary>
    public static string JsonField(string name) => name switch
    {
        "amount" => "amount.amount",
        "currency" => "amount.currency",
        _ => name,
    };

    /// <summary>
    /// Checks <paramref name="input"/>, adding every problem to <paramref name="v"/> under <paramref name="field"/>'s
    /// names; null when any. <paramref name="current"/> is the expense a patch changes: while its amount and currency stay
    /// as they are, its conversion stays too (a note is edited without re-pricing it at today's rate, or refusing a
    /// currency the store has since disabled).
    /// </summary>
    public static ExpenseValues? Check(ExpenseInput input, StoreSettingsView store, Validator v, Func<string, string> field, Expense? current = null)
    {
        var valid = true;
        void Fail(string name, string code, string message)
        {
            v.Add(field(name), code, message);
            valid = false;
        }

        var date = Day(input.Date, "date", required: true, Fail);
        var category = input.Category;
        if (string.IsNullOrEmpty(category)) Fail("category", "validation.required", "category is required.");
        else if (!ExpenseCategories.IsKnown(category))
            Fail("category", "analytics.unknown_category",
                $"'{category}' is not an expense category; use one of {string.Join(", ", ExpenseCategories.All)}.");
        if (input.Amount is not { } amount) Fail("amount", "validation.required", "amount is required.");
        else if (amount is <= 0 or > Money.MaxAmount)
            Fail("amount", "money.out_of_range", $"amount must be more than 0 and at most {Money.MaxAmount} minor units.");
        var currency = input.Currency;
        if (string.IsNullOrEmpty(currency)) Fail("currency", "validation.required", "currency is required.");
        else if (!Kernel.Currency.IsKnown(currency))
            Fail("currency", "money.unknown_currency", $"'{currency}' is not an ISO 4217 currency code (upper case, such as EUR).");
        else if (!store.IsEnabled(currency) && !(current?.Currency == currency && current.Amount == input.Amount))
            Fail("currency", "money.currency_not_enabled",
                $"{currency} is not enabled for this store: enable it, with its exchange rate, in the store's currencies first.");
        var note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
        if (note is { Length: > MaxNote }) Fail("note", "validation.too_long", $"note must be at most {MaxNote} characters.");
        var recurrence = string.IsNullOrEmpty(input.Recurrence) ? ExpenseRecurrence.None : input.Recurrence;
        if (!ExpenseRecurrence.IsKnown(recurrence))
            Fail("recurrence", "analytics.unknown_recurrence", $"'{recurrence}' is not a recurrence; use none or monthly.");
        var end = Day(input.EndDate, "endDate", required: false, Fail);
        if (input.EndDate is not null && recurrence == ExpenseRecurrence.None)
            Fail("endDate", "analytics.end_date_needs_recurrence", "endDate is for a monthly expense; a one-off one has only its date.");
        else if (end is { } last && date is { } first && last < first)
            Fail("endDate", "analytics.invalid_end_date", "endDate is before date (both days book a share).");
        if (!valid) return null;

        var paid = new Money(input.Amount!.Value, currency!);
        if (current is not null && current.Currency == paid.Currency && current.Amount == paid.Minor && current.StoreCurrency == store.DefaultCurrency)
            return new(date!.Value, category!, paid, new Money(current.StoreAmount, current.StoreCurrency), current.ExchangeRate, note, recurrence, end);
        if (ToStoreCurrency(paid, store) is not { } converted)
        {
            v.Add(field("amount"), "money.out_of_range", $"amount is too large once converted to {store.DefaultCurrency}.");
            return null;
        }
        return new(date!.Value, category!, paid, converted.Amount, converted.Rate, note, recurrence, end);
    }

    /// <summary>
    /// <paramref name="paid"/> in the store's default currency at its configured rate, and that rate. Rates are units of
    /// the other currency per unit of the default one, so this converts at the inverse (1/rate), as every conversion
    /// towards the default currency in Runner does, rounded once. Null when the result is out of range.
    /// </summary>
    public static (Money Amount, decimal Rate)? ToStoreCurrency(Money paid, StoreSettingsView store)
    {
        if (paid.Currency == store.DefaultCurrency) return (paid, 1m);
        var rate = store.ExchangeRates[paid.Currency];
        try
        {
            var converted = paid.ConvertTo(store.DefaultCurrency, 1 / rate);
            return converted.Minor > Money.MaxAmount ? null : (converted, rate);
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    public static void Apply(Expense e, ExpenseValues x)
    {
        e.Date = x.Date;
        e.Category = x.Category;
        e.Amount = x.Amount.Minor;
        e.Currency = x.Amount.Currency;
        e.StoreAmount = x.StoreAmount.Minor;
        e.StoreCurrency = x.StoreAmount.Currency;
        e.ExchangeRate = x.ExchangeRate;
        e.Note = x.Note;
        e.Recurrence = x.Recurrence;
        e.EndDate = x.EndDate;
    }

    public static Expense Create(ExpenseValues x, DateTimeOffset now)
    {
        var e = new Expense { Id = Guid.CreateVersion7(now), Category = "", Currency = "", StoreCurrency = "", Recurrence = "" };
        Apply(e, x);
        return e;
    }

    public static ExpenseRequest ToRequest(Expense e) =>
        new(e.Date, e.Category, new Money(e.Amount, e.Currency), e.Note, e.Recurrence, e.EndDate);

    public static ExpenseResponse ToResponse(Expense e) => new(e.Id, e.Date, e.Category, new Money(e.Amount, e.Currency),
        new Money(e.StoreAmount, e.StoreCurrency), Rate(e), e.Note, e.Recurrence, e.EndDate, e.CreatedAt, e.CreatedBy, e.UpdatedAt,
        e.UpdatedBy);

    /// <summary>
    /// The rate without trailing zeros: SQLite keeps a decimal as text (<c>1.0</c>) and PostgreSQL as it was given, so
    /// the same rate would otherwise read back as 1, 1.0 or 1.00 depending on the database.
    /// </summary>
    public static decimal Rate(Expense e) => e.ExchangeRate / 1.0000000000000000000000000000m;

    /// <summary>What the live feed says of one expense: enough for a dashboard to move its figures without reading it back.</summary>
    public static object LiveData(Expense e) => new
    {
        id = e.Id, date = e.Date, category = e.Category, recurrence = e.Recurrence, endDate = e.EndDate,
        amount = new Money(e.StoreAmount, e.StoreCurrency),
    };

    private static DateOnly? Day(DateOnly? day, string name, bool required, Action<string, string, string> fail)
    {
        if (day is null)
        {
            if (required) fail(name, "validation.required", $"{name} is required (YYYY-MM-DD, a day of the store's calendar).");
            return null;
        }
        if (day < MinDate || day > MaxDate)
        {
            fail(name, "analytics.invalid_date", $"{name} must be between 2000-01-01 and 2099-12-31.");
            return null;
        }
        return day;
    }
}
