using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Runner.Kernel.Data;
using Runner.Payments.Fraud;
using Runner.Payments.Gateways;
using Runner.Payments.Payments;
using Runner.Payments.Settings;
using Runner.Payments.Tokens;
using Runner.Payments.Webhooks;

namespace Runner.Payments;

internal sealed class PaymentsModel : IModelContributor
{
    public void Configure(ModelBuilder model, DatabaseProvider provider)
    {
        model.Entity<Payment>(e =>
        {
            e.ToTable("payments_payments", t =>
            {
                // The conditional updates keep these true; the constraints make a mistake fail loudly instead.
                t.HasCheckConstraint("ck_payments_payments_captured", "captured + capturing <= authorized");
                t.HasCheckConstraint("ck_payments_payments_refunded", "refunded + refunding <= captured");
                t.HasCheckConstraint("ck_payments_payments_in_flight", "capturing >= 0 AND refunding >= 0");
            });
            e.HasKey(p => p.Id);
            e.Property(p => p.Gateway).HasMaxLength(50);
            e.Property(p => p.Method).HasConversion<string>().HasMaxLength(16);
            e.Property(p => p.State).HasConversion<string>().HasMaxLength(24);
            e.Property(p => p.Currency).HasMaxLength(3);
            e.Property(p => p.Brand).HasMaxLength(20);
            e.Property(p => p.Last4).HasMaxLength(4);
            e.Property(p => p.Fingerprint).HasMaxLength(64);
            e.Property(p => p.Reference).HasMaxLength(200);
            e.Property(p => p.OrderReference).HasMaxLength(200);
            e.Property(p => p.GatewayReference).HasMaxLength(200);
            e.Property(p => p.IdempotencyKey).HasMaxLength(200);
            e.HasIndex(p => p.IdempotencyKey).IsUnique();
            e.HasIndex(p => p.Reference);
            e.HasIndex(p => new { p.Gateway, p.GatewayReference });
            // The sweeper's questions: which authorizations are unclaimed or past their validity?
            e.HasIndex(p => new { p.State, p.CreatedAt });
            e.HasIndex(p => new { p.State, p.AuthorizationExpiresAt });
            e.HasMany(p => p.Transactions).WithOne().HasForeignKey(t => t.PaymentId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<PaymentTransaction>(e =>
        {
            e.ToTable("payments_transactions");
            e.HasKey(t => t.Id);
            e.Property(t => t.Id).ValueGeneratedNever();
            e.Property(t => t.Kind).HasMaxLength(16);
            e.Property(t => t.Status).HasMaxLength(16);
            e.Property(t => t.Currency).HasMaxLength(3);
            e.Property(t => t.GatewayReference).HasMaxLength(200);
            e.Property(t => t.Code).HasMaxLength(100);
            e.Property(t => t.Message).HasMaxLength(500);
            e.Property(t => t.Reason).HasMaxLength(500);
            e.HasIndex(t => new { t.PaymentId, t.At });
            // The reconciler's question: which operations have been pending at the gateway for too long?
            e.HasIndex(t => new { t.Status, t.At });
        });
        model.Entity<PaymentIdempotency>(e =>
        {
            e.ToTable("payments_idempotency");
            e.HasKey(k => k.Key);
            e.Property(k => k.Key).HasMaxLength(200);
            e.Property(k => k.RequestHash).HasMaxLength(64);
            e.Property(k => k.Status).HasMaxLength(16);
            e.Property(k => k.RequestKey).HasMaxLength(200);
            e.Property(k => k.Method).HasConversion<string>().HasMaxLength(16);
            e.Property(k => k.Gateway).HasMaxLength(50);
            e.Property(k => k.Currency).HasMaxLength(3);
            e.Property(k => k.Reference).HasMaxLength(200);
            e.Property(k => k.Token).HasMaxLength(64);
            // The reconciler's question: which authorizations have been under way for too long?
            e.HasIndex(k => new { k.Status, k.CreatedAt });
        });
        model.Entity<SandboxOperation>(e =>
        {
            e.ToTable("payments_sandbox_operations");
            e.HasKey(o => o.Key);
            e.Property(o => o.Key).HasMaxLength(200);
            e.Property(o => o.Kind).HasMaxLength(16);
            e.Property(o => o.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(o => o.Reference).HasMaxLength(200);
            e.Property(o => o.Currency).HasMaxLength(3);
            e.Property(o => o.Code).HasMaxLength(100);
            e.Property(o => o.Message).HasMaxLength(500);
        });
        model.Entity<PaymentToken>(e =>
        {
            e.ToTable("payments_tokens");
            e.HasKey(t => t.Token);
            e.Property(t => t.Token).HasMaxLength(64);
            e.Property(t => t.Brand).HasMaxLength(20);
            e.Property(t => t.Last4).HasMaxLength(4);
            e.Property(t => t.HolderName).HasMaxLength(200);
            e.Property(t => t.Fingerprint).HasMaxLength(64);
            e.Property(t => t.SandboxOutcome).HasMaxLength(32);
            e.HasIndex(t => t.ExpiresAt);
        });
        model.Entity<FraudAttempt>(e =>
        {
            e.ToTable("payments_fraud_attempts");
            e.HasKey(a => a.Id);
            e.Property(a => a.Id).ValueGeneratedNever();
            e.Property(a => a.Fingerprint).HasMaxLength(64);
            e.Property(a => a.Email).HasMaxLength(254);
            e.Property(a => a.Ip).HasMaxLength(64);
            e.HasIndex(a => a.At);
        });
        model.Entity<FraudVelocity>(e =>
        {
            e.ToTable("payments_fraud_velocity");
            e.HasKey(v => new { v.Kind, v.Subject, v.Minute });
            e.Property(v => v.Kind).HasMaxLength(8);
            e.Property(v => v.Subject).HasMaxLength(254);
            e.HasIndex(v => v.Minute);
        });
        model.Entity<WebhookEvent>(e =>
        {
            e.ToTable("payments_webhook_events");
            e.HasKey(w => new { w.Gateway, w.EventId });
            e.Property(w => w.Gateway).HasMaxLength(50);
            e.Property(w => w.EventId).HasMaxLength(200);
            e.Property(w => w.Type).HasMaxLength(100);
        });
        model.Entity<PaymentSettings>(e =>
        {
            e.ToTable("payments_settings");
            e.HasKey(s => s.Id);
            e.Property(s => s.Id).ValueGeneratedNever();
            e.Property(s => s.CaptureMode).HasConversion<string>().HasMaxLength(16);
            e.Property(s => s.ManualInstructions).HasMaxLength(2000);
            e.Ignore(s => s.Fees);
            e.Property(s => s.Version).IsConcurrencyToken();
            e.Property(s => s.WebhookSecrets).HasConversion(
                v => JsonSerializer.Serialize(v, (JsonSerializerOptions?)null),
                s => JsonSerializer.Deserialize<Dictionary<string, string>>(s, (JsonSerializerOptions?)null) ?? new(),
                new ValueComparer<Dictionary<string, string>>(
                    (a, b) => a!.Count == b!.Count && !a.Except(b).Any(),
                    d => d.Aggregate(0, (h, kv) => HashCode.Combine(h, kv.Key, kv.Value)),
                    d => new Dictionary<string, string>(d)));
        });
    }
}
