using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Socializer.Core.Data;

/// <summary>
/// Lets one SaveChanges at a time write to the SQLite file, waiting asynchronously for its turn.
/// SQLite has a single writer; without this, concurrent writers wait inside sqlite3_step's busy handler, which
/// sleeps on (and so blocks) a thread-pool thread for every waiting request. On a small machine that starves
/// the pool and throughput collapses (the benchmark measured ~50 req/s; profiles showed the request threads
/// parked in SqliteDataReader.NextResult). Queuing on a SemaphoreSlim keeps threads free and the writes short.
/// Synchronous SaveChanges (it blocks a thread anyway) and writes outside SaveChanges (ExecuteUpdate/Delete, raw
/// SQL) are not gated and still rely on busy_timeout.
/// A save waits for the gate at most <paramref name="maxWait"/> (Database:WriteQueueTimeoutMs), then fails as "database
/// is locked", exactly as SQLite would: when another process holds the file's write lock, the writer in front waits out
/// its busy timeout, and without this bound every request queued behind it would wait its whole queue's worth of timeouts.
/// </summary>
public sealed class SqliteWriteGate(TimeSpan maxWait) : SaveChangesInterceptor, IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);

    public SqliteWriteGate() : this(Timeout.InfiniteTimeSpan) { }

    /// <summary>The contexts (by instance id) whose SaveChanges holds the gate now; an entry lives only during one save.</summary>
    private readonly ConcurrentDictionary<Guid, byte> holders = new();

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (ShouldGate(eventData.Context))
        {
            if (!await gate.WaitAsync(maxWait, cancellationToken))
                throw DatabaseErrors.BusyException($"waited {maxWait.TotalMilliseconds:0} ms for the write gate");
            Hold(eventData.Context!);
        }
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context);
        return Task.CompletedTask;
    }

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context);
        return Task.CompletedTask;
    }

    public void Dispose() => gate.Dispose();

    /// <summary>
    /// Inside an explicit transaction the write lock may already be held by this context: waiting for the gate
    /// there could wait for a writer that is itself waiting for that lock, so such saves go straight through.
    /// </summary>
    private static bool ShouldGate(DbContext? context) => context is not null && context.Database.CurrentTransaction is null;

    private void Hold(DbContext context) => holders[context.ContextId.InstanceId] = 0;

    private void Release(DbContext? context)
    {
        if (context is not null && holders.TryRemove(context.ContextId.InstanceId, out _)) gate.Release();
    }
}
