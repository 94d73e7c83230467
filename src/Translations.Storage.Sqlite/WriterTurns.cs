using Microsoft.EntityFrameworkCore.Storage;

namespace Translations.Storage.Sqlite;

/// <summary>
/// SQLite lets one transaction write at a time. The writers of one process queue here, asynchronously,
/// for their turn, instead of all asking SQLite for its lock at once and waiting inside it on threads.
/// </summary>
internal sealed class WriterTurns
{
    private readonly SemaphoreSlim _turn = new(1, 1);

    /// <summary>Waits for this writer's turn; disposing the result ends it.</summary>
    public async Task<IDisposable> WaitAsync(CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken);
        return new Turn(_turn);
    }

    private sealed class Turn(SemaphoreSlim turn) : IDisposable
    {
        private int _ended;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _ended, 1) == 0)
            {
                turn.Release();
            }
        }
    }
}

/// <summary>A write transaction that ends its writer's turn when it ends, committed or not.</summary>
internal sealed class TurnTakingTransaction(IDbContextTransaction transaction, IDisposable turn) : IDbContextTransaction
{
    public Guid TransactionId => transaction.TransactionId;

    public void Commit() => transaction.Commit();

    public Task CommitAsync(CancellationToken cancellationToken = default) => transaction.CommitAsync(cancellationToken);

    public void Rollback() => transaction.Rollback();

    public Task RollbackAsync(CancellationToken cancellationToken = default) => transaction.RollbackAsync(cancellationToken);

    public void Dispose()
    {
        transaction.Dispose();
        turn.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync();
        turn.Dispose();
    }
}
