namespace Socializer.Core.Data;

public enum DatabaseProvider { Sqlite, Postgres }

/// <summary>The "Database" configuration section.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";
    public const string ConnectionStringName = "Socializer";

    /// <summary>The assembly holding the PostgreSQL migrations; the SQLite ones live in Socializer.Core.</summary>
    public const string PostgresMigrationsAssembly = "Socializer.Data.Postgres";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>SQLite: how long a writer waits for the lock before failing, in milliseconds.</summary>
    public int BusyTimeoutMs { get; set; } = 5000;

    /// <summary>
    /// Apply migrations and seed when the app starts (right for one embedded SQLite instance). With several instances
    /// set it to false and run `Socializer.Web migrate` once before they start, so they never race to create the schema.
    /// </summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>
    /// SQLite: how long a save may queue for its turn to write (see SqliteWriteGate) before failing as "busy". Generous:
    /// under heavy but healthy load the queue is long; it only has to bound the wait behind a writer stuck on a foreign lock.
    /// </summary>
    public int WriteQueueTimeoutMs { get; set; } = 60_000;
}
