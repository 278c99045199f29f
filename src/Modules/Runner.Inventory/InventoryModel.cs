using Microsoft.EntityFrameworkCore;
using Runner.Inventory.Levels;
using Runner.Inventory.Locations;
using Runner.Inventory.Reservations;
using Runner.Inventory.Transfers;
using Runner.Kernel.Data;

namespace Runner.Inventory;

internal sealed class InventoryModel : IModelContributor
{
    public void Configure(ModelBuilder model, DatabaseProvider provider)
    {
        model.Entity<Location>(e =>
        {
            e.ToTable("inventory_locations");
            e.HasKey(l => l.Id);
            e.Property(l => l.Name).HasMaxLength(200);
            e.Property(l => l.Kind).HasConversion<string>().HasMaxLength(16);
            e.Property(l => l.AddressLine1).HasMaxLength(200);
            e.Property(l => l.AddressLine2).HasMaxLength(200);
            e.Property(l => l.City).HasMaxLength(100);
            e.Property(l => l.Region).HasMaxLength(100);
            e.Property(l => l.PostalCode).HasMaxLength(20);
            e.Property(l => l.CountryCode).HasMaxLength(2);
            e.Ignore(l => l.Address);
            e.HasIndex(l => new { l.Priority, l.Id });
            e.HasIndex(l => l.UpdatedAt);
            e.HasMany(l => l.Channels).WithOne().HasForeignKey(c => c.LocationId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<LocationChannel>(e =>
        {
            e.ToTable("inventory_location_channels");
            e.HasKey(c => new { c.LocationId, c.ChannelId });
            e.HasIndex(c => new { c.ChannelId, c.LocationId });
        });
        model.Entity<StockLevel>(e =>
        {
            e.ToTable("inventory_levels", t =>
            {
                // The conditional updates keep it true; the constraint makes a mistake fail loudly instead. On hand has
                // none: a variant that sells when out of stock takes it below zero (the units owed), see StockSql.
                t.HasCheckConstraint("ck_inventory_levels_reserved", "reserved >= 0");
            });
            e.HasKey(l => new { l.VariantId, l.LocationId });
            e.HasIndex(l => new { l.LocationId, l.VariantId });
            e.HasIndex(l => l.UpdatedAt); // other processes' storefront caches look for recent changes
            e.HasOne<Location>().WithMany().HasForeignKey(l => l.LocationId).OnDelete(DeleteBehavior.Restrict);
        });
        model.Entity<LedgerEntry>(e =>
        {
            e.ToTable("inventory_ledger");
            e.HasKey(l => l.Id);
            e.Property(l => l.Id).ValueGeneratedNever();
            e.Property(l => l.Reason).HasConversion<string>().HasMaxLength(16);
            e.Property(l => l.Reference).HasMaxLength(200);
            e.Property(l => l.Note).HasMaxLength(500);
            e.Property(l => l.Actor).HasMaxLength(200);
            e.HasIndex(l => new { l.VariantId, l.LocationId, l.OccurredAt });
            e.HasIndex(l => new { l.LocationId, l.OccurredAt });
        });
        model.Entity<Reservation>(e =>
        {
            e.ToTable("inventory_reservations");
            e.HasKey(r => r.Id);
            e.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(r => r.Reference).HasMaxLength(200);
            e.Property(r => r.CreatedBy).HasMaxLength(200);
            // The sweeper's question: which active reservations have run out?
            e.HasIndex(r => r.ExpiresAt).HasDatabaseName("ix_inventory_reservations_active_expiry").HasFilter("status = 'Active'");
            e.HasIndex(r => r.Reference);
            e.HasMany(r => r.Allocations).WithOne().HasForeignKey(a => a.ReservationId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<ReservationAllocation>(e =>
        {
            e.ToTable("inventory_reservation_allocations",
                t => t.HasCheckConstraint("ck_inventory_reservation_allocations_backordered", "backordered >= 0 AND backordered <= quantity"));
            e.HasKey(a => new { a.ReservationId, a.LocationId });
        });
        model.Entity<Transfer>(e =>
        {
            e.ToTable("inventory_transfers");
            e.HasKey(t => t.Id);
            e.Property(t => t.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(t => t.Note).HasMaxLength(500);
            e.HasIndex(t => new { t.Status, t.Id });
            e.HasMany(t => t.Lines).WithOne().HasForeignKey(l => l.TransferId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<TransferLine>(e =>
        {
            e.ToTable("inventory_transfer_lines");
            e.HasKey(l => new { l.TransferId, l.VariantId });
        });
    }
}
