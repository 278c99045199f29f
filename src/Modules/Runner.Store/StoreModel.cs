using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Runner.Kernel.Data;
using Runner.Store.Channels;
using Runner.Store.Settings;

namespace Runner.Store;

internal sealed class StoreModel : IModelContributor
{
    public void Configure(ModelBuilder model, DatabaseProvider provider)
    {
        model.Entity<StoreSettings>(e =>
        {
            e.ToTable("store_settings");
            e.HasKey(s => s.Id);
            e.Property(s => s.Id).ValueGeneratedNever();
            e.Property(s => s.Name).HasMaxLength(200);
            e.Property(s => s.DefaultCurrency).HasMaxLength(3);
            e.Property(s => s.TimeZone).HasMaxLength(64);
            e.Property(s => s.WeightUnit).HasMaxLength(2);
            e.Property(s => s.OrderNumberPrefix).HasMaxLength(20);
            e.Property(s => s.ContactEmail).HasMaxLength(254);
            e.Property(s => s.Version).IsConcurrencyToken();
            e.Property(s => s.ExchangeRates).HasConversion(
                v => JsonSerializer.Serialize(v, (JsonSerializerOptions?)null),
                s => JsonSerializer.Deserialize<Dictionary<string, decimal>>(s, (JsonSerializerOptions?)null) ?? new(),
                new ValueComparer<Dictionary<string, decimal>>(
                    (a, b) => a!.Count == b!.Count && !a.Except(b).Any(),
                    d => d.Aggregate(0, (h, kv) => HashCode.Combine(h, kv.Key, kv.Value)),
                    d => new Dictionary<string, decimal>(d)));
        });
        model.Entity<SalesChannel>(e =>
        {
            e.ToTable("store_channels");
            e.HasKey(c => c.Id);
            e.Property(c => c.Name).HasMaxLength(200);
            e.Property(c => c.Handle).HasMaxLength(255);
            e.HasIndex(c => c.Handle).IsUnique();
            e.Property(c => c.RelyingPartyId).HasMaxLength(253);
        });
    }
}
