using Microsoft.EntityFrameworkCore;
using Socializer.Core.Data;

namespace Socializer.Tests.Support;

/// <summary>
/// A real SQLite database in a temporary file, migrated like production, with the production pragmas.
/// Services under test get <see cref="Factory"/>, exactly as the app gives them one.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "socializer-tests", Guid.NewGuid().ToString("N"));

    public TestDatabase()
    {
        Directory.CreateDirectory(directory);
        ConnectionString = $"Data Source={Path.Combine(directory, "test.db")};Pooling=False";
        var options = new DbContextOptionsBuilder<AppDbContext>()
            .UseSqlite(ConnectionString)
            .AddInterceptors(new SqlitePragmaInterceptor(5000))
            .Options;
        Factory = new OptionsDbContextFactory(options);
    }

    public string ConnectionString { get; }
    public IDbContextFactory<AppDbContext> Factory { get; }

    public static async Task<TestDatabase> CreateMigratedAsync()
    {
        var database = new TestDatabase();
        await using var db = await database.Factory.CreateDbContextAsync();
        await db.Database.MigrateAsync();
        return database;
    }

    public ValueTask DisposeAsync()
    {
        try { Directory.Delete(directory, recursive: true); }
        catch (IOException) { /* a file still open on another thread: the temp folder is cleaned by the OS */ }
        return ValueTask.CompletedTask;
    }

    private sealed class OptionsDbContextFactory(DbContextOptions<AppDbContext> options) : IDbContextFactory<AppDbContext>
    {
        public AppDbContext CreateDbContext() => new(options);
    }
}
