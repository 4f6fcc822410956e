using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Socializer.Core.Health;

/// <summary>Reports every connection EF opens, closes and disposes to the <see cref="ConnectionTracker"/>.</summary>
public sealed class ConnectionCountingInterceptor(ConnectionTracker tracker) : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) =>
        tracker.ConnectionOpened(eventData.ConnectionId, eventData.Context?.ContextId.InstanceId);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ConnectionOpened(connection, eventData);
        return Task.CompletedTask;
    }

    public override void ConnectionClosed(DbConnection connection, ConnectionEndEventData eventData) =>
        tracker.ConnectionClosed(eventData.ConnectionId);

    public override Task ConnectionClosedAsync(DbConnection connection, ConnectionEndEventData eventData)
    {
        ConnectionClosed(connection, eventData);
        return Task.CompletedTask;
    }

    public override void ConnectionDisposed(DbConnection connection, ConnectionEndEventData eventData) =>
        tracker.ConnectionDisposed(eventData.ConnectionId);

    public override Task ConnectionDisposedAsync(DbConnection connection, ConnectionEndEventData eventData)
    {
        ConnectionDisposed(connection, eventData);
        return Task.CompletedTask;
    }
}

/// <summary>Reports transactions started and ended to the <see cref="ConnectionTracker"/>.</summary>
public sealed class TransactionCountingInterceptor(ConnectionTracker tracker) : DbTransactionInterceptor
{
    public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        tracker.TransactionStarted(eventData.TransactionId, eventData.ConnectionId, eventData.Context?.ContextId.InstanceId);
        return result;
    }

    public override ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(TransactionStarted(connection, eventData, result));

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        tracker.TransactionEnded(eventData.TransactionId);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        tracker.TransactionEnded(eventData.TransactionId);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) =>
        tracker.TransactionEnded(eventData.TransactionId);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        tracker.TransactionEnded(eventData.TransactionId);
        return Task.CompletedTask;
    }
}
