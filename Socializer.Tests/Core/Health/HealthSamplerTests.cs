using Microsoft.EntityFrameworkCore;
using Socializer.Core.Health;
using Socializer.Tests.Support;

namespace Socializer.Tests.Core.Health;

[Trait(TestCategories.Name, TestCategories.SqliteOnly)]
public sealed class HealthSamplerTests
{
    [Fact]
    public async Task The_sampler_keeps_a_bounded_history_oldest_first_and_pushes_each_sample()
    {
        await using var database = await TrackedDatabase.CreateAsync(new HealthOptions { HistorySeconds = 3 });
        var pushed = new List<HealthSample>();
        using (database.Sampler.Subscribe(pushed.Add))
        {
            database.Sampler.SampleNow();
            await using var held = await database.Factory.CreateDbContextAsync();
            database.Clock.Advance(TimeSpan.FromSeconds(1));
            database.Sampler.SampleNow();
            database.Clock.Advance(TimeSpan.FromSeconds(1));
            database.Sampler.SampleNow();
            database.Clock.Advance(TimeSpan.FromSeconds(1));
            database.Sampler.SampleNow();
        }
        database.Sampler.SampleNow();

        Assert.Equal(4, pushed.Count); // the last sample came after unsubscribing
        var history = database.Sampler.History();
        Assert.Equal(3, history.Count);
        Assert.True(history[0].At < history[1].At && history[1].At <= history[2].At);
        Assert.Equal(1, history[0].LiveContexts);
        Assert.Equal(0, history[2].LiveContexts);
        Assert.Same(history[2], database.Sampler.Latest);
    }

    [Fact]
    public async Task Physical_sqlite_connections_are_counted_from_file_handles()
    {
        await using var database = await TrackedDatabase.CreateAsync();
        var path = database.Description.DataSourcePath;
        Assert.NotNull(path);
        if (!OperatingSystem.IsLinux())
        {
            Assert.Null(SqliteFileHandles.CountPhysicalConnections(path));
            return;
        }

        var before = SqliteFileHandles.CountPhysicalConnections(path);
        await using var db = await database.Factory.CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        Assert.Equal(before + 1, SqliteFileHandles.CountPhysicalConnections(path));
        await db.Database.CloseConnectionAsync(); // Pooling=False in tests: closing closes the file
        Assert.Equal(before, SqliteFileHandles.CountPhysicalConnections(path));
    }

    [Fact]
    public void The_connection_description_never_shows_a_password()
    {
        var description = new DatabaseDescription(Socializer.Core.Data.DatabaseProvider.Sqlite, "Data Source=/tmp/x.db;Password=hunter2;Cache=Shared");

        Assert.Equal("Sqlite", description.Provider);
        Assert.Equal("/tmp/x.db", description.DataSourcePath);
        Assert.DoesNotContain(description.Settings, s => s.Value.Contains("hunter2", StringComparison.Ordinal));
        Assert.Contains(description.Settings, s => s.Key.Equals("password", StringComparison.OrdinalIgnoreCase) && s.Value == "(hidden)");
    }

    [Fact]
    public void Ai_requests_are_counted_in_flight_and_their_latency_recorded()
    {
        var tracker = new AiRequestTracker();
        var first = tracker.Begin();
        using (var second = tracker.Begin())
        {
            Assert.Equal(2, tracker.InFlight);
            second.Fail();
        }
        first.Dispose();
        first.Dispose(); // a second Dispose changes nothing

        Assert.Equal(0, tracker.InFlight);
        Assert.Equal(1, tracker.Completed);
        Assert.Equal(1, tracker.Failed);
        Assert.NotNull(tracker.Latency().P95);
    }
}
