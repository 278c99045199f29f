using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Runner.Catalog.Contracts;
using Runner.Checkout.Carts;
using Runner.Checkout.Contracts;
using Runner.Inventory.Contracts;
using Runner.Inventory.Locations;
using Runner.Kernel;
using Runner.Kernel.Data;
using Runner.Orders.Contracts;
using Runner.Orders.Orders;
using Runner.Payments.Contracts;
using Runner.Payments.Payments;
using Runner.Store.Contracts;
using Runner.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Runner.Tests.Kernel;

/// <summary>
/// <see cref="AddedRows"/> saves new rows with its own INSERTs: every column must hold exactly what EF Core's save
/// would have stored (the queries read it back the EF Core way), principals go first, a failure saves nothing, and
/// the save interceptors still run. On SQLite and on PostgreSQL.
/// </summary>
public class AddedRowsTests(RunnerApp app, ITestOutputHelper output) : IClassFixture<RunnerApp>
{
    /// <summary>
    /// Not a check but a measurement, run by hand: <c>RUNNER_MEASURE_ADDED_ROWS=2000 dotnet test --filter
    /// AddedRowsTests.Measure --logger "console;verbosity=detailed"</c> saves that many order graphs (an order, two lines,
    /// its payment row, a timeline entry, a payment and its transaction) each way, each in a transaction of its own, and
    /// prints the time per save. It asserts nothing about time.
    /// </summary>
    [SkippableFact]
    public async Task Measure()
    {
        Skip.IfNot(int.TryParse(Environment.GetEnvironmentVariable("RUNNER_MEASURE_ADDED_ROWS"), out var count), "A measurement, run by hand.");
        foreach (var round in new[] { "warm-up", "measured" })
            foreach (var (name, save) in new (string, Func<RunnerDbContext, Task<int>>)[]
                     { ("EF Core SaveChanges", db => db.SaveChangesAsync()), ("AddedRows", db => AddedRows.SaveAsync(db, CancellationToken.None)) })
            {
                var n = round == "warm-up" ? Math.Min(count, 200) : count;
                var (held, total) = (TimeSpan.Zero, Stopwatch.StartNew());
                for (var i = 0; i < n; i++)
                    held += await app.WithDbAsync(async db =>
                    {
                        await using var transaction = await db.Database.BeginTransactionAsync();
                        Add(db, Graph());
                        var started = Stopwatch.GetTimestamp();
                        await save(db);
                        var elapsed = Stopwatch.GetElapsedTime(started);
                        await transaction.CommitAsync();
                        return elapsed;
                    });
                if (round == "measured")
                    output.WriteLine($"{name,-20} {n} saves of 8 rows: {held.TotalMilliseconds / n:F3} ms per save inside the transaction, "
                        + $"{total.Elapsed.TotalMilliseconds / n:F3} ms per unit of work ({app.Database.Provider})");
            }
    }

    /// <summary>
    /// A measurement like <see cref="Measure"/>, of a cart's change as a cart call makes it: the cart and its lines read
    /// tracked, a line added and the cart's columns changed, saved (no transaction around it) each way. Same variable.
    /// </summary>
    [SkippableFact]
    public async Task MeasureChanges()
    {
        Skip.IfNot(int.TryParse(Environment.GetEnvironmentVariable("RUNNER_MEASURE_ADDED_ROWS"), out var count), "A measurement, run by hand.");
        var carts = Enumerable.Range(0, 2).Select(_ => NewCart()).ToList();
        await app.WithDbAsync(db =>
        {
            db.AddRange(carts);
            return db.SaveChangesAsync();
        });
        foreach (var round in new[] { "warm-up", "measured" })
        foreach (var withLine in new[] { true, false })
            for (var way = 0; way < 2; way++)
            {
                var n = round == "warm-up" ? Math.Min(count, 200) : count;
                var (saving, total) = (TimeSpan.Zero, Stopwatch.StartNew());
                for (var i = 0; i < n; i++)
                    saving += await app.WithDbAsync(async db =>
                    {
                        var cart = await db.Set<Cart>().SingleAsync(c => c.Id == carts[way].Id);
                        cart.LastActivityAt = cart.LastActivityAt.AddSeconds(1);
                        cart.ItemCount++;
                        if (withLine) db.Add(new CartLine { Id = Guid.CreateVersion7(), CartId = cart.Id, VariantId = new VariantId(Guid.CreateVersion7()), Position = i, Sku = "M-" + i, ProductTitle = "Tee", Quantity = 1 });
                        var started = Stopwatch.GetTimestamp();
                        _ = way == 0 ? await db.SaveChangesAsync() : await AddedRows.SaveAsync(db, CancellationToken.None);
                        return Stopwatch.GetElapsedTime(started);
                    });
                if (round == "measured")
                    output.WriteLine($"{(way == 0 ? "EF Core SaveChanges" : "AddedRows"),-20} {n} saves of a changed cart{(withLine ? " and a new line" : "")}: "
                        + $"{saving.TotalMilliseconds / n:F3} ms per save (commit and flush included), {total.Elapsed.TotalMilliseconds / n:F3} ms per unit of work ({app.Database.Provider})");
            }
    }

