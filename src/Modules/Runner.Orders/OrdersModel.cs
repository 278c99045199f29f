using Microsoft.EntityFrameworkCore;
using Runner.Kernel.Data;
using Runner.Orders.Orders;
using Runner.Orders.Storefront;

namespace Runner.Orders;

internal sealed class OrdersModel : IModelContributor
{
    public void Configure(ModelBuilder model, DatabaseProvider provider)
    {
        model.Entity<Order>(e =>
        {
            e.ToTable("orders_orders");
            e.HasKey(o => o.Id);
            e.Property(o => o.Name).HasMaxLength(40);
            e.Property(o => o.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(o => o.PaymentStatus).HasConversion<string>().HasMaxLength(24);
            e.Property(o => o.FulfilmentStatus).HasConversion<string>().HasMaxLength(24);
            e.Property(o => o.PaymentMethod).HasConversion<string>().HasMaxLength(16);
            e.Property(o => o.Email).HasMaxLength(320);
            e.Property(o => o.EmailKey).HasMaxLength(320);
            e.Property(o => o.CartId).HasMaxLength(100);
            e.Property(o => o.Currency).HasMaxLength(3);
            e.Property(o => o.StoreCurrency).HasMaxLength(3);
            e.Property(o => o.ExchangeRate).HasPrecision(28, 12);
            e.Property(o => o.Note).HasMaxLength(2000);
            e.Property(o => o.CancelReason).HasMaxLength(500);
            e.HasIndex(o => o.Number).IsUnique();
            e.HasIndex(o => o.CartId).IsUnique(); // a cart becomes one order, whatever retries do
            e.HasIndex(o => new { o.EmailKey, o.Id });
            e.HasIndex(o => new { o.CustomerId, o.Id });
            e.HasIndex(o => o.PaymentId);
            e.HasMany(o => o.Lines).WithOne().HasForeignKey(l => l.OrderId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(o => o.Payments).WithOne().HasForeignKey(p => p.OrderId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<OrderPayment>(e =>
        {
            e.ToTable("orders_payments");
            e.HasKey(p => p.PaymentId);
            e.Property(p => p.PaymentId).ValueGeneratedNever();
            e.Property(p => p.Method).HasConversion<string>().HasMaxLength(16);
            e.Property(p => p.State).HasConversion<string>().HasMaxLength(24);
            e.Property(p => p.Currency).HasMaxLength(3);
            e.Property(p => p.Brand).HasMaxLength(40);
            e.Property(p => p.Last4).HasMaxLength(4);
            e.HasIndex(p => new { p.OrderId, p.Position }).IsUnique();
        });
        model.Entity<OrderLine>(e =>
        {
            e.ToTable("orders_lines");
            e.HasKey(l => l.Id);
            e.Property(l => l.Sku).HasMaxLength(100);
            e.Property(l => l.ProductTitle).HasMaxLength(300);
            e.Property(l => l.VariantTitle).HasMaxLength(300);
            e.Property(l => l.Currency).HasMaxLength(3);
            e.Property(l => l.CostCurrency).HasMaxLength(3);
            e.HasIndex(l => new { l.OrderId, l.Position });
            e.HasIndex(l => l.VariantId);
        });
        model.Entity<OrderCounter>(e =>
        {
            e.ToTable("orders_counters");
            e.HasKey(c => c.Name);
            e.Property(c => c.Name).HasMaxLength(40);
        });
        model.Entity<TimelineEntry>(e =>
        {
            e.ToTable("orders_timeline");
            e.HasKey(t => t.Id);
            e.Property(t => t.Kind).HasMaxLength(40);
            e.Property(t => t.Message).HasMaxLength(1000);
            e.Property(t => t.Actor).HasMaxLength(200);
            e.Property(t => t.ActorName).HasMaxLength(200);
            e.HasIndex(t => new { t.OrderId, t.At });
            e.HasOne<Order>().WithMany().HasForeignKey(t => t.OrderId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<Fulfilment>(e =>
        {
            e.ToTable("orders_fulfilments");
            e.HasKey(f => f.Id);
            e.Property(f => f.Carrier).HasMaxLength(100);
            e.Property(f => f.TrackingNumber).HasMaxLength(100);
            e.Property(f => f.TrackingUrl).HasMaxLength(500);
            e.Property(f => f.LabelCurrency).HasMaxLength(3);
            e.Property(f => f.Actor).HasMaxLength(200);
            e.HasIndex(f => f.OrderId);
            e.HasOne<Order>().WithMany().HasForeignKey(f => f.OrderId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<Refund>(e =>
        {
            e.ToTable("orders_refunds");
            e.HasKey(r => r.Id);
            e.Property(r => r.Reason).HasMaxLength(500);
            e.Property(r => r.Actor).HasMaxLength(200);
            e.HasIndex(r => r.OrderId);
            e.HasOne<Order>().WithMany().HasForeignKey(r => r.OrderId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<OrderReturn>(e =>
        {
            e.ToTable("orders_returns");
            e.HasKey(r => r.Id);
            e.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(r => r.Reason).HasMaxLength(500);
            e.HasIndex(r => r.OrderId);
            e.HasOne<Order>().WithMany().HasForeignKey(r => r.OrderId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<OrderEdit>(e =>
        {
            e.ToTable("orders_edits");
            e.HasKey(r => r.Id);
            e.Property(r => r.Reason).HasMaxLength(500);
            e.Property(r => r.Actor).HasMaxLength(200);
            e.HasIndex(r => r.OrderId);
            e.HasOne<Order>().WithMany().HasForeignKey(r => r.OrderId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
