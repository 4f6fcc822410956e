using Npgsql;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure;

namespace Socializer.Core.Data;

/// <summary>How the app talks to PostgreSQL: one named Npgsql data source (one pool) per app instance.</summary>
public static class PostgresDataSource
{
    private static int instances;

    /// <summary>
    /// A pool name unique to this app instance (machine, process, and host within the process), so the pool-health
    /// page reads this instance's pool from Npgsql's process-wide meter and not a neighbour's.
    /// </summary>
    public static string InstancePoolName() =>
        $"socializer@{Environment.MachineName}:{Environment.ProcessId}#{Interlocked.Increment(ref instances)}";

    public static NpgsqlDataSource Create(string connectionString, string poolName)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString) { Name = poolName };
        return builder.Build();
    }

    /// <summary>The provider options every PostgreSQL context uses: the migrations come from their own assembly.</summary>
    public static void ConfigureProvider(NpgsqlDbContextOptionsBuilder npgsql) =>
        npgsql.MigrationsAssembly(DatabaseOptions.PostgresMigrationsAssembly);
}