    [Fact]
    public async Task EveryColumn_IsStoredAsEfCoreStoresIt()
    {
        var (fast, slow) = (Graph(), Graph());
        await app.WithDbAsync(async db =>
        {
            Add(db, fast);
            return await AddedRows.SaveAsync(db, CancellationToken.None);
        });
        await app.WithDbAsync(async db =>
        {
            Add(db, slow);
            return await db.SaveChangesAsync();
        });

        // The two graphs differ only in their keys and unique values; map the fast one's onto the slow one's.
        var same = new Dictionary<object, object>
        {
            [fast.Order.Id.Value] = slow.Order.Id.Value, [fast.Order.Number] = slow.Order.Number, [fast.Order.Name] = slow.Order.Name,
            [fast.Order.CartId] = slow.Order.CartId, [fast.Payment.Id.Value] = slow.Payment.Id.Value,
            [fast.Payment.Reference] = slow.Payment.Reference, [fast.Timeline.Id] = slow.Timeline.Id,
            [fast.Payment.Transactions[0].Id] = slow.Payment.Transactions[0].Id,
        };
        for (var i = 0; i < fast.Order.Lines.Count; i++) same[fast.Order.Lines[i].Id] = slow.Order.Lines[i].Id;

        foreach (var (table, key, fastKey, slowKey) in new (string, string, Guid, Guid)[]
                 {
                     ("orders_orders", "id", fast.Order.Id.Value, slow.Order.Id.Value),
                     ("orders_lines", "order_id", fast.Order.Id.Value, slow.Order.Id.Value),
                     ("orders_payments", "order_id", fast.Order.Id.Value, slow.Order.Id.Value),
                     ("orders_timeline", "order_id", fast.Order.Id.Value, slow.Order.Id.Value),
                     ("payments_payments", "id", fast.Payment.Id.Value, slow.Payment.Id.Value),
                     ("payments_transactions", "payment_id", fast.Payment.Id.Value, slow.Payment.Id.Value),
                 })
        {
            var stored = await RowsAsync(table, key, slowKey);
            var written = await RowsAsync(table, key, fastKey);
            Assert.NotEmpty(stored);
            Assert.Equal(stored.Count, written.Count);
            for (var r = 0; r < stored.Count; r++)
                foreach (var (column, value) in stored[r])
                    Assert.True(Equals(value, Mapped(written[r][column], same)),
                        $"{table}.{column}: EF Core stored {Show(value)}, the fast path {Show(written[r][column])}.");
        }

        // And EF Core reads the rows back as they were written.
        var read = await app.WithDbAsync(db => db.Set<Order>().AsNoTracking().Include(o => o.Lines).SingleAsync(o => o.Id == fast.Order.Id));
        Assert.Equal(fast.Order.ExchangeRate, read.ExchangeRate);
        Assert.Equal(fast.Order.CreatedAt, read.CreatedAt);
        Assert.Equal(fast.Order.PaymentMethod, read.PaymentMethod);
        Assert.Equal(fast.Order.Lines.Select(l => (l.Sku, l.UnitCost, l.VariantId)), read.Lines.OrderBy(l => l.Position).Select(l => (l.Sku, l.UnitCost, l.VariantId)));
    }

