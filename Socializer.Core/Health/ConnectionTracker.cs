using System.Collections.Concurrent;

namespace Socializer.Core.Health;

public sealed record OpenConnection(Guid ConnectionId, Guid? ContextId, DateTimeOffset OpenedAt);

public sealed record OpenTransaction(Guid TransactionId, Guid ConnectionId, Guid? ContextId, DateTimeOffset StartedAt);

/// <summary>
/// Database connections and transactions EF has open right now, fed by the interceptors. Counts Disposed as well
/// as Closed, because EF's existence probe disposes a connection without closing it.
/// </summary>
public sealed class ConnectionTracker(TimeProvider time)
{
    private readonly ConcurrentDictionary<Guid, OpenConnection> open = new();
    private readonly ConcurrentDictionary<Guid, OpenTransaction> transactions = new();
    private long opened;
    private long closed;
    private long disposed;
    private long transactionsStarted;

    public int OpenCount => open.Count;
    public int TransactionCount => transactions.Count;
    public long Opened => Interlocked.Read(ref opened);
    public long Closed => Interlocked.Read(ref closed);
    public long Disposed => Interlocked.Read(ref disposed);
    public long TransactionsStarted => Interlocked.Read(ref transactionsStarted);
    public IReadOnlyCollection<OpenConnection> OpenConnections => [.. open.Values];
    public IReadOnlyCollection<OpenTransaction> OpenTransactions => [.. transactions.Values];

    public void ConnectionOpened(Guid connectionId, Guid? contextId)
    {
        open[connectionId] = new OpenConnection(connectionId, contextId, time.GetUtcNow());
        Interlocked.Increment(ref opened);
    }

    public void ConnectionClosed(Guid connectionId)
    {
        Interlocked.Increment(ref closed);
        Forget(connectionId);
    }

    public void ConnectionDisposed(Guid connectionId)
    {
        Interlocked.Increment(ref disposed);
        Forget(connectionId);
    }

    public void TransactionStarted(Guid transactionId, Guid connectionId, Guid? contextId)
    {
        transactions[transactionId] = new OpenTransaction(transactionId, connectionId, contextId, time.GetUtcNow());
        Interlocked.Increment(ref transactionsStarted);
    }

    public void TransactionEnded(Guid transactionId) => transactions.TryRemove(transactionId, out _);

    public bool HoldsConnection(Guid contextId) => open.Values.Any(c => c.ContextId == contextId);

    public bool HoldsTransaction(Guid contextId) => transactions.Values.Any(t => t.ContextId == contextId);

    /// <summary>A transaction disposed without commit or rollback raises no event of its own; its connection closing ends it.</summary>
    private void Forget(Guid connectionId)
    {
        open.TryRemove(connectionId, out _);
        foreach (var transaction in transactions.Values.Where(t => t.ConnectionId == connectionId))
            transactions.TryRemove(transaction.TransactionId, out _);
    }
}
