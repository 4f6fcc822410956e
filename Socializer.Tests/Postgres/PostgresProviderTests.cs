using Microsoft.EntityFrameworkCore;
using Npgsql;
using Socializer.Core.Chat;
using Socializer.Core.Data;
using Socializer.Tests.Support;

namespace Socializer.Tests.Postgres;

/// <summary>What only PostgreSQL has: its migrations, the tsvector search column and its GIN index, timestamptz.</summary>
[Trait(TestCategories.Name, TestCategories.Postgres)]
public sealed class PostgresProviderTests
{
    [Fact]
    public async Task The_postgres_migrations_build_the_whole_schema_on_an_empty_database()
    {
        await using var database = new TestDatabase(DatabaseProvider.Postgres);
        await using var db = await database.Factory.CreateDbContextAsync();

        Assert.NotEmpty(await db.Database.GetPendingMigrationsAsync());
        await db.Database.MigrateAsync();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(Room.GeneralRoomName, (await db.Rooms.SingleAsync(r => r.Type == RoomType.Public)).Name);
        Assert.Equal(4, await db.Skills.CountAsync());
        Assert.All(db.Database.GetAppliedMigrations(), id => Assert.Contains(id, db.Database.GetMigrations()));
    }

    [Fact]
    public async Task The_search_vector_follows_edits_and_deletes_and_search_uses_its_gin_index()
    {
        await using var database = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Postgres);
        await using (var db = await database.Factory.CreateDbContextAsync())
        {
            db.Messages.Add(new Message { RoomId = 1, Content = "the quick brown fox", SenderType = SenderType.System });
            await db.SaveChangesAsync();
        }
        Assert.Equal(1, await CountMatchesAsync(database, "fox"));

        await using (var db = await database.Factory.CreateDbContextAsync())
        {
            (await db.Messages.SingleAsync()).Content = "the lazy dog";
            await db.SaveChangesAsync();
            Assert.Equal(0, await CountMatchesAsync(database, "fox"));
            Assert.Equal(1, await CountMatchesAsync(database, "lazy"));
            await db.Messages.ExecuteDeleteAsync();
        }
        Assert.Equal(0, await CountMatchesAsync(database, "lazy"));

        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        // A handful of rows would be scanned anyway; forbid the scan to see whether the index can answer at all.
        await using var command = new NpgsqlCommand("""
            SET enable_seqscan = off;
            EXPLAIN SELECT "Id" FROM "Messages" WHERE "SearchVector" @@ to_tsquery('simple', 'x:*');
            """, connection);
        var plan = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) plan.Add(reader.GetString(0));
        Assert.Contains(plan, line => line.Contains("IX_Messages_SearchVector", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Search_keeps_every_word_required_even_words_that_are_websearch_operators()
    {
        await using var database = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Postgres);
        await using (var db = await database.Factory.CreateDbContextAsync())
        {
            db.Users.Add(new Socializer.Core.Accounts.AppUser { Id = "ana-id", UserName = "ana", DisplayName = "Ana" });
            db.RoomMembers.Add(new RoomMember { RoomId = 1, UserId = "ana-id" });
            db.Messages.Add(new Message { RoomId = 1, Content = "tea or coffee this morning?", SenderType = SenderType.System });
            db.Messages.Add(new Message { RoomId = 1, Content = "coffee is ready", SenderType = SenderType.System });
            await db.SaveChangesAsync();
        }
        var bus = new InMemoryChatBus(Microsoft.Extensions.Logging.Abstractions.NullLogger<InMemoryChatBus>.Instance);
        using var typing = new TypingTracker(bus, TimeProvider.System);
        var messages = new MessageService(database.Factory, bus, typing, new Socializer.Core.Translation.StopWordLanguageDetector());

        Assert.Single(await messages.SearchAsync("ana-id", "tea or coff"));
        Assert.Equal(2, (await messages.SearchAsync("ana-id", "coff")).Count);
        Assert.Single(await messages.SearchAsync("ana-id", "-coffee tea")); // '-' is dropped with the other symbols: no NOT
    }

    [Fact]
    public async Task Times_are_stored_as_timestamptz_and_come_back_as_utc()
    {
        await using var database = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Postgres);
        var at = new DateTime(2026, 3, 1, 12, 30, 0, DateTimeKind.Utc);
        await using (var db = await database.Factory.CreateDbContextAsync())
        {
            db.Messages.Add(new Message { RoomId = 1, Content = "time", SenderType = SenderType.System, CreatedAt = at });
            await db.SaveChangesAsync();
        }
        await using (var db = await database.Factory.CreateDbContextAsync())
        {
            var stored = await db.Messages.Select(m => m.CreatedAt).SingleAsync();
            Assert.Equal(at, stored);
            Assert.Equal(DateTimeKind.Utc, stored.Kind);
        }
    }

    [Fact]
    public async Task Npgsql_errors_are_recognised_as_a_unique_violation_and_as_an_exhausted_pool()
    {
        await using var database = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Postgres);
        await using (var db = await database.Factory.CreateDbContextAsync())
        {
            db.Users.Add(new Socializer.Core.Accounts.AppUser { Id = "ana-id", UserName = "ana" });
            db.MemoryFacts.Add(new Socializer.Core.Memory.MemoryFact { UserId = "ana-id", Key = "k", Value = "1" });
            await db.SaveChangesAsync();
        }
        await using (var db = await database.Factory.CreateDbContextAsync())
        {
            db.MemoryFacts.Add(new Socializer.Core.Memory.MemoryFact { UserId = "ana-id", Key = "k", Value = "2" });
            var duplicate = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
            Assert.True(DatabaseErrors.IsUniqueViolation(duplicate));
        }

        await using var dataSource = PostgresDataSource.Create(database.ConnectionString + ";Maximum Pool Size=1;Timeout=2", "exhaust-me");
        await using var held = await dataSource.OpenConnectionAsync();
        var exhausted = await Assert.ThrowsAnyAsync<Exception>(async () => { await using var _ = await dataSource.OpenConnectionAsync(); });
        Assert.True(DatabaseErrors.IsBusy(exhausted), exhausted.ToString());
    }

    private static async Task<int> CountMatchesAsync(TestDatabase database, string word)
    {
        await using var db = await database.Factory.CreateDbContextAsync();
        return await db.Database.SqlQuery<int>($"""SELECT count(*)::int AS "Value" FROM "Messages" WHERE "SearchVector" @@ to_tsquery('simple', {word})""").SingleAsync();
    }
}
