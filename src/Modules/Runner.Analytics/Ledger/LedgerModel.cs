using Microsoft.EntityFrameworkCore;
using Runner.Analytics.Funnels;
using Runner.Kernel.Data;

namespace Runner.Analytics.Ledger;

internal sealed class LedgerModel : IModelContributor
{
    public void Configure(ModelBuilder model, DatabaseProvider provider)
    {
        model.Entity<ProfitQuarter>(e =>
        {
            e.ToTable("analytics_profit_quarters");
            e.HasKey(x => new { x.Dimension, x.Quarter, x.Key });
            e.Property(x => x.Key).HasColumnName("dim_key").HasMaxLength(TrafficSource.MaxLength);
        });
        model.Entity<ProfitHour>(e =>
        {
            e.ToTable("analytics_profit_hours");
            e.HasKey(x => new { x.Dimension, x.Hour, x.Key });
            e.Property(x => x.Key).HasColumnName("dim_key").HasMaxLength(TrafficSource.MaxLength);
        });
        model.Entity<ProfitDay>(e =>
        {
            e.ToTable("analytics_profit_days");
            e.HasKey(x => new { x.Dimension, x.Day, x.Key });
            e.Property(x => x.Key).HasColumnName("dim_key").HasMaxLength(TrafficSource.MaxLength);
        });
        model.Entity<ProfitMonth>(e =>
        {
            e.ToTable("analytics_profit_months");
            e.HasKey(x => new { x.Dimension, x.Month, x.Key });
            e.Property(x => x.Key).HasColumnName("dim_key").HasMaxLength(TrafficSource.MaxLength);
        });
        model.Entity<LedgerOrder>(e =>
        {
            e.ToTable("analytics_ledger_orders");
            e.HasKey(x => x.OrderId);
            e.Property(x => x.Currency).HasMaxLength(3);
            e.Property(x => x.StoreCurrency).HasMaxLength(3);
            e.Property(x => x.ExchangeRate).HasPrecision(28, 12);
            e.Property(x => x.Channel).HasMaxLength(TrafficSource.MaxLength);
            e.Property(x => x.SalesChannel).HasMaxLength(100);
            e.Property(x => x.Cohort).HasMaxLength(7);
            e.Property(x => x.Version).IsConcurrencyToken();
        });
        model.Entity<LedgerCustomer>(e =>
        {
            e.ToTable("analytics_ledger_customers");
            e.HasKey(x => x.Key);
            e.Property(x => x.Key).HasColumnName("customer_key").HasMaxLength(320);
            e.Property(x => x.Cohort).HasMaxLength(7);
        });
        model.Entity<LedgerPayment>(e =>
        {
            e.ToTable("analytics_ledger_payments");
            e.HasKey(x => x.PaymentId);
            e.Property(x => x.Version).IsConcurrencyToken();
        });
    }
}
