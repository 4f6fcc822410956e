using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Socializer.Core.Data;
using Socializer.Core.Health;
using Socializer.Tests.Support;

namespace Socializer.Tests.Core.Health;

[Trait(TestCategories.Name, TestCategories.SqliteOnly)]
public sealed class ContextTrackerTests : IAsyncLifetime
{
    private TrackedDatabase database = default!;

    public async Task InitializeAsync() => database = await TrackedDatabase.CreateAsync();

    public async Task DisposeAsync() => await database.DisposeAsync();

    private static int Line([CallerLineNumber] int line = 0) => line;

    [Fact]
    public async Task Contexts_are_counted_when_created_and_when_disposed_either_way()
    {
        var kept = await database.Factory.CreateDbContextAsync();
        await using (var db = await database.Factory.CreateDbContextAsync()) await db.Users.CountAsync();
        using (var db = database.Factory.CreateDbContext()) await db.Users.CountAsync();

        Assert.Equal(3, database.Contexts.Created);
        Assert.Equal(2, database.Contexts.Disposed);
        Assert.Equal(1, database.Contexts.LiveCount);
        Assert.Equal(kept.ContextId.InstanceId, Assert.Single(database.Contexts.Live).Id);

        await kept.DisposeAsync();
        Assert.Equal(0, database.Contexts.LiveCount);
        Assert.Equal(3, database.Contexts.Disposed);
    }

    [Fact]
    public async Task An_undisposed_context_becomes_a_suspected_leak_with_the_line_that_created_it()
    {
        var (leaked, line) = (await database.Factory.CreateDbContextAsync(), Line());
        await using (var tidy = await database.Factory.CreateDbContextAsync()) await tidy.Users.CountAsync();
        await leaked.Users.CountAsync();

        Assert.Empty(database.Monitor.Snapshot().SuspectedLeaks); // young contexts are not leaks
        database.Clock.Advance(TimeSpan.FromSeconds(database.Options.LeakThresholdSeconds + 1));

        var snapshot = database.Monitor.Snapshot();
        var leak = Assert.Single(snapshot.SuspectedLeaks);
        Assert.Equal(leaked.ContextId.InstanceId, leak.Id);
        Assert.EndsWith(nameof(ContextTrackerTests) + ".cs", leak.File);
        Assert.Equal(line, leak.Line);
        Assert.Contains(nameof(An_undisposed_context_becomes_a_suspected_leak_with_the_line_that_created_it), leak.CallSite);
        Assert.False(leak.HoldsConnection);
        Assert.Equal(HealthLevel.Warning, snapshot.Verdict.Level);
        Assert.Contains("ContextTrackerTests.cs", snapshot.Verdict.Summary);

        await leaked.DisposeAsync();
        var after = database.Monitor.Snapshot();
        Assert.Empty(after.SuspectedLeaks);
        Assert.Equal("Healthy: 0 live contexts, 0 open connections", after.Verdict.Summary);
    }

    [Fact]
    public async Task A_context_collected_without_Dispose_is_reported_and_no_longer_live()
    {
        CreateAndForgetContext();
        using (var disposed = database.Factory.CreateDbContext()) { }
        for (var i = 0; i < 3 && database.Contexts.CollectedUndisposed == 0; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        Assert.Equal(1, database.Contexts.CollectedUndisposed);
        Assert.Equal(0, database.Contexts.LiveCount);
        var collected = Assert.Single(database.Contexts.RecentlyCollected);
        Assert.Equal(nameof(ContextTrackerTests) + ".cs", collected.CallSite.FileName);
        Assert.Contains(nameof(CreateAndForgetContext), collected.CallSite.Member);
        var verdict = database.Monitor.Snapshot().Verdict;
        Assert.Equal(HealthLevel.Warning, verdict.Level);
        Assert.Contains("garbage-collected without Dispose", verdict.Summary);
        await Task.CompletedTask;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void CreateAndForgetContext() => database.Factory.CreateDbContext();

    [Fact]
    public async Task Call_sites_are_not_captured_when_sampling_is_off()
    {
        await using var quiet = await TrackedDatabase.CreateAsync(new HealthOptions { CallSiteSampleRate = 0 });
        await using var db = await quiet.Factory.CreateDbContextAsync();

        Assert.Same(Socializer.Core.Health.CallSite.NotSampled, Assert.Single(quiet.Contexts.Live).CallSite);
    }

    [Fact]
    public async Task The_app_wires_the_tracking_factory_and_counts_its_contexts()
    {
        await using var app = new SocializerAppFactory();
        var factory = app.Services.GetService(typeof(IDbContextFactory<AppDbContext>));
        Assert.IsType<TrackingDbContextFactory>(factory);
        var tracker = (ContextTracker)app.Services.GetService(typeof(ContextTracker))!;
        var before = tracker.Created;

        await using (var db = await ((IDbContextFactory<AppDbContext>)factory!).CreateDbContextAsync()) await db.Users.CountAsync();

        Assert.Equal(before + 1, tracker.Created);
        Assert.Equal(0, tracker.LiveCount);
    }
}