    [Fact]
    public async Task Dependents_AddedBeforeTheirPrincipal_AreInsertedAfterIt()
    {
        var payment = NewPayment();
        var saved = await app.WithDbAsync(async db =>
        {
            db.Add(payment.Transactions[0]);
            db.Add(payment);
            var count = await AddedRows.SaveAsync(db, CancellationToken.None);
            Assert.All(db.ChangeTracker.Entries(), e => Assert.Equal(EntityState.Unchanged, e.State));
            return count;
        });
        Assert.Equal(2, saved);
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<PaymentTransaction>().CountAsync(t => t.PaymentId == payment.Id)));
    }

    [Fact]
    public async Task ADuplicateKey_FailsAsEfCoreFails_AndSavesNothing()
    {
        var first = NewPayment();
        await InsertAsync(first);
        var second = NewPayment();
        second.Transactions[0].Id = first.Transactions[0].Id;
        var error = await Assert.ThrowsAsync<DbUpdateException>(() => InsertAsync(second));
        Assert.True(error.IsUniqueViolation());
        Assert.False(await app.WithDbAsync(db => db.Set<Payment>().AnyAsync(p => p.Id == second.Id)));
    }

    [Fact]
    public async Task InTheCallersTransaction_TheRowsCommitAndRollBackWithIt()
    {
        var payment = NewPayment();
        await app.WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Add(payment);
            await AddedRows.SaveAsync(db, CancellationToken.None);
            await transaction.RollbackAsync();
            return 0;
        });
        Assert.False(await app.WithDbAsync(db => db.Set<Payment>().AnyAsync(p => p.Id == payment.Id)));
    }

    private static Cart NewCart() => new()
    {
        Id = new CartId(Guid.CreateVersion7()), ChannelId = new ChannelId(Guid.CreateVersion7()), Status = CartStatus.Open, Currency = "EUR",
        ExchangeRate = 1.0825m, Email = "rows@example.com", Note = "leave at the door", UtmSource = "news",
        LastActivityAt = new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero),
    };

    /// <summary>The same change made to twin carts (a new line, changed and cleared columns), saved each way.</summary>
    private static void Change(Cart cart, Guid lineId)
    {
        cart.ShippingAddress = new CartAddress("Ada", "Lovelace", "1 Market St", "San Francisco", "94107", "US", Region: "CA");
        cart.ShippingRate = new CartShippingRate("standard", "Standard", "UPS", "Ground", new Money(599, "EUR"), 2, 5);
        cart.Email = null;
        cart.Note = "ring twice";
        cart.ItemCount = 3;
        cart.Subtotal = 4_500_000_000; // above 2^31 minor units
        cart.LastActivityAt = new DateTimeOffset(2026, 11, 26, 9, 30, 0, 123, TimeSpan.Zero).AddTicks(4560);
        cart.CheckoutLockedUntil = cart.LastActivityAt.AddMinutes(2);
        cart.Lines.Add(new CartLine
        {
            Id = lineId, CartId = cart.Id, Position = 0, VariantId = new VariantId(Guid.Parse("0193a1b2-0000-7000-8000-0000000000bb")),
            ProductId = new ProductId(Guid.Parse("0193a1b2-0000-7000-8000-0000000000cc")), Sku = "TEE-M", ProductTitle = "Tee",
            VariantTitle = "M", Quantity = 3, UnitPrice = 1_500_000_000, RequiresShipping = true, WeightGrams = 180, Issue = LineIssue.InsufficientStock,
        });
    }

    [Fact]
    public async Task AChangedRow_IsWrittenAsEfCoreWritesIt_ColumnByColumn_AndItsVersionMovesOn()
    {
        var (fast, slow) = (NewCart(), NewCart());
        await app.WithDbAsync(db =>
        {
            db.AddRange(fast, slow);
            return db.SaveChangesAsync();
        });
        var (fastLine, slowLine) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        await app.WithDbAsync(async db =>
        {
            var cart = await db.Set<Cart>().Include(c => c.Lines).SingleAsync(c => c.Id == fast.Id);
            Change(cart, fastLine);
            return await AddedRows.SaveAsync(db, CancellationToken.None);
        });
        await app.WithDbAsync(async db =>
        {
            var cart = await db.Set<Cart>().Include(c => c.Lines).SingleAsync(c => c.Id == slow.Id);
            Change(cart, slowLine);
            return await db.SaveChangesAsync();
        });

        var same = new Dictionary<object, object> { [fast.Id.Value] = slow.Id.Value, [fast.ChannelId.Value] = slow.ChannelId.Value, [fastLine] = slowLine };
        foreach (var (table, key, fastKey, slowKey) in new (string, string, Guid, Guid)[]
                 {
                     ("checkout_carts", "id", fast.Id.Value, slow.Id.Value),
                     ("checkout_cart_lines", "cart_id", fast.Id.Value, slow.Id.Value),
                 })
        {
            var stored = await RowsAsync(table, key, slowKey);
            var written = await RowsAsync(table, key, fastKey);
            Assert.Single(stored);
            Assert.Single(written);
            foreach (var (column, value) in stored[0])
            {
                if (column is "updated_at" or "created_at") continue; // stamped with the time of each save
                Assert.True(Equals(value, Mapped(written[0][column], same)),
                    $"{table}.{column}: EF Core stored {Show(value)}, the fast path {Show(written[0][column])}.");
            }
        }
        var read = await app.WithDbAsync(db => db.Set<Cart>().AsNoTracking().SingleAsync(c => c.Id == fast.Id));
        Assert.Equal(1, read.Version);
        Assert.True(read.UpdatedAt > read.CreatedAt);
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 9, 30, 0, 123, TimeSpan.Zero).AddTicks(4560), read.LastActivityAt);
        Assert.Equal("US", read.ShippingAddress!.Country);
        Assert.Null(read.Email);
    }

    [Fact]
    public async Task AChangedRowThatAnotherSaveChangedMeanwhile_FailsOnItsVersion_AndSavesNothing()
    {
        var cart = NewCart();
        await app.WithDbAsync(db =>
        {
            db.Add(cart);
            return db.SaveChangesAsync();
        });
        var lineId = Guid.CreateVersion7();
        var error = await app.WithDbAsync(async db =>
        {
            var stale = await db.Set<Cart>().Include(c => c.Lines).SingleAsync(c => c.Id == cart.Id);
            await app.WithDbAsync(async other =>
            {
                var fresh = await other.Set<Cart>().SingleAsync(c => c.Id == cart.Id);
                fresh.Note = "changed by another request";
                return await other.SaveChangesAsync();
            });
            Change(stale, lineId);
            return await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => AddedRows.SaveAsync(db, CancellationToken.None));
        });
        Assert.Contains("Cart", error.Message);
        var now = await app.WithDbAsync(db => db.Set<Cart>().AsNoTracking().Include(c => c.Lines).SingleAsync(c => c.Id == cart.Id));
        Assert.Equal("changed by another request", now.Note);
        Assert.Equal(1, now.Version);
        Assert.Empty(now.Lines); // the new line went with the failed save
    }

    [Fact]
    public async Task AChangedKeyOrADeletedRow_IsSavedByEfCore()
    {
        var cart = NewCart();
        var lineId = Guid.CreateVersion7();
        await app.WithDbAsync(async db =>
        {
            db.Add(cart);
            Change(cart, lineId);
            return await db.SaveChangesAsync();
        });
        await app.WithDbAsync(async db =>
        {
            var loaded = await db.Set<Cart>().Include(c => c.Lines).SingleAsync(c => c.Id == cart.Id);
            db.Remove(loaded.Lines[0]);
            loaded.ItemCount = 0;
            return await AddedRows.SaveAsync(db, CancellationToken.None);
        });
        var now = await app.WithDbAsync(db => db.Set<Cart>().AsNoTracking().Include(c => c.Lines).SingleAsync(c => c.Id == cart.Id));
        Assert.Empty(now.Lines);
        Assert.Equal(0, now.ItemCount);
        Assert.Equal(1, now.Version); // added at 0, changed once
    }

    [Fact]
    public async Task AChangedRow_IsSavedByEfCore_WithTheNewOnes()
    {
        var payment = NewPayment();
        await InsertAsync(payment);
        var another = NewPayment();
        await app.WithDbAsync(async db =>
        {
            var loaded = await db.Set<Payment>().SingleAsync(p => p.Id == payment.Id);
            loaded.State = PaymentState.Captured;
            db.Add(another);
            return await AddedRows.SaveAsync(db, CancellationToken.None);
        });
        Assert.Equal(PaymentState.Captured, await app.WithDbAsync(db => db.Set<Payment>().Where(p => p.Id == payment.Id).Select(p => p.State).SingleAsync()));
        Assert.True(await app.WithDbAsync(db => db.Set<Payment>().AnyAsync(p => p.Id == another.Id)));
    }

    [Fact]
    public async Task TheSaveInterceptorsRun_StampsAndAfterCommitActions()
    {
        var location = new Location { Id = new LocationId(Guid.CreateVersion7()), Name = "Added rows " + Guid.NewGuid().ToString("N")[..8] };
        var ran = false;
        await app.WithDbAsync(async db =>
        {
            db.Add(location);
            db.AfterCommit(() => ran = true);
            return await AddedRows.SaveAsync(db, CancellationToken.None);
        });
        Assert.True(ran);
        var stored = await app.WithDbAsync(db => db.Set<Location>().AsNoTracking().SingleAsync(l => l.Id == location.Id));
        Assert.NotEqual(default, stored.CreatedAt);
        Assert.NotEqual("", stored.CreatedBy);
        Assert.Equal(stored.CreatedAt, stored.UpdatedAt);
    }

    [Fact]
    public async Task NothingToSave_StillRunsTheAfterCommitActions_AsSaveChangesDoes()
    {
        var ran = false;
        var saved = await app.WithDbAsync(async db =>
        {
            db.AfterCommit(() => ran = true);
            return await AddedRows.SaveAsync(db, CancellationToken.None);
        });
        Assert.Equal(0, saved);
        Assert.True(ran);
    }

    [SkippableFact]
    public async Task OnSqlite_TheWriteGatesHoldTime_IsTaggedWithTheFirstTableInserted()
    {
        Skip.If(app.Database.IsPostgres, "The write gate is SQLite's.");
        var mine = new AsyncLocal<bool>();
        var tables = new System.Collections.Concurrent.ConcurrentBag<string?>();
        using var listener = new System.Diagnostics.Metrics.MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "Runner.Database" && instrument.Name == "runner.sqlite.write_gate.hold") l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<double>((_, _, tags, _) =>
        {
            if (!mine.Value) return; // only this test's saves, not those of tests running beside it
            foreach (var tag in tags)
                if (tag.Key == "table") tables.Add(tag.Value as string);
        });
        listener.Start();
        await app.WithDbAsync(async db =>
        {
            mine.Value = true;
            db.Add(NewPayment());
            return await AddedRows.SaveAsync(db, CancellationToken.None);
        });
        Assert.Equal(["payments_payments"], tables);
    }

    [Fact]
    public async Task AFailureInTheCallersTransaction_LeavesItAsItWas_AndTheCallerGoesOn()
    {
        var (kept, refused, after) = (NewPayment(), NewPayment(), NewPayment());
        refused.Transactions[0].Id = kept.Transactions[0].Id;
        await app.WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Add(kept);
            await AddedRows.SaveAsync(db, CancellationToken.None);
            db.ChangeTracker.Clear();
            db.Add(refused); // its payment row goes in first, then its transaction fails on the duplicate key
            await Assert.ThrowsAsync<DbUpdateException>(() => AddedRows.SaveAsync(db, CancellationToken.None));
            db.ChangeTracker.Clear();
            db.Add(after);
            await AddedRows.SaveAsync(db, CancellationToken.None);
            await transaction.CommitAsync();
            return 0;
        });
        var ids = new[] { kept.Id, refused.Id, after.Id };
        var stored = await app.WithDbAsync(db => db.Set<Payment>().Where(p => ids.Contains(p.Id)).Select(p => p.Id).ToListAsync());
        Assert.Equal(new[] { kept.Id, after.Id }.OrderBy(i => i.Value), stored.OrderBy(i => i.Value));
    }

    /// <summary>Adds <paramref name="row"/> (with what it holds) and saves it with <see cref="AddedRows"/>, in a scope of its own.</summary>
    private Task<int> InsertAsync(object row) => app.WithDbAsync(db =>
    {
        db.Add(row);
        return AddedRows.SaveAsync(db, CancellationToken.None);
    });

    private sealed record Rows(Order Order, Payment Payment, TimelineEntry Timeline);

    private static int _number = Random.Shared.Next(1_000_000, 2_000_000);

    /// <summary>An order with every kind of column: typed ids, enums, decimals, instants, JSON text, nulls.</summary>
    private static Rows Graph()
    {
        var now = new DateTimeOffset(2026, 11, 26, 18, 30, 15, 123, TimeSpan.Zero);
        var id = new OrderId(Guid.CreateVersion7());
        var number = Interlocked.Increment(ref _number);
        var payment = NewPayment();
        var order = new Order
        {
            Id = id, Number = number, Name = "#" + number, Status = OrderStatus.Open, PaymentStatus = PaymentStatus.Authorized,
            FulfilmentStatus = FulfilmentStatus.Unfulfilled, HeldForReview = true, Email = "Ada@Example.com", EmailKey = "ada@example.com",
            ChannelId = new ChannelId(Guid.Parse("0193a1b2-0000-7000-8000-00000000c0de")), CartId = "cart-" + Guid.NewGuid(),
            Currency = "EUR", StoreCurrency = "USD", ExchangeRate = 0.912345678m, PricesIncludeTax = true, Subtotal = 3_000_000_000_123,
            ShippingTotal = 500, TaxTotal = 77, Total = 3_000_000_000_700, Authorized = 3_000_000_000_700, PaymentId = payment.Id,
            PaymentMethod = PaymentMethod.Card, ShippingAddress = """{"firstName":"Ada","country":"FR"}""", Note = "Ring twice — ünïcode",
            CreatedAt = now, UpdatedAt = now.AddMilliseconds(1),
        };
        for (var i = 0; i < 2; i++)
            order.Lines.Add(new OrderLine
            {
                Id = Guid.CreateVersion7(), OrderId = id, Position = i, VariantId = i == 0 ? new VariantId(Guid.Parse("0193a1b2-0000-7000-8000-0000000000aa")) : null,
                Sku = "SKU-" + i, ProductTitle = "Shirt", VariantTitle = "M / Blue", Quantity = 2, OriginalQuantity = 2, Currency = "EUR",
                UnitPrice = 1500, UnitCost = i == 0 ? 700 : null, CostCurrency = i == 0 ? "USD" : null, TaxLines = "[]", Total = 3000,
                RequiresShipping = i == 0, WeightGrams = 250, Allocations = "[]",
            });
        order.Payments.Add(new OrderPayment
        {
            PaymentId = payment.Id, OrderId = id, Method = PaymentMethod.Card, State = PaymentState.Authorized, Currency = "EUR",
            Amount = order.Total, Authorized = order.Total, Brand = "visa", Last4 = "4242", CreatedAt = now,
        });
        var timeline = new TimelineEntry { Id = Guid.CreateVersion7(), OrderId = id, Kind = "placed", Message = "Placed.", Actor = "test", At = now };
        return new Rows(order, payment, timeline);
    }

    private static Payment NewPayment()
    {
        var id = new PaymentId(Guid.CreateVersion7());
        var at = new DateTimeOffset(2026, 11, 26, 17, 0, 0, TimeSpan.Zero);
        return new Payment
        {
            Id = id, Gateway = "sandbox", Method = PaymentMethod.Card, State = PaymentState.Authorized, Currency = "EUR", Amount = 700,
            Authorized = 700, Brand = "visa", Last4 = "4242", Reference = "test:" + id, AuthorizationExpiresAt = at.AddDays(7),
            // Claimed by an order, so the sweeper of unclaimed authorizations leaves it alone.
            OrderReference = "order:test", ClaimedAt = at,
            CreatedAt = at, UpdatedAt = at,
            Transactions = [new PaymentTransaction { Id = Guid.CreateVersion7(), PaymentId = id, Kind = PaymentTransaction.Authorization,
                Status = PaymentTransaction.Succeeded, Amount = 700, Fee = 50, Currency = "EUR", At = at }],
        };
    }

    private static void Add(RunnerDbContext db, Rows rows)
    {
        // Children before their parents: the save must order them.
        db.Add(rows.Timeline);
        db.Add(rows.Order);
        db.Add(rows.Payment);
    }

    private static object? Mapped(object? value, Dictionary<object, object> same) => value switch
    {
        null => null,
        Guid g => same.TryGetValue(g, out var other) ? other : g,
        string s when Guid.TryParse(s, out var g) && same.TryGetValue(g, out var other) =>
            s == s.ToUpperInvariant() ? other.ToString()!.ToUpperInvariant() : other.ToString(),
        _ => same.TryGetValue(value, out var other) ? other : value,
    };

    private static string Show(object? value) => value is null ? "NULL" : $"{value} ({value.GetType().Name})";

    private async Task<List<Dictionary<string, object?>>> RowsAsync(string table, string key, Guid id) =>
        await app.WithDbAsync(async db =>
        {
            var provider = db.Provider();
            var order = table is "orders_lines" or "orders_payments" ? " ORDER BY position" : "";
            await using var command = await Sql.CommandAsync(db, $"SELECT * FROM {table} WHERE {key} = @id{order}", CancellationToken.None);
            command.With("@id", Sql.Id(provider, id));
            await using var reader = await command.ExecuteReaderAsync();
            var rows = new List<Dictionary<string, object?>>();
            while (await reader.ReadAsync())
                rows.Add(Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, i => reader.IsDBNull(i) ? null : reader.GetValue(i)));
            return rows;
        });
}
