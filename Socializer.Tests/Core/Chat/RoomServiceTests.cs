using Microsoft.EntityFrameworkCore;
using Socializer.Core.Chat;
using Socializer.Tests.Support;

namespace Socializer.Tests.Core.Chat;

public sealed class RoomServiceTests : IAsyncLifetime
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

    [Fact]
    public async Task Every_user_is_in_general_and_it_is_listed_first()
    {
        await chat.Rooms.CreateGroupAsync(ana, new NewGroupRoom("book club", []));

        var rooms = await chat.Rooms.ListRoomsAsync(ana);

        Assert.Equal(1, rooms[0].Id);
        Assert.Equal("general", rooms[0].Name);
        Assert.Equal(3, rooms[0].MemberCount);
        Assert.Contains(rooms, r => r.Name == "book club" && r.IsCreator);
    }

    [Fact]
    public async Task A_user_without_the_seat_gets_general_lazily()
    {
        await using (var db = await chat.Database.Factory.CreateDbContextAsync())
        {
            db.Users.Add(new Socializer.Core.Accounts.AppUser { Id = "old-id", UserName = "old", DisplayName = "old" });
            await db.SaveChangesAsync();
        }

        var posted = await chat.Messages.PostAsync(1, "old-id", "hello from before onboarding existed");

        Assert.Equal(1, posted.RoomId);
        Assert.Contains(await chat.Rooms.ListRoomsAsync("old-id"), r => r.Id == 1);
    }

    [Fact]
    public async Task The_join_password_is_stored_hashed_and_checked()
    {
        var room = await chat.Rooms.CreateGroupAsync(ana, new NewGroupRoom("secret", [], Password: "open sesame", IsDiscoverable: true));
        await using (var db = await chat.Database.Factory.CreateDbContextAsync())
        {
            var hash = await db.Rooms.Where(r => r.Id == room.Id).Select(r => r.PasswordHash).SingleAsync();
            Assert.NotNull(hash);
            Assert.DoesNotContain("open sesame", hash);
        }

        var missing = await Assert.ThrowsAsync<ChatException>(() => chat.Rooms.JoinAsync(room.Id, ben, null));
        var wrong = await Assert.ThrowsAsync<ChatException>(() => chat.Rooms.JoinAsync(room.Id, ben, "open says me"));
        Assert.Equal(ChatError.Forbidden, missing.Error);
        Assert.Equal(ChatError.Forbidden, wrong.Error);
        Assert.DoesNotContain(await chat.Rooms.ListRoomsAsync(ben), r => r.Id == room.Id);

        var joined = await chat.Rooms.JoinAsync(room.Id, ben, "open sesame");
        Assert.Equal(2, joined.MemberCount);
        Assert.True(joined.HasPassword);
    }

    [Fact]
    public async Task Invited_users_need_no_password_even_for_a_hidden_room()
    {
        var room = await chat.Rooms.CreateGroupAsync(ana, new NewGroupRoom("hidden", [ben], Password: "s3cret!"));
        var invite = Assert.Single(await chat.Invites.PendingAsync(ben));
        Assert.Equal("hidden", invite.RoomName);
        Assert.Equal("ana", invite.InviterName);

        var joined = await chat.Invites.AcceptAsync(invite.Id, ben);

        Assert.Equal(room.Id, joined.Id);
        Assert.Empty(await chat.Invites.PendingAsync(ben));
    }

    [Fact]
    public async Task Uninvited_users_cannot_join_a_hidden_room_nor_learn_it_exists()
    {
        var room = await chat.Rooms.CreateGroupAsync(ana, new NewGroupRoom("hidden", []));

        var refused = await Assert.ThrowsAsync<ChatException>(() => chat.Rooms.JoinAsync(room.Id, ben, null));

        Assert.Equal(ChatError.NotFound, refused.Error);
        Assert.DoesNotContain(await chat.Rooms.DiscoverAsync(ben), r => r.Id == room.Id);
    }

    [Fact]
    public async Task Non_members_see_a_discoverable_rooms_name_but_never_its_messages()
    {
        var room = await chat.Rooms.CreateGroupAsync(ana, new NewGroupRoom("open room", [], IsDiscoverable: true));
        await chat.Messages.PostAsync(room.Id, ana, "members only");

        var discovered = Assert.Single(await chat.Rooms.DiscoverAsync(ben));
        Assert.Equal("open room", discovered.Name);
        var history = await Assert.ThrowsAsync<ChatException>(() => chat.Messages.HistoryAsync(room.Id, ben));
        Assert.Equal(ChatError.NotFound, history.Error);
        await Assert.ThrowsAsync<ChatException>(() => chat.Rooms.MembersAsync(room.Id, ben));
        Assert.Empty(await chat.Rooms.DiscoverAsync(ana)); // already a member
    }

    [Fact]
    public async Task Declining_an_invite_keeps_the_user_out()
    {
        var room = await chat.Rooms.CreateGroupAsync(ana, new NewGroupRoom("party", [ben]));
        var invite = Assert.Single(await chat.Invites.PendingAsync(ben));

        await chat.Invites.DeclineAsync(invite.Id, ben);

        Assert.Empty(await chat.Invites.PendingAsync(ben));
        Assert.DoesNotContain(await chat.Rooms.ListRoomsAsync(ben), r => r.Id == room.Id);
        await Assert.ThrowsAsync<ChatException>(() => chat.Invites.AcceptAsync(invite.Id, ben));
    }

    [Fact]
    public async Task Only_the_invitee_can_answer_an_invite()
    {
        await chat.Rooms.CreateGroupAsync(ana, new NewGroupRoom("party", [ben]));
        var invite = Assert.Single(await chat.Invites.PendingAsync(ben));

        var refused = await Assert.ThrowsAsync<ChatException>(() => chat.Invites.AcceptAsync(invite.Id, cleo));

        Assert.Equal(ChatError.NotFound, refused.Error);
        Assert.Single(await chat.Invites.PendingAsync(ben));
    }

    [Fact]
    public async Task Only_members_invite_and_only_into_group_rooms()
    {
        var room = await chat.Rooms.CreateGroupAsync(ana, new NewGroupRoom("party", []));

        Assert.Equal(ChatError.NotFound, (await Assert.ThrowsAsync<ChatException>(() => chat.Invites.InviteAsync(room.Id, ben, cleo))).Error);
        Assert.Equal(ChatError.Invalid, (await Assert.ThrowsAsync<ChatException>(() => chat.Invites.InviteAsync(1, ana, ben))).Error);
        Assert.Equal(ChatError.NotFound, (await Assert.ThrowsAsync<ChatException>(() => chat.Invites.InviteAsync(room.Id, ana, "nobody"))).Error);

        var invite = await chat.Invites.InviteAsync(room.Id, ana, ben);
        var again = await chat.Invites.InviteAsync(room.Id, ana, ben);
        Assert.Equal(invite.Id, again.Id);
    }

    [Fact]
    public async Task Leaving_and_rejoining_reactivates_the_same_membership()
    {
        var room = await chat.Rooms.CreateGroupAsync(ana, new NewGroupRoom("club", [], IsDiscoverable: true));
        await chat.Rooms.JoinAsync(room.Id, ben, null);
        await chat.Rooms.LeaveAsync(room.Id, ben);
        Assert.DoesNotContain(await chat.Rooms.ListRoomsAsync(ben), r => r.Id == room.Id);
        await Assert.ThrowsAsync<ChatException>(() => chat.Messages.PostAsync(room.Id, ben, "still here?"));

        await chat.Rooms.JoinAsync(room.Id, ben, null);

        await using var db = await chat.Database.Factory.CreateDbContextAsync();
        var rows = await db.RoomMembers.Where(m => m.RoomId == room.Id && m.UserId == ben).ToListAsync();
        var row = Assert.Single(rows);
        Assert.True(row.IsActive);
        Assert.Null(row.LeftAt);
    }

    [Fact]
    public async Task Nobody_leaves_general()
    {
        var refused = await Assert.ThrowsAsync<ChatException>(() => chat.Rooms.LeaveAsync(1, ana));
        Assert.Equal(ChatError.Invalid, refused.Error);
    }

    [Fact]
    public async Task Only_the_creator_deletes_a_room_and_its_messages_go_with_it()
    {
        var room = await chat.Rooms.CreateGroupAsync(ana, new NewGroupRoom("temp", [], IsDiscoverable: true));
        await chat.Rooms.JoinAsync(room.Id, ben, null);
        await chat.Messages.PostAsync(room.Id, ben, "findme before delete");

        var byMember = await Assert.ThrowsAsync<ChatException>(() => chat.Rooms.DeleteAsync(room.Id, ben));
        var byStranger = await Assert.ThrowsAsync<ChatException>(() => chat.Rooms.DeleteAsync(room.Id, cleo));
        var general = await Assert.ThrowsAsync<ChatException>(() => chat.Rooms.DeleteAsync(1, ana));
        Assert.Equal(ChatError.Forbidden, byMember.Error);
        Assert.Equal(ChatError.NotFound, byStranger.Error);
        Assert.Equal(ChatError.Forbidden, general.Error);

        await chat.Rooms.DeleteAsync(room.Id, ana);

        await using var db = await chat.Database.Factory.CreateDbContextAsync();
        Assert.False(await db.Rooms.AnyAsync(r => r.Id == room.Id));
        Assert.False(await db.Messages.AnyAsync(m => m.RoomId == room.Id));
        Assert.Empty(await chat.Messages.SearchAsync(ben, "findme"));
    }

    [Fact]
    public async Task Opening_a_direct_chat_again_returns_the_same_room_from_either_side()
    {
        var first = await chat.Rooms.OpenDirectAsync(ana, ben);
        var again = await chat.Rooms.OpenDirectAsync(ana, ben);
        var fromBen = await chat.Rooms.OpenDirectAsync(ben, ana);

        Assert.Equal(first.Id, again.Id);
        Assert.Equal(first.Id, fromBen.Id);
        Assert.Equal(RoomType.Direct, first.Type);
        Assert.Equal("ben", first.Name);   // named after the other person
        Assert.Equal("ana", fromBen.Name);
        Assert.Equal(2, first.MemberCount);
        await Assert.ThrowsAsync<ChatException>(() => chat.Rooms.JoinAsync(first.Id, cleo, null));
        await Assert.ThrowsAsync<ChatException>(() => chat.Rooms.OpenDirectAsync(ana, ana));
    }

    [Fact]
    public async Task Leaving_a_direct_chat_and_reopening_it_brings_back_the_same_room()
    {
        var first = await chat.Rooms.OpenDirectAsync(ana, ben);
        await chat.Rooms.LeaveAsync(first.Id, ana);

        var reopened = await chat.Rooms.OpenDirectAsync(ana, ben);

        Assert.Equal(first.Id, reopened.Id);
        Assert.Equal(2, reopened.MemberCount);
    }

    [Theory]
    [InlineData(81, null, "at most 80")]
    [InlineData(10, "abc", "join password")]
    public async Task Room_limits_are_clear_errors_and_store_nothing(int nameLength, string? password, string expected)
    {
        var refused = await Assert.ThrowsAsync<ChatException>(() =>
            chat.Rooms.CreateGroupAsync(ana, new NewGroupRoom(new string('x', nameLength), [], Password: password)));

        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
        await using var db = await chat.Database.Factory.CreateDbContextAsync();
        Assert.Equal(1, await db.Rooms.CountAsync());
    }

    [Fact]
    public async Task Inviting_an_unknown_user_at_creation_is_refused()
    {
        var refused = await Assert.ThrowsAsync<ChatException>(() => chat.Rooms.CreateGroupAsync(ana, new NewGroupRoom("x", ["ghost"])));
        Assert.Equal(ChatError.Invalid, refused.Error);
    }

    [Fact]
    public async Task A_direct_chat_holds_two_people_at_most()
    {
        var direct = await chat.Rooms.OpenDirectAsync(ana, ben);
        await Assert.ThrowsAsync<ChatException>(() => chat.Invites.InviteAsync(direct.Id, ana, cleo));
    }

    [Fact]
    public async Task Unread_counts_others_messages_after_the_read_marker()
    {
        await chat.Messages.PostAsync(1, ben, "one");
        await chat.Messages.PostAsync(1, ben, "two");
        await chat.Messages.PostAsync(1, ana, "my own does not count");
        var deleted = await chat.Messages.PostAsync(1, ben, "three, then deleted");
        await chat.Messages.DeleteAsync(deleted.Id, ben);

        Assert.Equal(2, (await chat.Rooms.ListRoomsAsync(ana)).Single(r => r.Id == 1).UnreadCount);
        Assert.Equal(1, (await chat.Rooms.ListRoomsAsync(ben)).Single(r => r.Id == 1).UnreadCount);

        await chat.Rooms.MarkReadAsync(1, ana);
        Assert.Equal(0, (await chat.Rooms.ListRoomsAsync(ana)).Single(r => r.Id == 1).UnreadCount);

        await chat.Messages.PostAsync(1, cleo, "four");
        Assert.Equal(1, (await chat.Rooms.ListRoomsAsync(ana)).Single(r => r.Id == 1).UnreadCount);
    }

    [Fact]
    public async Task A_new_member_starts_with_nothing_unread()
    {
        var room = await chat.Rooms.CreateGroupAsync(ana, new NewGroupRoom("club", [], IsDiscoverable: true));
        await chat.Messages.PostAsync(room.Id, ana, "before ben came");

        var joined = await chat.Rooms.JoinAsync(room.Id, ben, null);

        Assert.Equal(0, joined.UnreadCount);
    }

    [Fact]
    public async Task User_search_finds_by_name_and_leaves_out_the_searcher()
    {
        var found = await chat.Rooms.FindUsersAsync("e", ben);

        Assert.Contains(found, u => u.Id == cleo);
        Assert.DoesNotContain(found, u => u.Id == ben);
        Assert.Empty(await chat.Rooms.FindUsersAsync("%", ana)); // wildcards are literal
    }
}
