using Microsoft.EntityFrameworkCore;
using Runner.Kernel.Data;

namespace Runner.Analytics.Expenses;

internal sealed class ExpenseModel : IModelContributor
{
    public void Configure(ModelBuilder model, DatabaseProvider provider) => model.Entity<Expense>(e =>
    {
        e.ToTable("analytics_expenses");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).ValueGeneratedNever();
        e.Property(x => x.Category).HasMaxLength(30);
        e.Property(x => x.Currency).HasMaxLength(3);
        e.Property(x => x.StoreCurrency).HasMaxLength(3);
        e.Property(x => x.Note).HasMaxLength(ExpenseRules.MaxNote);
        e.Property(x => x.Recurrence).HasMaxLength(10);
        e.Property(x => x.CreatedBy).HasMaxLength(200);
        e.Property(x => x.UpdatedBy).HasMaxLength(200);
        // The list pages by (date, id) and the schedule reads the expenses booked up to a day.
        e.HasIndex(x => new { x.Date, x.Id });
    });
}
