using Microsoft.EntityFrameworkCore;
using Runner.Analytics.Events;
using Runner.Kernel.Data;

namespace Runner.Analytics;

internal sealed class AnalyticsModel : IModelContributor
{
    public void Configure(ModelBuilder model, DatabaseProvider provider)
    {
        model.Entity<StoreEvent>(e =>
        {
            e.ToTable("analytics_events");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedOnAdd();
            e.Property(x => x.Type).HasMaxLength(30);
            e.Property(x => x.VisitorId).HasMaxLength(64);
            e.Property(x => x.SessionId).HasMaxLength(64);
            e.Property(x => x.Url).HasMaxLength(2000);
            e.Property(x => x.Referrer).HasMaxLength(2000);
            e.Property(x => x.UtmSource).HasMaxLength(100);
            e.Property(x => x.UtmMedium).HasMaxLength(100);
            e.Property(x => x.UtmCampaign).HasMaxLength(100);
            e.Property(x => x.Device).HasMaxLength(10);
            e.Property(x => x.Query).HasMaxLength(200);
            e.Property(x => x.Step).HasMaxLength(50);
            e.HasIndex(x => x.OccurredAt);
        });
    }
}
