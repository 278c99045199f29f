using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Runner.Kernel.Data;
using Runner.Shipping.Contracts;
using Runner.Shipping.Zones;

namespace Runner.Shipping;

internal sealed class ShippingModel : IModelContributor
{
    public void Configure(ModelBuilder model, DatabaseProvider provider)
    {
        model.Entity<ShippingZone>(e =>
        {
            e.ToTable("shipping_zones");
            e.HasKey(z => z.Id);
            e.Property(z => z.Name).HasMaxLength(200);
            e.Property(z => z.Version).IsConcurrencyToken();
            e.Property(z => z.Areas).HasConversion(
                v => JsonSerializer.Serialize(v, (JsonSerializerOptions?)null),
                s => JsonSerializer.Deserialize<List<ShippingArea>>(s, (JsonSerializerOptions?)null) ?? new(),
                new ValueComparer<List<ShippingArea>>((a, b) => a!.SequenceEqual(b!), l => l.Aggregate(0, (h, x) => HashCode.Combine(h, x)), l => l.ToList()));
            e.HasMany(z => z.Rates).WithOne().HasForeignKey(r => r.ZoneId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<ShippingRate>(e =>
        {
            e.ToTable("shipping_rates", t => t.HasCheckConstraint("ck_shipping_rates_price", "price IS NULL OR price >= 0"));
            e.HasKey(r => r.Id);
            e.Property(r => r.Id).ValueGeneratedNever();
            e.Property(r => r.Name).HasMaxLength(100);
            e.Property(r => r.Carrier).HasMaxLength(100);
            e.Property(r => r.Service).HasMaxLength(100);
            e.Property(r => r.Kind).HasConversion<string>().HasMaxLength(16);
            e.Property(r => r.Bands).HasConversion(
                v => JsonSerializer.Serialize(v, (JsonSerializerOptions?)null),
                s => JsonSerializer.Deserialize<List<RateBand>>(s, (JsonSerializerOptions?)null) ?? new(),
                new ValueComparer<List<RateBand>>((a, b) => a!.SequenceEqual(b!), l => l.Aggregate(0, (h, x) => HashCode.Combine(h, x)), l => l.ToList()));
            e.HasIndex(r => new { r.ZoneId, r.Position });
        });
    }
}
