using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Socializer.Core.Chat;
using Socializer.Core.Data;
using Socializer.Tests.Support;

namespace Socializer.Tests.Core;

[Trait(TestCategories.Name, TestCategories.SqliteOnly)]
public sealed class DatabaseTests
{
    [Fact]
    public async Task Migrations_create_the_schema_with_general_room_and_default_skills()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        await using var db = await database.Factory.CreateDbContextAsync();

        var general = await db.Rooms.SingleAsync(r => r.Type == RoomType.Public);
        Assert.Equal(Room.GeneralRoomName, general.Name);
        Assert.Equal(4, await db.Skills.CountAsync());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task Every_connection_gets_busy_timeout_and_synchronous_normal()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        await using var db = await database.Factory.CreateDbContextAsync();

        Assert.Equal(5000L, await ScalarAsync(db, "PRAGMA busy_timeout"));
        Assert.Equal(1L, await ScalarAsync(db, "PRAGMA synchronous")); // 1 = NORMAL
    }

    [Fact]
    public async Task Full_text_index_follows_inserts_edits_and_deletes()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        await using (var db = await database.Factory.CreateDbContextAsync())
        {
            db.Messages.Add(new Message { RoomId = 1, Content = "the quick brown fox", SenderType = SenderType.System });
            await db.SaveChangesAsync();
        }
        Assert.Equal(1, await CountMatchesAsync(database, "fox"));

        await using (var db = await database.Factory.CreateDbContextAsync())
        {
            var message = await db.Messages.SingleAsync();
            message.Content = "the lazy dog";
            await db.SaveChangesAsync();
        }
        Assert.Equal(0, await CountMatchesAsync(database, "fox"));
        Assert.Equal(1, await CountMatchesAsync(database, "lazy"));

        await using (var db = await database.Factory.CreateDbContextAsync())
        {
            await db.Messages.ExecuteDeleteAsync();
        }
        Assert.Equal(0, await CountMatchesAsync(database, "lazy"));
    }

    [Fact]
    public async Task Initializer_sets_wal_and_is_idempotent_across_restarts()
    {
        await using (var app = new SocializerAppFactory())
        {
            _ = app.Services; // first start: creates and seeds
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(); // second run: no error, no duplicates

            var factory = app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>();
            await using var db = await factory.CreateDbContextAsync();
            Assert.Equal("wal", await ScalarAsync(db, "PRAGMA journal_mode"));
            Assert.Equal(1, await db.Users.CountAsync(u => u.Email == SocializerAppFactory.AdminEmail));
            Assert.Equal(2, await db.Roles.CountAsync());
            Assert.Equal(1, await db.Rooms.CountAsync(r => r.Name == Room.GeneralRoomName));
        }
    }

    [Fact]
    public void A_relative_data_source_is_resolved_under_the_content_root()
    {
        var root = Path.Combine(Path.GetTempPath(), "socializer-tests", Guid.NewGuid().ToString("N"));
        var resolved = new SqliteConnectionStringBuilder(DataServiceCollectionExtensions.ResolveSqliteConnectionString(null, root));

        Assert.Equal(Path.Combine(root, "App_Data", "socializer.db"), resolved.DataSource);
        Assert.True(Directory.Exists(Path.Combine(root, "App_Data")));
        Directory.Delete(root, recursive: true);
    }

    private static async Task<object?> ScalarAsync(AppDbContext db, string sql)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            return await command.ExecuteScalarAsync();
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<int> CountMatchesAsync(TestDatabase database, string word)
    {
        await using var db = await database.Factory.CreateDbContextAsync();
        return await db.Database.SqlQuery<int>($"SELECT COUNT(*) AS Value FROM MessagesFts WHERE MessagesFts MATCH {word}").SingleAsync();
    }
}
