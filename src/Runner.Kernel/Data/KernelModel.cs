using Microsoft.EntityFrameworkCore;
using Runner.Kernel.Idempotency;
using Runner.Kernel.Outbox;

namespace Runner.Kernel.Data;

internal sealed class KernelModel : IModelContributor
{
    public void Configure(ModelBuilder model, DatabaseProvider provider)
    {
        model.Entity<OutboxMessage>(e =>
        {
            e.ToTable("kernel_outbox");
            e.HasKey(m => m.Id);
            e.Property(m => m.Type).HasMaxLength(100);
            e.Property(m => m.Actor).HasMaxLength(200);
            e.Property(m => m.LockedBy).HasMaxLength(200);
            e.Property(m => m.LastError).HasMaxLength(2000);
            e.HasIndex(m => new { m.AvailableAt, m.Id })
                .HasDatabaseName("ix_kernel_outbox_pending")
                .HasFilter("processed_at IS NULL AND dead_at IS NULL");
            e.HasIndex(m => m.ProcessedAt);
        });
        model.Entity<OutboxHandled>(e =>
        {
            e.ToTable("kernel_outbox_handled");
            e.HasKey(h => new { h.MessageId, h.Handler });
            e.Property(h => h.Handler).HasMaxLength(300);
        });
        model.Entity<IdempotencyRecord>(e =>
        {
            e.ToTable("kernel_idempotency_keys");
            e.HasKey(r => new { r.Scope, r.Key });
            e.Property(r => r.Scope).HasMaxLength(100);
            e.Property(r => r.Key).HasMaxLength(IdempotencyStore.MaxKeyLength);
            e.Property(r => r.RequestHash).HasMaxLength(64);
            e.Property(r => r.ContentType).HasMaxLength(100);
            e.Property(r => r.Location).HasMaxLength(500);
            e.HasIndex(r => r.CreatedAt);
        });
        model.Entity<StoredSecret>(e =>
        {
            e.ToTable("kernel_secrets");
            e.HasKey(s => s.Name);
            e.Property(s => s.Name).HasMaxLength(SharedSecrets.MaxNameLength);
            e.Property(s => s.Value).HasMaxLength(200);
        });
    }
}
