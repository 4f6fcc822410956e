using Microsoft.Playwright;
using Socializer.Tests.Browser;
using Socializer.Tests.Support;

namespace Socializer.Tests.MultiInstance;

/// <summary>
/// Two real app instances (A and B) on two loopback ports, sharing one PostgreSQL database and a private Redis, each
/// with its own (empty) data-protection key folder so only Redis can make their cookies and tokens interchangeable.
/// Deployed as docs/operations.md says: the `migrate` command runs once, then both instances start with
/// Database:MigrateOnStart=false, so they never race to create the schema. The database is a fresh one on the test
/// PostgreSQL server (test.sh starts it); SOCIALIZER_MULTI_DB_PROVIDER=Sqlite runs the same tests on a shared SQLite file.
/// </summary>
public sealed class TwoInstanceFixture : IAsyncLifetime
{
    public const string AdminEmail = "admin@multi.local";
    public const string AdminPassword = "Admin123!";

    private readonly string directory = Path.Combine(Path.GetTempPath(), "socializer-multi", Guid.NewGuid().ToString("N"));
    private IPlaywright? playwright;
    private string? postgresDatabase;

    /// <summary>"Postgres" or "Sqlite": what the two instances share.</summary>
    public string DatabaseProvider { get; } =
        Environment.GetEnvironmentVariable("SOCIALIZER_MULTI_DB_PROVIDER") is { Length: > 0 } p ? p : "Postgres";

    public RedisServer Redis { get; private set; } = default!;
    public AppInstance A { get; private set; } = default!;
    public AppInstance B { get; private set; } = default!;
    public IBrowser Browser { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(directory);
        Redis = await RedisServer.StartNewAsync();
        string connection;
        if (DatabaseProvider == "Postgres")
        {
            postgresDatabase = PostgresTestServer.CreateEmptyDatabase();
            connection = PostgresTestServer.ConnectionString(postgresDatabase);
        }
        else
        {
            connection = $"Data Source={Path.Combine(directory, "shared.db")}";
        }
        Dictionary<string, string> Settings(string name) => new()
        {
            ["Database:Provider"] = DatabaseProvider,
            ["Database:MigrateOnStart"] = "false",
            ["ConnectionStrings:Socializer"] = connection,
            ["DataProtection:KeysPath"] = Path.Combine(directory, "keys-" + name),
            ["Seed:AdminEmail"] = AdminEmail,
            ["Seed:AdminPassword"] = AdminPassword,
            ["Bus:Provider"] = "Redis",
            ["Bus:Redis"] = Redis.ConnectionString,
            ["Bus:InstanceName"] = name,
            ["Bus:HeartbeatSeconds"] = "1",
            ["Bus:PresenceTtlSeconds"] = "5",
        };
        await AppInstance.MigrateAsync(Settings("migrate"));
        A = await AppInstance.StartAsync("A", Settings("A"));
        B = await AppInstance.StartAsync("B", Settings("B"));

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserFixture.ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
            ],
        });
    }

    /// <summary>A browser profile whose relative URLs go to one instance (cookies are per host, so shared by A and B).</summary>
    public async Task<IPage> NewPageAsync(AppInstance instance)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = instance.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        playwright?.Dispose();
        if (B is not null) await B.DisposeAsync();
        if (A is not null) await A.DisposeAsync();
        if (Redis is not null) await Redis.DisposeAsync();
        if (postgresDatabase is not null) await PostgresTestServer.DropDatabaseAsync(postgresDatabase);
        try { Directory.Delete(directory, recursive: true); }
        catch (IOException) { }
    }
}

/// <summary>
/// Several processes and a browser on 2 cores, and tests that take Redis away: they run alone, after the
/// parallel tests, so neither slows or disturbs the other.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MultiInstanceCollection : ICollectionFixture<TwoInstanceFixture>
{
    public const string Name = "multi-instance: app processes and Redis outages";
}
