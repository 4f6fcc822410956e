using Microsoft.AspNetCore.Hosting;

namespace Socializer.Tests.Support;

/// <summary>
/// The real web app on PostgreSQL: a database of its own on the local test server (already migrated, unless asked
/// for an empty one) and a small Npgsql pool, so pool exhaustion shows quickly.
/// </summary>
public sealed class PostgresAppFactory : SocializerAppFactory
{
    private readonly IReadOnlyDictionary<string, string> settings;
    private int dropped;

    private PostgresAppFactory(string database, int maxPoolSize, IReadOnlyDictionary<string, string> settings)
    {
        Database = database;
        // A generous wait for a free connection: the machine is small and shared; a leak still fails, it never returns.
        ConnectionString = PostgresTestServer.ConnectionString(database, maxPoolSize) + ";Timeout=60";
        this.settings = settings;
    }

    public string Database { get; }
    public string ConnectionString { get; }

    public static async Task<PostgresAppFactory> CreateAsync(int maxPoolSize = 5, bool migrated = true, IReadOnlyDictionary<string, string>? settings = null)
    {
        var database = migrated ? await PostgresTestServer.CreateMigratedDatabaseAsync() : PostgresTestServer.CreateEmptyDatabase();
        return new PostgresAppFactory(database, maxPoolSize, settings ?? new Dictionary<string, string>());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Database:Provider", "Postgres");
        builder.UseSetting("ConnectionStrings:Socializer", ConnectionString);
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Interlocked.Exchange(ref dropped, 1) == 0) await PostgresTestServer.DropDatabaseAsync(Database);
    }
}
