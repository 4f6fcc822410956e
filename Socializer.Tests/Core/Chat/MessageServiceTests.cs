using Microsoft.EntityFrameworkCore;
using Socializer.Core.Chat;
using Socializer.Tests.Support;

namespace Socializer.Tests.Core.Chat;

public sealed class MessageServiceTests : IAsyncLifetime
{
    private ChatFixture chat = null!;
    private string ana = "", ben = "", cleo = "";

    public async Task InitializeAsync()
    {
        chat = await ChatFixture.CreateAsync();
        ana = await chat.AddUserAsync("ana");
        ben = await chat.AddUserAsync("ben");
        cleo = await chat.AddUserAsync("cleo");
    }

    public async Task DisposeAsync() => await chat.DisposeAsync();

    private async Task<List<long>> SeedAsync(int roomId, string userId, int count)
    {
        var ids = new List<long>();
        for (var i = 1; i <= count; i++) ids.Add((await chat.Messages.PostAsync(roomId, userId, $"message {i}")).Id);
        return ids;
    }

    [Fact]
    public async Task History_pages_by_id_without_gaps_or_overlaps()
    {
        var ids = await SeedAsync(1, ana, 120);

        var latest = await chat.Messages.HistoryAsync(1, ben);
        var older = await chat.Messages.HistoryAsync(1, ben, before: latest.Messages[0].Id);
        var oldest = await chat.Messages.HistoryAsync(1, ben, before: older.Messages[0].Id);

        Assert.Equal(50, latest.Messages.Count);
        Assert.Equal(ids[^50..], latest.Messages.Select(m => m.Id));
        Assert.True(latest.HasOlder);
        Assert.Equal(ids[20..70], older.Messages.Select(m => m.Id));
        Assert.True(older.HasOlder);
        Assert.Equal(ids[..20], oldest.Messages.Select(m => m.Id));
        Assert.False(oldest.HasOlder);
        Assert.Equal("message 1", oldest.Messages[0].Content);
    }

