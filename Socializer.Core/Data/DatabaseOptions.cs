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

    /// <summary>
    /// SQLite: how long a save may queue for its turn to write (see SqliteWriteGate) before failing as "busy". Generous:
    /// under heavy but healthy load the queue is long; it only has to bound the wait behind a writer stuck on a foreign lock.
    /// </summary>
    public int WriteQueueTimeoutMs { get; set; } = 60_000;
}
