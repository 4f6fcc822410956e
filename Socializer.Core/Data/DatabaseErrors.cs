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

    /// <summary>What a person is told when <see cref="IsBusy"/>: the write was rolled back whole, so nothing was saved.</summary>
    public const string BusyMessage = "The database is busy right now, so nothing was saved. Please try again in a moment.";

    /// <summary>
    /// The database is too busy to serve this now, and trying again later may work: SQLite's write lock timed out
    /// (SQLITE_BUSY/SQLITE_LOCKED), or Npgsql found no free pooled connection or a command timed out; however deeply EF
    /// wrapped it (SaveChanges throws a DbUpdateException around it).
    /// </summary>
    public static bool IsBusy(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            if (e is SqliteException { SqliteErrorCode: 5 or 6 } or NpgsqlException { InnerException: TimeoutException }) return true;
        return false;
    }

    /// <summary>The same failure, raised by our own code when it stops waiting for its turn to write.</summary>
    public static SqliteException BusyException(string detail) => new($"database is locked ({detail})", 5);
}