    [Fact]
    public async Task A_page_of_exactly_the_limit_says_there_is_nothing_older()
    {
        await SeedAsync(1, ana, 50);

        var page = await chat.Messages.HistoryAsync(1, ana);

        Assert.Equal(50, page.Messages.Count);
        Assert.False(page.HasOlder);
        Assert.Empty((await chat.Messages.HistoryAsync(1, ana, before: page.Messages[0].Id)).Messages);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(201)]
    public async Task History_refuses_a_bad_limit(int limit)
    {
        var refused = await Assert.ThrowsAsync<ChatException>(() => chat.Messages.HistoryAsync(1, ana, limit: limit));
        Assert.Equal(ChatError.Invalid, refused.Error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t ")]
    [InlineData(null)]
    public async Task Empty_messages_are_refused_and_nothing_is_stored(string? content)
    {
        var refused = await Assert.ThrowsAsync<ChatException>(() => chat.Messages.PostAsync(1, ana, content));

        Assert.Equal(ChatError.Invalid, refused.Error);
        await using var db = await chat.Database.Factory.CreateDbContextAsync();
        Assert.Equal(0, await db.Messages.CountAsync());
    }

    [Fact]
    public async Task The_length_limit_is_inclusive_and_the_error_says_so()
    {
        var atLimit = await chat.Messages.PostAsync(1, ana, new string('a', Message.ContentMaxLength));
        var refused = await Assert.ThrowsAsync<ChatException>(() => chat.Messages.PostAsync(1, ana, new string('a', Message.ContentMaxLength + 1)));

        Assert.Equal(Message.ContentMaxLength, atLimit.Content.Length);
        Assert.Contains("4,000", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Non_members_cannot_post()
    {
        var room = await chat.Rooms.CreateGroupAsync(ana, new NewGroupRoom("private", []));
        var refused = await Assert.ThrowsAsync<ChatException>(() => chat.Messages.PostAsync(room.Id, ben, "let me in"));
        Assert.Equal(ChatError.NotFound, refused.Error);
    }

    [Fact]
    public async Task Only_the_author_edits_and_the_edit_is_marked()
    {
        var message = await chat.Messages.PostAsync(1, ana, "helo");

        var byOther = await Assert.ThrowsAsync<ChatException>(() => chat.Messages.EditAsync(message.Id, ben, "hacked"));
        var edited = await chat.Messages.EditAsync(message.Id, ana, "hello");

        Assert.Equal(ChatError.Forbidden, byOther.Error);
        Assert.Equal("hello", edited.Content);
        Assert.NotNull(edited.EditedAt);
        Assert.Equal("hello", (await chat.Messages.HistoryAsync(1, ben)).Messages.Single().Content);
    }

    [Fact]
    public async Task An_edit_must_obey_the_same_limits()
    {
        var message = await chat.Messages.PostAsync(1, ana, "fine");
        await Assert.ThrowsAsync<ChatException>(() => chat.Messages.EditAsync(message.Id, ana, " "));
        Assert.Equal("fine", (await chat.Messages.HistoryAsync(1, ana)).Messages.Single().Content);
    }

    [Fact]
    public async Task Deleting_is_soft_own_only_and_final()
    {
        var message = await chat.Messages.PostAsync(1, ana, "oops");

        var byOther = await Assert.ThrowsAsync<ChatException>(() => chat.Messages.DeleteAsync(message.Id, ben));
        Assert.Equal(ChatError.Forbidden, byOther.Error);
        await chat.Messages.DeleteAsync(message.Id, ana);

        var shown = (await chat.Messages.HistoryAsync(1, ben)).Messages.Single();
        Assert.True(shown.IsDeleted);
        Assert.Equal("", shown.Content);
        await Assert.ThrowsAsync<ChatException>(() => chat.Messages.EditAsync(message.Id, ana, "undo"));
        await Assert.ThrowsAsync<ChatException>(() => chat.Messages.DeleteAsync(message.Id, ana));
    }

    [Fact]
    public async Task Someone_outside_the_room_learns_nothing_about_its_messages()
    {
        var room = await chat.Rooms.CreateGroupAsync(ana, new NewGroupRoom("private", []));
        var message = await chat.Messages.PostAsync(room.Id, ana, "secret");

        var refused = await Assert.ThrowsAsync<ChatException>(() => chat.Messages.EditAsync(message.Id, ben, "x"));

        Assert.Equal(ChatError.NotFound, refused.Error);
    }

    [Fact]
    public async Task Search_finds_words_and_prefixes_only_in_the_users_rooms()
    {
        var mine = await chat.Rooms.CreateGroupAsync(ana, new NewGroupRoom("mine", []));
        var theirs = await chat.Rooms.CreateGroupAsync(ben, new NewGroupRoom("theirs", []));
        await chat.Messages.PostAsync(1, cleo, "Pancakes in general");
        await chat.Messages.PostAsync(mine.Id, ana, "pancakes recipe here");
        await chat.Messages.PostAsync(theirs.Id, ben, "secret pancakes");
        var gone = await chat.Messages.PostAsync(1, ana, "deleted pancakes");
        await chat.Messages.DeleteAsync(gone.Id, ana);

        var hits = await chat.Messages.SearchAsync(ana, "pancak");

        Assert.Equal(2, hits.Count);
        Assert.Equal(["mine", "general"], hits.Select(h => h.RoomName));
        Assert.DoesNotContain(hits, h => h.RoomId == theirs.Id);
        Assert.Single(await chat.Messages.SearchAsync(ana, "pancakes recipe"));
    }

    /// <summary>
    /// PostgreSQL looks among the newest <see cref="MessageService.PostgresRecentSearchWindow"/> ids first: a full page
    /// there must be the newest hits, and fewer must fall back to everything (SQLite answers the same in one query).
    /// </summary>
    [Fact]
    public async Task Search_returns_the_newest_hits_whether_or_not_they_are_among_the_most_recent_messages()
    {
        var old = await chat.Messages.PostAsync(1, ana, "zebra crossing long ago");
        await using (var db = await chat.Database.Factory.CreateDbContextAsync())
        {
            db.Messages.AddRange(Enumerable.Range(0, MessageService.PostgresRecentSearchWindow + 100).Select(i => new Message
            {
                RoomId = 1, SenderType = SenderType.User, SenderId = ben, Content = i % 3 == 0 ? $"coffee break {i}" : $"filler {i}",
            }));
            await db.SaveChangesAsync();
        }
        var newest = await chat.Messages.PostAsync(1, ana, "coffee at last");

        var rare = await chat.Messages.SearchAsync(cleo, "zebra");
        var common = await chat.Messages.SearchAsync(cleo, "coffe");

        Assert.Equal(old.Id, Assert.Single(rare).MessageId);
        Assert.Equal(MessageService.SearchLimit, common.Count);
        Assert.Equal(newest.Id, common[0].MessageId);
        Assert.Equal(common.Select(h => h.MessageId).OrderDescending(), common.Select(h => h.MessageId));
    }

    [Fact]
    public async Task Search_sees_edits_and_forgets_rooms_the_user_left()
    {
        var room = await chat.Rooms.CreateGroupAsync(ana, new NewGroupRoom("club", [], IsDiscoverable: true));
        await chat.Rooms.JoinAsync(room.Id, ben, null);
        var message = await chat.Messages.PostAsync(room.Id, ana, "meet at noon");
        await chat.Messages.EditAsync(message.Id, ana, "meet at midnight");

        Assert.Empty(await chat.Messages.SearchAsync(ben, "noon"));
        Assert.Single(await chat.Messages.SearchAsync(ben, "midnight"));
        await chat.Rooms.LeaveAsync(room.Id, ben);
        Assert.Empty(await chat.Messages.SearchAsync(ben, "midnight"));
    }

    [Theory]
    [InlineData("\"unbalanced")]
    [InlineData("a OR b NEAR(")]
    [InlineData("col:x*")]
    public async Task Search_input_cannot_inject_fts_syntax(string query)
    {
        await chat.Messages.PostAsync(1, ana, "unbalanced quotes are fine");
        var hits = await chat.Messages.SearchAsync(ana, query);
        Assert.NotNull(hits);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("\"*()")]
    public async Task Search_without_words_is_refused(string query)
    {
        var refused = await Assert.ThrowsAsync<ChatException>(() => chat.Messages.SearchAsync(ana, query));
        Assert.Equal(ChatError.Invalid, refused.Error);
    }

    [Trait(TestCategories.Name, TestCategories.SqliteOnly)]
    [Fact]
    public async Task Search_uses_the_full_text_index()
    {
        await using var db = await chat.Database.Factory.CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN SELECT m.Id FROM MessagesFts JOIN Messages m ON m.Id = MessagesFts.rowid WHERE MessagesFts MATCH '\"x\"*'";
        var plan = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) plan.Add(reader.GetString(3));

        Assert.Contains(plan, p => p.Contains("VIRTUAL TABLE INDEX", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, p => p.StartsWith("SCAN m", StringComparison.Ordinal));
    }
}
