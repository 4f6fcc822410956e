using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Socializer.Core.Data;

namespace Socializer.Tests.Support;

/// <summary>
/// The local PostgreSQL server the tests use (test.sh starts it: `pg_ctlcluster 15 main start`, password set).
/// Every test gets a database of its own, copied from a template that is migrated once per version of the
/// PostgreSQL migrations: a copy takes a fraction of what migrating does.
/// </summary>
public static class PostgresTestServer
{
    /// <summary>Where the server is; override with SOCIALIZER_TEST_POSTGRES (a connection string without Database).</summary>
    public static string AdminConnectionString { get; } =
        Environment.GetEnvironmentVariable("SOCIALIZER_TEST_POSTGRES") is { Length: > 0 } configured
            ? configured
            : "Host=127.0.0.1;Port=5432;Username=postgres;Password=socializer-tests";

    private const string DatabasePrefix = "socializer_test_";
    private const string TemplatePrefix = "socializer_template_";
    private static readonly Lazy<Task<string>> Template = new(CreateTemplateAsync);

    /// <summary>A connection string for <paramref name="database"/> on the test server, with Npgsql's pooling as the app uses it.</summary>
    public static string ConnectionString(string database, int? maxPoolSize = null)
    {
        var builder = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = database };
        if (maxPoolSize is { } max) builder.MaxPoolSize = max;
        return builder.ConnectionString;
    }

    public static string NewDatabaseName() => DatabasePrefix + Guid.NewGuid().ToString("N");

    /// <summary>A fresh database holding the whole migrated schema (and the seed rows migrations insert).</summary>
    public static async Task<string> CreateMigratedDatabaseAsync()
    {
        var template = await Template.Value;
        var name = NewDatabaseName();
        await ExecuteAsync($"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
        return name;
    }

    /// <summary>A fresh, empty database (for tests that migrate it themselves).</summary>
    public static string CreateEmptyDatabase()
    {
        var name = NewDatabaseName();
        using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        connection.Open();
        using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        command.ExecuteNonQuery();
        return name;
    }

    public static async Task DropDatabaseAsync(string name)
    {
        // Pooled idle connections would otherwise keep the server's connection slots (100 by default) busy.
        await using (var connection = new NpgsqlConnection(ConnectionString(name)))
            NpgsqlConnection.ClearPool(connection);
        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    public static DbContextOptions<AppDbContext> Options(string connectionString) =>
        new DbContextOptionsBuilder<AppDbContext>().UseNpgsql(connectionString, PostgresDataSource.ConfigureProvider).Options;

    private static async Task<string> CreateTemplateAsync()
    {
        // Named after the migrations assembly's build, so a changed migration gets a new template and stale ones are dropped.
        var assembly = AppDomain.CurrentDomain.Load(DatabaseOptions.PostgresMigrationsAssembly);
        var version = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(assembly.ManifestModule.ModuleVersionId.ToString())))[..16];
        var template = TemplatePrefix + version;
        var existing = await DatabasesAsync();
        if (existing.Contains(template)) return template;

        var building = NewDatabaseName();
        await ExecuteAsync($"CREATE DATABASE \"{building}\"");
        var connectionString = ConnectionString(building);
        await using (var db = new AppDbContext(Options(connectionString)))
            await db.Database.MigrateAsync();
        await using (var connection = new NpgsqlConnection(connectionString))
            NpgsqlConnection.ClearPool(connection);
        foreach (var stale in existing.Where(d => d.StartsWith(TemplatePrefix, StringComparison.Ordinal)))
            await ExecuteAsync($"DROP DATABASE IF EXISTS \"{stale}\" WITH (FORCE)");
        try
        {
            await ExecuteAsync($"ALTER DATABASE \"{building}\" RENAME TO \"{template}\"");
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            await ExecuteAsync($"DROP DATABASE IF EXISTS \"{building}\" WITH (FORCE)"); // another test run made it first
        }
        return template;
    }

    private static async Task<HashSet<string>> DatabasesAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT datname FROM pg_database", connection);
        var names = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) names.Add(reader.GetString(0));
        return names;
    }

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
