using Microsoft.EntityFrameworkCore;
using Runner.Customers.Customers;
using Runner.Kernel.Data;

namespace Runner.Customers;

internal sealed class CustomersModel : IModelContributor
{
    public void Configure(ModelBuilder model, DatabaseProvider provider)
    {
        model.Entity<Customer>(e =>
        {
            e.ToTable("customers_customers");
            e.HasKey(c => c.Id);
            e.Property(c => c.Email).HasMaxLength(320);
            e.Property(c => c.EmailKey).HasMaxLength(320);
            e.Property(c => c.FirstName).HasMaxLength(100);
            e.Property(c => c.LastName).HasMaxLength(100);
            e.Property(c => c.SpentCurrency).HasMaxLength(3);
            e.HasIndex(c => c.EmailKey).IsUnique();
        });
        model.Entity<CustomerAddressRow>(e =>
        {
            e.ToTable("customers_addresses");
            e.HasKey(a => a.Id);
            e.Property(a => a.FirstName).HasMaxLength(100);
            e.Property(a => a.LastName).HasMaxLength(100);
            e.Property(a => a.Line1).HasMaxLength(200);
            e.Property(a => a.Line2).HasMaxLength(200);
            e.Property(a => a.City).HasMaxLength(100);
            e.Property(a => a.Region).HasMaxLength(100);
            e.Property(a => a.PostalCode).HasMaxLength(20);
            e.Property(a => a.Country).HasMaxLength(2);
            e.Property(a => a.Phone).HasMaxLength(40);
            e.HasIndex(a => a.CustomerId);
            e.HasOne<Customer>().WithMany().HasForeignKey(a => a.CustomerId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
