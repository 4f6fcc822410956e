using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Socializer.Core.Health;

/// <summary>
/// Reports every connection EF creates to the <see cref="ConnectionTracker"/>, counting opens and closes from the
/// connection's own <see cref="DbConnection.StateChange"/> event rather than EF's open/close interception: a pooled
/// context being reset, or EF disposing an open connection, closes it without a ConnectionClosed interception event.
/// </summary>
public sealed class ConnectionCountingInterceptor(ConnectionTracker tracker) : DbConnectionInterceptor
{
    public override DbConnection ConnectionCreated(ConnectionCreatedEventData eventData, DbConnection result)
    {
        var connectionId = eventData.ConnectionId;
        var contextId = eventData.Context?.ContextId.InstanceId;
        result.StateChange += (_, change) =>
        {
            if (change.CurrentState == ConnectionState.Open) tracker.ConnectionOpened(connectionId, contextId);
            else if (change.CurrentState == ConnectionState.Closed && change.OriginalState != ConnectionState.Closed) tracker.ConnectionClosed(connectionId);
        };
        return result;
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
