using Microsoft.EntityFrameworkCore;
using Socializer.Core.Assistant;
using Socializer.Core.Data;
using Socializer.Tests.Support;

namespace Socializer.Tests.Core.Data;

[Trait(TestCategories.Name, TestCategories.SqliteOnly)]
public sealed class SqliteWriteGateTests
{
    // Guards against a gate that is never released: the test fails instead of hanging (not a timing assertion).
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Concurrent_saves_all_succeed_through_the_gate()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        var ana = await database.AddUserAsync("ana");
        using var gate = new SqliteWriteGate();
        var options = GatedOptions(database, gate);

        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(async () =>
        {
            await using var db = new AppDbContext(options);
            db.AiConversations.Add(new AiConversation { UserId = ana, Title = $"t{i}" });
            await db.SaveChangesAsync();
        }))).WaitAsync(HangGuard);

        await using var check = new AppDbContext(options);
        Assert.Equal(40, await check.AiConversations.CountAsync());
    }

    [Fact]
    public async Task A_failed_save_releases_the_gate()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        var ana = await database.AddUserAsync("ana");
        using var gate = new SqliteWriteGate();
        var options = GatedOptions(database, gate);

        await using (var bad = new AppDbContext(options))
        {
            bad.AiConversations.Add(new AiConversation { UserId = "no-such-user" }); // foreign key violation
            await Assert.ThrowsAsync<DbUpdateException>(() => bad.SaveChangesAsync());
        }

        await using var good = new AppDbContext(options);
        good.AiConversations.Add(new AiConversation { UserId = ana });
        await good.SaveChangesAsync().WaitAsync(HangGuard);
        Assert.Equal(1, await good.AiConversations.CountAsync());
    }

    [Fact]
    public async Task A_save_inside_an_explicit_transaction_does_not_wait_for_the_gate()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        var ana = await database.AddUserAsync("ana");
        using var gate = new SqliteWriteGate();
        var options = GatedOptions(database, gate);

        await using var db = new AppDbContext(options);
        await using var transaction = await db.Database.BeginTransactionAsync();
        db.AiConversations.Add(new AiConversation { UserId = ana });
        await db.SaveChangesAsync().WaitAsync(HangGuard);
        db.AiConversations.Add(new AiConversation { UserId = ana });
        await db.SaveChangesAsync().WaitAsync(HangGuard);
        await transaction.CommitAsync();
        Assert.Equal(2, await db.AiConversations.CountAsync());
    }

    [Fact]
    public async Task Starting_a_conversation_stores_it_with_its_first_message()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        var ana = await database.AddUserAsync("ana");
        var store = new ConversationStore(database.Factory, CoachingTestData.NewProtector());

        var (id, message) = await store.StartAsync(ana, "Plan my week please");

        var detail = await store.GetAsync(ana, id);
        Assert.NotNull(detail);
        Assert.Equal("Plan my week please", detail.Title);
        var stored = Assert.Single(detail.Messages);
        Assert.Equal(message.Id, stored.Id);
        Assert.Equal(AiMessageRole.User, stored.Role);
        Assert.Equal("Plan my week please", stored.Content);
        Assert.Null(await store.GetAsync(await database.AddUserAsync("ben"), id));
    }

    private static DbContextOptions<AppDbContext> GatedOptions(TestDatabase database, SqliteWriteGate gate) =>
        new DbContextOptionsBuilder<AppDbContext>()
            .UseSqlite(database.ConnectionString)
            .AddInterceptors(new SqlitePragmaInterceptor(5000), gate)
            .Options;
}
