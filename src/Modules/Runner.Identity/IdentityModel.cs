using Microsoft.EntityFrameworkCore;
using Runner.Identity.Accounts;
using Runner.Identity.ApiKeys;
using Runner.Identity.Audit;
using Runner.Identity.DataProtection;
using Runner.Identity.Passkeys;
using Runner.Identity.Security;
using Runner.Identity.Sessions;
using Runner.Identity.Staff;
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
        model.Entity<Session>(e =>
        {
            e.ToTable("identity_sessions");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(10);
            e.Property(x => x.TokenHash).HasMaxLength(32);
            e.Property(x => x.Ip).HasMaxLength(45);
            e.HasIndex(x => x.TokenHash).IsUnique();
            e.HasIndex(x => x.FamilyId);
            e.HasIndex(x => new { x.Kind, x.SubjectId, x.CreatedAt });
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
        model.Entity<StaffMember>(e =>
        {
            e.ToTable("identity_staff");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.Email).HasMaxLength(254);
            e.Property(x => x.EmailKey).HasMaxLength(254);
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.Role).HasMaxLength(50);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(10);
            e.Property(x => x.PasswordHash).HasMaxLength(200);
            e.Property(x => x.TotpPending).HasMaxLength(200);
            e.Property(x => x.TotpSecret).HasMaxLength(200);
            e.HasIndex(x => x.EmailKey).IsUnique();
            e.HasIndex(x => x.Role);
        });
        model.Entity<CustomRole>(e =>
        {
            e.ToTable("identity_roles");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.Name).HasMaxLength(100);
        });
        model.Entity<AuditEntry>(e =>
        {
            e.ToTable("identity_audit_log");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.ActorKind).HasMaxLength(20);
            e.Property(x => x.ActorId).HasMaxLength(100);
            e.Property(x => x.ActorName).HasMaxLength(200);
            e.Property(x => x.Ip).HasMaxLength(45);
            e.Property(x => x.UserAgent).HasMaxLength(200);
            e.Property(x => x.Method).HasMaxLength(10);
            e.Property(x => x.Path).HasMaxLength(500);
            e.Property(x => x.Action).HasMaxLength(100);
            e.HasIndex(x => new { x.ActorId, x.Id });
            e.HasIndex(x => new { x.Action, x.Id });
            e.HasIndex(x => x.At);
        });
        model.Entity<SecuritySettingsRow>(e =>
        {
            e.ToTable("identity_settings");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
        });
        model.Entity<DataProtectionKeyRow>(e =>
        {
            e.ToTable("identity_data_protection_keys");
            e.HasKey(x => x.Id);
            e.Property(x => x.FriendlyName).HasMaxLength(100);
        });
        model.Entity<OpenIdConnect.ExternalLogin>(e =>
        {
            e.ToTable("identity_external_logins");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.Provider).HasMaxLength(50);
            e.Property(x => x.Subject).HasMaxLength(255);
            e.HasIndex(x => new { x.Provider, x.Subject }).IsUnique();
            e.HasIndex(x => x.CustomerId);
        });
        model.Entity<Passkey>(e =>
        {
            e.ToTable("identity_passkeys");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(10);
            e.Property(x => x.CredentialId).HasMaxLength(1023);
            e.Property(x => x.UserHandle).HasMaxLength(64);
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.RelyingPartyId).HasMaxLength(253);
            e.HasIndex(x => x.CredentialId).IsUnique();
            e.HasIndex(x => new { x.Kind, x.SubjectId });
        });
        model.Entity<UsedPasskeyChallenge>(e =>
        {
            e.ToTable("identity_passkey_challenges");
            e.HasKey(x => x.ChallengeHash);
            e.Property(x => x.ChallengeHash).HasMaxLength(32);
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
