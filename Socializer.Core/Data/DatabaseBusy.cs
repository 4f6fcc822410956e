using Microsoft.Data.Sqlite;

namespace Socializer.Core.Data;

/// <summary>
/// "Another writer held the database for longer than we wait": SQLite's SQLITE_BUSY (5) or SQLITE_LOCKED (6), however
/// deeply EF wrapped it (SaveChanges throws a DbUpdateException around it). The write was rolled back whole, so
/// the caller can safely say "nothing was changed, try again".
/// </summary>
public static class DatabaseBusy
{
    public const string Message = "The database is busy right now, so nothing was saved. Please try again in a moment.";

    public static bool Is(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            if (e is SqliteException { SqliteErrorCode: 5 or 6 }) return true;
        return false;
    }

    /// <summary>The same failure, raised by our own code when it stops waiting for its turn to write.</summary>
    public static SqliteException Exception(string detail) => new($"database is locked ({detail})", 5);
}
