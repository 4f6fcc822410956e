using Microsoft.EntityFrameworkCore;
using Socializer.Core.Data;

namespace Socializer.Tests.Support;

/// <summary>
/// A real database, migrated like production: a temporary SQLite file with the production pragmas, or (with
/// SOCIALIZER_TEST_DATABASE=Postgres, or when asked for) a database of its own on the local PostgreSQL server.
/// Services under test get <see cref="Factory"/>, exactly as the app gives them one.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    /// <summary>The provider the service tests run on in this test run.</summary>
    public static DatabaseProvider DefaultProvider { get; } =
        Enum.TryParse<DatabaseProvider>(Environment.GetEnvironmentVariable("SOCIALIZER_TEST_DATABASE"), ignoreCase: true, out var provider)
            ? provider
            : DatabaseProvider.Sqlite;

    private readonly string? directory;
    private readonly string? postgresDatabase;

    public TestDatabase() : this(DefaultProvider, postgresDatabase: null) { }

    /// <summary>An empty database (not migrated) on <paramref name="provider"/>.</summary>
    public TestDatabase(DatabaseProvider provider) : this(provider, postgresDatabase: null) { }

    private TestDatabase(DatabaseProvider provider, string? postgresDatabase)
    {
        Provider = provider;
        DbContextOptions<AppDbContext> options;
        if (provider == DatabaseProvider.Postgres)
        {
            this.postgresDatabase = postgresDatabase ?? PostgresTestServer.CreateEmptyDatabase();
            ConnectionString = PostgresTestServer.ConnectionString(this.postgresDatabase);
            options = PostgresTestServer.Options(ConnectionString);
        }
        else
        {
            directory = Path.Combine(Path.GetTempPath(), "socializer-tests", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(directory);
            ConnectionString = $"Data Source={Path.Combine(directory, "test.db")};Pooling=False";
            options = new DbContextOptionsBuilder<AppDbContext>()
                .UseSqlite(ConnectionString)
                .AddInterceptors(new SqlitePragmaInterceptor(5000))
                .Options;
        }
        Factory = new OptionsDbContextFactory(options);
    }

    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }
    public IDbContextFactory<AppDbContext> Factory { get; }

    public static Task<TestDatabase> CreateMigratedAsync() => CreateMigratedAsync(DefaultProvider);

    public static async Task<TestDatabase> CreateMigratedAsync(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Postgres)
            return new TestDatabase(provider, await PostgresTestServer.CreateMigratedDatabaseAsync());
        var database = new TestDatabase(provider, postgresDatabase: null);
        await using var db = await database.Factory.CreateDbContextAsync();
        await db.Database.MigrateAsync();
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        if (postgresDatabase is not null)
        {
            await PostgresTestServer.DropDatabaseAsync(postgresDatabase);
            return;
        }
        try { Directory.Delete(directory!, recursive: true); }
        catch (IOException) { /* a file still open on another thread: the temp folder is cleaned by the OS */ }
    }

    private sealed class OptionsDbContextFactory(DbContextOptions<AppDbContext> options) : IDbContextFactory<AppDbContext>
    {
        public AppDbContext CreateDbContext() => new(options);
    }
}
