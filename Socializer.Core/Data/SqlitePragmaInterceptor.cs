using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Socializer.Core.Data;

/// <summary>
/// Sets the per-connection SQLite pragmas every time a connection opens. busy_timeout and synchronous are
/// per connection, so they cannot be set once at start-up (journal_mode=WAL is per file: see DatabaseInitializer).
/// </summary>
public sealed class SqlitePragmaInterceptor(int busyTimeoutMs) : DbConnectionInterceptor
{
    private readonly string pragmas = $"PRAGMA busy_timeout={busyTimeoutMs}; PRAGMA synchronous=NORMAL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
