using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Socializer.Core.Data;

/// <summary>The provider errors the app handles on purpose, recognised the same way on SQLite and PostgreSQL.</summary>
public static class DatabaseErrors
{
    /// <summary>A unique (or other) constraint refused the write: SQLITE_CONSTRAINT, or PostgreSQL's unique_violation.</summary>
    public static bool IsUniqueViolation(DbUpdateException e) =>
        e.InnerException is SqliteException { SqliteErrorCode: 19 } or PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    /// <summary>
    /// The database is too busy to serve this now, and trying again later may work: SQLite's write lock timed out
    /// (SQLITE_BUSY/SQLITE_LOCKED), or Npgsql found no free pooled connection or a command timed out.
    /// </summary>
    public static bool IsBusy(Exception e) =>
        e is SqliteException { SqliteErrorCode: 5 or 6 } or NpgsqlException { InnerException: TimeoutException };
}
