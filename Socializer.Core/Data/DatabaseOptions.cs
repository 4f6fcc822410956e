namespace Socializer.Core.Data;

public enum DatabaseProvider { Sqlite, Postgres }

/// <summary>The "Database" configuration section.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";
    public const string ConnectionStringName = "Socializer";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>SQLite: how long a writer waits for the lock before failing, in milliseconds.</summary>
    public int BusyTimeoutMs { get; set; } = 5000;
}
