using Microsoft.EntityFrameworkCore;
using Socializer.Core.Health;
using Socializer.Tests.Support;

namespace Socializer.Tests.Core.Health;

[Trait(TestCategories.Name, TestCategories.SqliteOnly)]
public sealed class ConnectionTrackingTests : IAsyncLifetime
{
    private TrackedDatabase database = default!;

    public async Task InitializeAsync() => database = await TrackedDatabase.CreateAsync();

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task A_query_opens_and_closes_its_connection()
    {
        await using var db = await database.Factory.CreateDbContextAsync();
        await db.Users.CountAsync();

        Assert.Equal(0, database.Connections.OpenCount);
        Assert.True(database.Connections.Opened >= 1);
        Assert.Equal(database.Connections.Opened, database.Connections.Closed);
    }

    [Fact]
    public async Task A_connection_held_open_is_counted_attributed_to_its_context_and_released()
    {
        await using var db = await database.Factory.CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();

        Assert.Equal(1, database.Connections.OpenCount);
        Assert.True(database.Connections.HoldsConnection(db.ContextId.InstanceId));

        database.Clock.Advance(TimeSpan.FromSeconds(11));
        var snapshot = database.Monitor.Snapshot();
        var leak = Assert.Single(snapshot.SuspectedLeaks);
        Assert.True(leak.HoldsConnection);
        Assert.Equal(HealthLevel.Critical, snapshot.Verdict.Level);

        await db.Database.CloseConnectionAsync();
        Assert.Equal(0, database.Connections.OpenCount);
        Assert.False(database.Connections.HoldsConnection(db.ContextId.InstanceId));
    }

    [Fact]
    public async Task Disposing_a_context_that_holds_a_connection_releases_it()
    {
        var db = await database.Factory.CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        Assert.Equal(1, database.Connections.OpenCount);

        await db.DisposeAsync();

        Assert.Equal(0, database.Connections.OpenCount);
        Assert.Equal(0, database.Contexts.LiveCount);
    }

    [Fact]
    public async Task A_transaction_is_held_until_committed_or_its_context_goes()
    {
        await using (var db = await database.Factory.CreateDbContextAsync())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            Assert.Equal(1, database.Connections.TransactionCount);
            Assert.True(database.Connections.HoldsTransaction(db.ContextId.InstanceId));
            await transaction.CommitAsync();
            Assert.Equal(0, database.Connections.TransactionCount);
        }

        var abandoned = await database.Factory.CreateDbContextAsync();
        await abandoned.Database.BeginTransactionAsync();
        database.Clock.Advance(TimeSpan.FromSeconds(11));
        var leak = Assert.Single(database.Monitor.Snapshot().SuspectedLeaks);
        Assert.True(leak.HoldsTransaction);

        await abandoned.DisposeAsync();
        Assert.Equal(0, database.Connections.TransactionCount);
        Assert.Equal(0, database.Connections.OpenCount);
    }
}
