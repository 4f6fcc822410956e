namespace Socializer.Tests.Support;

/// <summary>
/// Trait values under "Category" that test.sh filters on. The Core service tests run twice: once on SQLite, then again
/// with SOCIALIZER_TEST_DATABASE=Postgres, except those marked <see cref="SqliteOnly"/>.
/// </summary>
public static class TestCategories
{
    public const string Name = "Category";

    /// <summary>About SQLite itself (pragmas, FTS5, the write gate, the database file): nothing to repeat on PostgreSQL.</summary>
    public const string SqliteOnly = "SqliteOnly";

    /// <summary>Always on PostgreSQL (the provider's own behaviour, the pool); needs the server test.sh starts.</summary>
    public const string Postgres = "Postgres";
}
