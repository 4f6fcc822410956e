using System.Data.Common;
using Socializer.Core.Data;

namespace Socializer.Core.Health;

/// <summary>The provider and connection settings an operator may see: every secret is removed.</summary>
public sealed class DatabaseDescription
{
    private static readonly string[] SecretKeys = ["password", "pwd", "key", "token", "secret"];

    public DatabaseDescription(DatabaseProvider provider, string connectionString, string? poolName = null)
    {
        Provider = provider.ToString();
        PoolName = poolName;
        var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var settings = new List<KeyValuePair<string, string>>();
        foreach (string key in builder.Keys)
        {
            var value = builder[key]?.ToString() ?? "";
            if (key.Equals("data source", StringComparison.OrdinalIgnoreCase) || key.Equals("datasource", StringComparison.OrdinalIgnoreCase) || key.Equals("filename", StringComparison.OrdinalIgnoreCase))
                DataSourcePath = value;
            var secret = SecretKeys.Any(s => key.Contains(s, StringComparison.OrdinalIgnoreCase));
            settings.Add(new(key, secret ? "(hidden)" : value));
        }
        if (provider == DatabaseProvider.Sqlite && !settings.Any(s => s.Key.Equals("pooling", StringComparison.OrdinalIgnoreCase)))
            settings.Add(new("Pooling", "True (default; Microsoft.Data.Sqlite has no maximum)"));
        Settings = settings;
    }

    public string Provider { get; }

    /// <summary>The SQLite file, if this is one (used to count physical connections).</summary>
    public string? DataSourcePath { get; }

    public IReadOnlyList<KeyValuePair<string, string>> Settings { get; }

    /// <summary>PostgreSQL: the name of this instance's Npgsql pool, which tags its metrics.</summary>
    public string? PoolName { get; }
}
