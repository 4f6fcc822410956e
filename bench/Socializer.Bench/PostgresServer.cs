using Npgsql;
using NpgsqlTypes;

namespace Socializer.Bench;

/// <summary>The PostgreSQL side of the benchmark: its own database per run, bulk history rows by binary COPY, the database's size.</summary>
public static class PostgresServer
{
    public static string ConnectionString(string server, string database, int maxPoolSize) =>
        new NpgsqlConnectionStringBuilder(server) { Database = database, MaxPoolSize = maxPoolSize }.ConnectionString;

    public static Task CreateDatabaseAsync(string server, string database) => AdminAsync(server, $"CREATE DATABASE \"{database}\"");

    public static async Task DropDatabaseAsync(string server, string database)
    {
        NpgsqlConnection.ClearAllPools();
        await AdminAsync(server, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
    }

    public static async Task<long> DatabaseBytesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pg_database_size(current_database())", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The same rows as the SQLite path (every 1,000th holds "zebra"), by binary COPY; the tsvector column is generated per row.</summary>
    public static async Task InsertMessagesAsync(string connectionString, int roomId, string userId, int alreadyStored, int count, Random random, string[] vocabulary)
    {
        var start = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var writer = await connection.BeginBinaryImportAsync("""COPY "Messages" ("RoomId", "SenderType", "SenderId", "Content", "CreatedAt") FROM STDIN (FORMAT BINARY)"""))
        {
            for (var i = 0; i < count; i++)
            {
                var n = alreadyStored + i;
                var words = Enumerable.Range(0, 8).Select(_ => vocabulary[random.Next(vocabulary.Length)]);
                await writer.StartRowAsync();
                await writer.WriteAsync(roomId, NpgsqlDbType.Integer);
                await writer.WriteAsync(0, NpgsqlDbType.Integer);
                await writer.WriteAsync(userId, NpgsqlDbType.Text);
                await writer.WriteAsync(string.Join(' ', n % 1000 == 999 ? words.Append("zebra") : words), NpgsqlDbType.Varchar);
                await writer.WriteAsync(start.AddSeconds(n), NpgsqlDbType.TimestampTz);
            }
            await writer.CompleteAsync();
        }
        await using var analyze = new NpgsqlCommand("""ANALYZE "Messages" """, connection);
        await analyze.ExecuteNonQueryAsync();
    }

    private static async Task AdminAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
