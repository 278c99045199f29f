using Microsoft.EntityFrameworkCore;
using Runner.Identity.Accounts;
using Runner.Identity.ApiKeys;
using Runner.Identity.Security;
using Runner.Identity.Sessions;
using Runner.Kernel.Data;

namespace Runner.Identity;

internal sealed class IdentityModel : IModelContributor
{
    public void Configure(ModelBuilder model, DatabaseProvider provider)
    {
        model.Entity<ApiKey>(e =>
        {
            e.ToTable("identity_api_keys");
            e.HasKey(k => k.Id);
            e.Property(k => k.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(k => k.Name).HasMaxLength(100);
            e.Property(k => k.Lookup).HasMaxLength(8);
            e.Property(k => k.SecretHash).HasMaxLength(32);
            e.Property(k => k.Token).HasMaxLength(200);
            e.HasIndex(k => k.Lookup).IsUnique();
        });
        model.Entity<CustomerAccount>(e =>
        {
            e.ToTable("identity_customer_accounts");
            e.HasKey(a => a.CustomerId);
            e.Property(a => a.CustomerId).ValueGeneratedNever();
            e.Property(a => a.EmailKey).HasMaxLength(254);
            e.Property(a => a.PasswordHash).HasMaxLength(200);
            e.HasIndex(a => a.EmailKey).IsUnique();
        });
        model.Entity<CustomerSession>(e =>
        {
            e.ToTable("identity_sessions");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.TokenHash).HasMaxLength(32);
            e.Property(x => x.Ip).HasMaxLength(45);
            e.HasIndex(x => x.TokenHash).IsUnique();
            e.HasIndex(x => x.FamilyId);
            e.HasIndex(x => new { x.CustomerId, x.CreatedAt });
            e.HasIndex(x => x.ExpiresAt);
        });
        model.Entity<SignInCode>(e =>
        {
            e.ToTable("identity_sign_in_codes");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.EmailKey).HasMaxLength(254);
            e.Property(x => x.CodeHash).HasMaxLength(32);
            e.Property(x => x.LinkHash).HasMaxLength(32);
            e.HasIndex(x => new { x.EmailKey, x.CreatedAt });
            e.HasIndex(x => x.LinkHash).IsUnique();
            e.HasIndex(x => x.ExpiresAt);
        });
        model.Entity<AttemptCounter>(e =>
        {
            e.ToTable("identity_attempts");
            e.HasKey(x => new { x.Scope, x.Subject, x.WindowStart });
            e.Property(x => x.Scope).HasMaxLength(30);
            e.Property(x => x.Subject).HasMaxLength(254);
            e.HasIndex(x => x.WindowStart);
        });
    }
}
