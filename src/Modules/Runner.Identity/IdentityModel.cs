using Microsoft.EntityFrameworkCore;
using Runner.Identity.ApiKeys;
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
    }
}
