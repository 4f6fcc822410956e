using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Socializer.Core.Data;
using Socializer.Core.Health;

namespace Socializer.Tests.Support;

/// <summary>
/// A migrated <see cref="TestDatabase"/> (in WAL mode, as the app runs it) wired exactly as the app wires
/// health tracking: the tracking factory decorator and the connection/transaction interceptors.
/// </summary>
public sealed class TrackedDatabase : IAsyncDisposable
{
    private TrackedDatabase(TestDatabase database, HealthOptions options)
    {
        Database = database;
        Options = options;
        Connections = new ConnectionTracker(Clock);
        Contexts = new ContextTracker(options, Clock);
        Factory = new TrackingDbContextFactory(UntrackedFactory(5000, withInterceptors: true), Contexts);
        Description = new DatabaseDescription(DatabaseProvider.Sqlite, database.ConnectionString);
        Sampler = new HealthSampler(Contexts, Connections, AiRequests, Meters, Description, options, Clock);
        Monitor = new PoolHealthMonitor(Contexts, Connections, AiRequests, Sampler, Description, options, Clock);
        Drill = new LeakDrill(Factory, TimeProvider.System, NullLogger<LeakDrill>.Instance);
    }

    public TestDatabase Database { get; }
    public HealthOptions Options { get; }
    public ManualClock Clock { get; } = new();
    public ContextTracker Contexts { get; }
    public ConnectionTracker Connections { get; }
    public IDbContextFactory<AppDbContext> Factory { get; }
    public DatabaseDescription Description { get; }
    public AiRequestTracker AiRequests { get; } = new();
    public MeterReadings Meters { get; } = new();
    public HealthSampler Sampler { get; }
    public PoolHealthMonitor Monitor { get; }
    public LeakDrill Drill { get; }

    public static async Task<TrackedDatabase> CreateAsync(HealthOptions? options = null)
    {
        var database = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Sqlite); // the health tests here are about SQLite's own pool
        await using (var db = await database.Factory.CreateDbContextAsync())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        return new TrackedDatabase(database, options ?? new HealthOptions());
    }

    /// <summary>A factory outside the tracking, e.g. a writer that gives up on a lock quickly.</summary>
    public IDbContextFactory<AppDbContext> UntrackedFactory(int busyTimeoutMs, bool withInterceptors = false)
    {
        var builder = new DbContextOptionsBuilder<AppDbContext>()
            .UseSqlite(Database.ConnectionString)
            .AddInterceptors(new SqlitePragmaInterceptor(busyTimeoutMs));
        if (withInterceptors)
            builder.AddInterceptors(new ConnectionCountingInterceptor(Connections), new TransactionCountingInterceptor(Connections));
        return new PlainFactory(builder.Options);
    }

    public async ValueTask DisposeAsync()
    {
        await Drill.ReleaseAllAsync();
        Meters.Dispose();
        await Database.DisposeAsync();
    }

    private sealed class PlainFactory(DbContextOptions<AppDbContext> options) : IDbContextFactory<AppDbContext>
    {
        public AppDbContext CreateDbContext() => new(options);
    }
}
