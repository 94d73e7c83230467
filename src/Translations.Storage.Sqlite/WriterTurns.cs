using System.Runtime.InteropServices;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Win32.SafeHandles;

namespace Translations.Storage.Sqlite;

/// <summary>
/// SQLite lets one transaction write at a time. The writers of one process queue here, asynchronously,
/// for their turn, instead of all asking SQLite for its lock at once and waiting inside it on threads.
/// <para>
/// Replicas that share the file also take turns among themselves, through an advisory lock on a file
/// beside the database (<c>flock</c>), held from just before a write begins until it ends. The kernel
/// wakes a replica waiting for that lock as soon as it is released. Without it the replica that found
/// SQLite's lock taken waited in SQLite's busy handler, which sleeps 1, 2, 5, 10... up to 100 ms
/// between tries while the other replica's writers took the lock again and again: with 16 writers on
/// 2 replicas, 1 write in 100 took over 300 ms, and one replica made twice the writes of the other
/// (35-110 ms and an even split with it, on the machine of docs/benchmarks.md). SQLite's own lock still decides;
/// this only makes waiting for it fair and prompt. The kernel releases the lock of a process that dies,
/// and closes the file with the process (or when the handle is collected).
/// </para>
/// </summary>
internal sealed partial class WriterTurns(string databasePath)
{
    private const int LockExclusive = 2;
    private const int Unlock = 8;
    private const int Interrupted = 4;
    private const int ReadWrite = 0x2;
    private const int Create = 0x40;
    private const int CloseOnExec = 0x80000;

    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly string _lockPath = databasePath + "-writers";
    private SafeFileHandle? _lockFile;

    /// <summary>Waits for this writer's turn; disposing the result ends it.</summary>
    public async Task<IDisposable> WaitAsync(CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken);
        try
        {
            // One writer of this process at a time gets here, so at most one thread blocks on the lock,
            // for as long as another replica's write takes (as SQLite's busy handler would block it).
            LockAcrossReplicas();
            return new Turn(this);
        }
        catch
        {
            _turn.Release();
            throw;
        }
    }

    /// <summary>
    /// Opens (creating it if needed) the file replicas lock; at start-up, so that a problem with it stops
    /// start-up. Opened with open(2) itself: .NET's own file opening takes a shared flock of its own on
    /// the file (its emulation of FileShare), which an idle replica would hold for good, so that no
    /// replica could ever lock it exclusively. On Linux only; elsewhere SQLite's busy handler alone decides.
    /// </summary>
    public void Open()
    {
        if (!OperatingSystem.IsLinux() || _lockFile is not null)
        {
            return;
        }
        var descriptor = OpenFile(_lockPath, ReadWrite | Create | CloseOnExec, 0b110_110_110);
        if (descriptor < 0)
        {
            throw new IOException($"Could not open or create {_lockPath} (error {Marshal.GetLastPInvokeError()}).");
        }
        _lockFile = new SafeFileHandle(descriptor, ownsHandle: true);
    }

    private void LockAcrossReplicas()
    {
        if (_lockFile is null)
        {
            return;
        }
        while (Flock(_lockFile, LockExclusive) != 0)
        {
            var error = Marshal.GetLastPInvokeError();
            if (error != Interrupted)
            {
                throw new IOException($"Could not lock {_lockPath} (error {error}).");
            }
        }
    }

    private void End()
    {
        if (_lockFile is not null)
        {
            Flock(_lockFile, Unlock);
        }
        _turn.Release();
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int OpenFile(string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static partial int Flock(SafeFileHandle file, int operation);

    private sealed class Turn(WriterTurns turns) : IDisposable
    {
        private int _ended;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _ended, 1) == 0)
            {
                turns.End();
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
