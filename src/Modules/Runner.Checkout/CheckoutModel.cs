using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Runner.Checkout.Carts;
using Runner.Checkout.Contracts;
using Runner.Kernel.Data;
using Runner.Kernel.Http;

namespace Runner.Checkout;

internal sealed class CheckoutModel : IModelContributor
{
    public void Configure(ModelBuilder model, DatabaseProvider provider)
    {
        model.Entity<Cart>(e =>
        {
            e.ToTable("checkout_carts");
            e.HasKey(c => c.Id);
            e.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(c => c.Currency).HasMaxLength(3);
            e.Property(c => c.ExchangeRate).HasPrecision(28, 12);
            e.Property(c => c.Email).HasMaxLength(254);
            e.Property(c => c.ShippingAddress).HasConversion(v => Write(v), s => Read<CartAddress>(s)).HasMaxLength(2000);
            e.Property(c => c.BillingAddress).HasConversion(v => Write(v), s => Read<CartAddress>(s)).HasMaxLength(2000);
            e.Property(c => c.ShippingRate).HasConversion(v => Write(v), s => Read<CartShippingRate>(s)).HasMaxLength(2000);
            e.Property(c => c.Note).HasMaxLength(CartRules.MaxNote);
            e.Property(c => c.VisitorId).HasMaxLength(CartRules.MaxAttribution);
            e.Property(c => c.SessionId).HasMaxLength(CartRules.MaxAttribution);
            e.Property(c => c.UtmSource).HasMaxLength(CartRules.MaxAttribution);
            e.Property(c => c.UtmMedium).HasMaxLength(CartRules.MaxAttribution);
            e.Property(c => c.UtmCampaign).HasMaxLength(CartRules.MaxAttribution);
            e.Property(c => c.Referrer).HasMaxLength(CartRules.MaxReferrer);
            e.Property(c => c.PendingCheckout).HasConversion(v => Write(v), s => Read<Completion.PendingCheckout>(s)).HasMaxLength(8000);
            e.Property(c => c.Version).IsConcurrencyToken();
            e.Ignore(c => c.Attribution);
            // The abandoned-cart list: open carts by last activity, newest first.
            e.HasIndex(c => new { c.Status, c.LastActivityAt, c.Id });
            e.HasMany(c => c.Lines).WithOne().HasForeignKey(l => l.CartId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(c => new { c.CustomerId, c.LastActivityAt });
        });
        model.Entity<CartLine>(e =>
        {
            e.ToTable("checkout_cart_lines");
            e.HasKey(l => l.Id);
            e.Property(l => l.Id).ValueGeneratedNever(); // set by the use case (UUIDv7), so a new line is an insert
            e.Property(l => l.Sku).HasMaxLength(100);
            e.Property(l => l.ProductTitle).HasMaxLength(255);
            e.Property(l => l.VariantTitle).HasMaxLength(1000);
            e.Property(l => l.ImageUrl).HasMaxLength(2048);
            e.Property(l => l.TaxCategory).HasMaxLength(64);
            e.Property(l => l.Issue).HasConversion<string>().HasMaxLength(32);
            e.HasIndex(l => new { l.CartId, l.VariantId }).IsUnique();
        });
    }

    public static string? Write<T>(T? value) where T : class =>
        value is null ? null : JsonSerializer.Serialize(value, RunnerJson.Options);

    public static T? Read<T>(string? json) where T : class =>
        json is null ? null : JsonSerializer.Deserialize<T>(json, RunnerJson.Options);
}
