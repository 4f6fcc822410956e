using Socializer.Tests.Support;

namespace Socializer.Tests.Core.Health;

[Trait(TestCategories.Name, TestCategories.SqliteOnly)]
[Collection(SerialCollection.Name)]
public sealed class LeakDrillTests : IAsyncLifetime
{
    private TrackedDatabase database = default!;

    public async Task InitializeAsync() => database = await TrackedDatabase.CreateAsync();

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task A_leaked_transaction_blocks_writers_is_detected_in_the_drill_and_releasing_it_recovers()
    {
        var leak = await database.Drill.LeakTransactionAsync(120, CancellationToken.None);

        var blocked = await database.Drill.ProbeWriteAsync(CancellationToken.None);
        Assert.True(blocked.Blocked, blocked.Outcome);
        Assert.Contains("locked", blocked.Outcome, StringComparison.OrdinalIgnoreCase);

        database.Clock.Advance(TimeSpan.FromSeconds(11));
        var detected = Assert.Single(database.Monitor.Snapshot().SuspectedLeaks);
        Assert.Equal(leak.ContextId, detected.Id);
        Assert.Equal("LeakDrill.cs", Path.GetFileName(detected.File));
        Assert.True(detected.HoldsTransaction);

        Assert.Equal(1, await database.Drill.ReleaseAllAsync());
        var recovered = await database.Drill.ProbeWriteAsync(CancellationToken.None);
        Assert.False(recovered.Blocked, recovered.Outcome);
        Assert.Equal(0, database.Contexts.LiveCount);
        Assert.Equal(0, database.Connections.OpenCount);
        Assert.Empty(database.Drill.Active);
    }

    [Fact]
    public async Task A_leaked_plain_context_holds_no_connection_and_frees_itself()
    {
        var leak = await database.Drill.LeakContextAsync(1, CancellationToken.None);
        Assert.Equal(1, database.Contexts.LiveCount);
        Assert.Equal(0, database.Connections.OpenCount);
        Assert.Single(database.Drill.Active);

        for (var i = 0; i < 100 && database.Drill.Active.Count > 0; i++) await Task.Delay(50);

        Assert.Empty(database.Drill.Active);
        Assert.Equal(0, database.Contexts.LiveCount);
        Assert.NotEqual(Guid.Empty, leak.ContextId);
    }
}
