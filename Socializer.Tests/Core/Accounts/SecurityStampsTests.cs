using Socializer.Core.Accounts;
using Socializer.Core.Data;
using Socializer.Tests.Support;

namespace Socializer.Tests.Core.Accounts;

public sealed class SecurityStampsTests
{
    [Fact]
    public async Task Reads_the_current_stamp_and_sees_a_change_at_once()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        var userId = await database.AddUserAsync("ana", u => u.SecurityStamp = "first");
        var stamps = new SecurityStamps(database.Factory);
        Assert.Equal("first", await stamps.CurrentAsync(userId));

        await using (var db = await database.Factory.CreateDbContextAsync())
        {
            (await db.Users.FindAsync(userId))!.SecurityStamp = "second"; // what logout and a password change do
            await db.SaveChangesAsync();
        }
        Assert.Equal("second", await stamps.CurrentAsync(userId));
    }

    [Fact]
    public async Task An_unknown_user_has_no_stamp()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        Assert.Null(await new SecurityStamps(database.Factory).CurrentAsync("nobody"));
    }

    /// <summary>A compiled query belongs to one model: one process may serve apps on both providers (the test suite, the benchmark).</summary>
    [Fact]
    [Trait(TestCategories.Name, TestCategories.Postgres)]
    public async Task Works_for_a_SQLite_and_a_PostgreSQL_database_in_one_process()
    {
        foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
        {
            await using var database = await TestDatabase.CreateMigratedAsync(provider);
            var userId = await database.AddUserAsync("ana", u => u.SecurityStamp = provider.ToString());
            Assert.Equal(provider.ToString(), await new SecurityStamps(database.Factory).CurrentAsync(userId));
        }
    }
}
