using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace Runner.Kernel.Data;

/// <summary>
/// Makes EF Core's transactions let go of the <see cref="SqliteWriteGate"/> when they are disposed, whether or not
/// they were committed or rolled back first (an exception between <c>BEGIN</c> and <c>COMMIT</c>).
/// </summary>
public sealed class GatedTransactionFactory(RelationalTransactionFactoryDependencies dependencies) : IRelationalTransactionFactory
{
    public RelationalTransaction Create(IRelationalConnection connection, DbTransaction transaction, Guid transactionId,
        IDiagnosticsLogger<DbLoggerCategory.Database.Transaction> logger, bool transactionOwned) =>
        new GatedTransaction(connection, transaction, transactionId, logger, transactionOwned, dependencies.SqlGenerationHelper);

    private sealed class GatedTransaction(IRelationalConnection connection, DbTransaction transaction, Guid transactionId,
        IDiagnosticsLogger<DbLoggerCategory.Database.Transaction> logger, bool transactionOwned, ISqlGenerationHelper sql)
        : RelationalTransaction(connection, transaction, transactionId, logger, transactionOwned, sql)
    {
        private readonly DbConnection _connection = connection.DbConnection;

        public override void Dispose()
        {
            try
            {
                base.Dispose();
            }
            finally
            {
                SqliteWriteGate.Release(_connection);
            }
        }

        public override async ValueTask DisposeAsync()
        {
            try
            {
                await base.DisposeAsync();
            }
            finally
            {
                SqliteWriteGate.Release(_connection);
            }
        }
    }
}
