using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace Runner.Kernel.Data;

/// <summary>Recognises database errors that are the client's doing (a duplicate key that raced past a check).</summary>
public static class DbErrors
{
    public static bool IsUniqueViolation(this DbUpdateException e) =>
        e.InnerException is DbException db && (db.SqlState == "23505" || db.Message.Contains("UNIQUE constraint failed", StringComparison.Ordinal));
}
