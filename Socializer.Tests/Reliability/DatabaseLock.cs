using Microsoft.Data.Sqlite;

namespace Socializer.Tests.Reliability;

/// <summary>
/// Another connection that takes the SQLite file's write lock (BEGIN IMMEDIATE) and keeps it until disposed, as a
/// second process or a long maintenance job would. Readers still read (WAL); writers wait out busy_timeout and fail.
/// </summary>
internal sealed class DatabaseLock : IAsyncDisposable
{
    private readonly SqliteConnection connection;

    private DatabaseLock(SqliteConnection connection) => this.connection = connection;

    public static async Task<DatabaseLock> TakeAsync(string databasePath)
    {
        var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        await connection.OpenAsync();
        await using var begin = connection.CreateCommand();
        begin.CommandText = "BEGIN IMMEDIATE;";
        await begin.ExecuteNonQueryAsync();
        return new DatabaseLock(connection);
    }

    public async ValueTask DisposeAsync()
    {
        await using (var rollback = connection.CreateCommand())
        {
            rollback.CommandText = "ROLLBACK;";
            await rollback.ExecuteNonQueryAsync();
        }
        await connection.DisposeAsync();
    }

    /// <summary>A scalar read on its own connection (works while the lock is held).</summary>
    public static async Task<long> CountAsync(string databasePath, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
