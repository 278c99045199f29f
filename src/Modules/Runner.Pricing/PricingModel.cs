using Microsoft.EntityFrameworkCore;
using Runner.Kernel.Data;
using Runner.Pricing.Taxes;

namespace Runner.Pricing;

internal sealed class PricingModel : IModelContributor
{
    public void Configure(ModelBuilder model, DatabaseProvider provider)
    {
        model.Entity<TaxZone>(e =>
        {
            e.ToTable("pricing_tax_zones");
            e.HasKey(z => z.Id);
            e.Property(z => z.Country).HasMaxLength(2);
            e.Property(z => z.Region).HasMaxLength(100);
            e.Property(z => z.RegionKey).HasMaxLength(100);
            e.Property(z => z.Name).HasMaxLength(200);
            e.HasIndex(z => new { z.Country, z.RegionKey }).IsUnique();
            e.Property(z => z.Version).IsConcurrencyToken();
            e.HasMany(z => z.Rates).WithOne().HasForeignKey(r => r.ZoneId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<TaxRate>(e =>
        {
            e.ToTable("pricing_tax_rates");
            e.HasKey(r => r.Id);
            e.Property(r => r.Id).ValueGeneratedNever();
            e.Property(r => r.Category).HasMaxLength(50);
            e.Property(r => r.Name).HasMaxLength(100);
            e.Property(r => r.Percentage).HasPrecision(9, 4);
            e.HasIndex(r => new { r.ZoneId, r.Position });
        });
    }
}
