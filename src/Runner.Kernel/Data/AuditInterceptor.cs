using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Runner.Kernel.Actors;

namespace Runner.Kernel.Data;

/// <summary>
/// Stamps created/updated time and actor on every <see cref="IAudited"/> row and bumps <see cref="IVersioned"/>
/// rows, so no handler can forget to. Time comes from the injected clock. The kernel adds it before every other
/// interceptor: its detection of the changes is the one the <see cref="SavingObserver"/>s read.
/// </summary>
public sealed class AuditInterceptor(TimeProvider clock, IActorAccessor actors) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Stamp(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Stamp(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Stamp(DbContext? context)
    {
        if (context is null) return;
        var now = Instants.Now(clock);
        var actor = actors.Current.ToString();
        foreach (var entry in context.ChangeTracker.Entries()) // detects the changes (once per save: see SavingObserver)
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified)) continue;
            if (entry.Entity is IAudited audited)
            {
                if (entry.State == EntityState.Added)
                {
                    audited.CreatedAt = now;
                    audited.CreatedBy = actor;
                }
                audited.UpdatedAt = now;
                audited.UpdatedBy = actor;
            }
            if (entry.Entity is IVersioned versioned && entry.State == EntityState.Modified)
                versioned.Version++;
        }
    }
}
