using Socializer.Core.Chat;
using Socializer.Tests.Support;

namespace Socializer.Tests.Core.Chat;

public sealed class ChatBusTests : IAsyncLifetime
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

    private static Func<T, Task> Into<T>(List<T> received) => e =>
    {
        lock (received) received.Add(e);
        return Task.CompletedTask;
    };

    [Fact]
    public async Task A_posted_message_reaches_the_rooms_members_only()
    {
        var room = await chat.Rooms.CreateGroupAsync(ana, new NewGroupRoom("pair", [ben]));
        await chat.Invites.AcceptAsync((await chat.Invites.PendingAsync(ben)).Single().Id, ben);
        var toAna = new List<RoomEvent>();
        var toBen = new List<RoomEvent>();
        var toCleoInGeneral = new List<RoomEvent>();
        using var a = await chat.Rooms.SubscribeToRoomAsync(room.Id, ana, Into(toAna));
        using var b = await chat.Rooms.SubscribeToRoomAsync(room.Id, ben, Into(toBen));
        using var c = await chat.Rooms.SubscribeToRoomAsync(1, cleo, Into(toCleoInGeneral));

        var posted = await chat.Messages.PostAsync(room.Id, ana, "hi ben");

        Assert.Equal(posted.Id, Assert.IsType<MessagePosted>(Assert.Single(toAna)).MessageId);
        var atBen = Assert.IsType<MessagePosted>(Assert.Single(toBen));
        Assert.Equal("hi ben", atBen.Content);
        Assert.Equal(ana, atBen.SenderId);
        Assert.True(atBen.RoomAiEnabled);
        Assert.Empty(toCleoInGeneral);
    }

    [Fact]
    public async Task A_non_member_cannot_subscribe_to_a_room()
    {
        var room = await chat.Rooms.CreateGroupAsync(ana, new NewGroupRoom("private", []));
        var refused = await Assert.ThrowsAsync<ChatException>(() => chat.Rooms.SubscribeToRoomAsync(room.Id, cleo, _ => Task.CompletedTask));
        Assert.Equal(ChatError.NotFound, refused.Error);
        Assert.Equal(0, chat.Bus.SubscriptionCount);
    }

    [Fact]
    public async Task Leaving_ends_the_leavers_subscription_after_telling_them()
    {
        var room = await chat.Rooms.CreateGroupAsync(ana, new NewGroupRoom("club", [], IsDiscoverable: true));
        await chat.Rooms.JoinAsync(room.Id, ben, null);
        var toBen = new List<RoomEvent>();
        using var subscription = await chat.Rooms.SubscribeToRoomAsync(room.Id, ben, Into(toBen));

        await chat.Rooms.LeaveAsync(room.Id, ben);
        await chat.Messages.PostAsync(room.Id, ana, "after ben left");

        var left = Assert.IsType<MembershipChanged>(Assert.Single(toBen));
        Assert.False(left.IsMember);
    }

    [Fact]
    public async Task Disposing_a_subscription_stops_delivery_and_frees_it()
    {
        var received = new List<RoomEvent>();
        var subscription = await chat.Rooms.SubscribeToRoomAsync(1, ana, Into(received));
        var userSubscription = chat.Bus.SubscribeToUser(ana, _ => Task.CompletedTask);
        Assert.Equal(2, chat.Bus.SubscriptionCount);

        subscription.Dispose();
        subscription.Dispose(); // twice is harmless
        userSubscription.Dispose();
        await chat.Messages.PostAsync(1, ben, "anyone?");

        Assert.Empty(received);
        Assert.Equal(0, chat.Bus.SubscriptionCount);
    }

    [Fact]
    public async Task Invites_and_room_list_changes_go_to_that_user_only()
    {
        var toBen = new List<UserEvent>();
        var toCleo = new List<UserEvent>();
        using var b = chat.Bus.SubscribeToUser(ben, Into(toBen));
        using var c = chat.Bus.SubscribeToUser(cleo, Into(toCleo));

        await chat.Rooms.CreateGroupAsync(ana, new NewGroupRoom("party", [ben]));

        var invite = Assert.IsType<InviteReceived>(Assert.Single(toBen));
        Assert.Equal("party", invite.Invite.RoomName);
        Assert.Empty(toCleo);
    }

    [Fact]
    public async Task Edits_and_deletes_are_published_to_the_room()
    {
        var received = new List<RoomEvent>();
        using var subscription = await chat.Rooms.SubscribeToRoomAsync(1, ben, Into(received));
        var message = await chat.Messages.PostAsync(1, ana, "typo");

        await chat.Messages.EditAsync(message.Id, ana, "fixed");
        await chat.Messages.DeleteAsync(message.Id, ana);

        Assert.Collection(received,
            e => Assert.IsType<MessagePosted>(e),
            e => Assert.Equal("fixed", Assert.IsType<MessageEdited>(e).Message.Content),
            e => Assert.Equal(message.Id, Assert.IsType<MessageDeleted>(e).MessageId));
    }

    [Fact]
    public async Task Deleting_a_room_ends_every_subscription_to_it()
    {
        var room = await chat.Rooms.CreateGroupAsync(ana, new NewGroupRoom("temp", []));
        var received = new List<RoomEvent>();
        using var subscription = await chat.Rooms.SubscribeToRoomAsync(room.Id, ana, Into(received));

        await chat.Rooms.DeleteAsync(room.Id, ana);

        Assert.IsType<RoomDeleted>(Assert.Single(received));
        Assert.Equal(0, chat.Bus.SubscriptionCount);
    }

    [Fact]
    public async Task A_failing_subscriber_does_not_stop_the_others()
    {
        var received = new List<RoomEvent>();
        using var broken = chat.Bus.SubscribeToRoom(1, ana, _ => throw new InvalidOperationException("boom"));
        using var fine = chat.Bus.SubscribeToRoom(1, ben, Into(received));

        await chat.Messages.PostAsync(1, cleo, "still delivered");

        Assert.Single(received);
    }

    [Fact]
    public async Task Server_features_can_hear_every_rooms_posts()
    {
        var room = await chat.Rooms.CreateGroupAsync(ana, new NewGroupRoom("no ai", [], AiEnabled: false));
        var heard = new List<RoomEvent>();
        using var assistant = chat.Bus.SubscribeToAllRooms(Into(heard));

        await chat.Messages.PostAsync(1, ana, "@ai hello");
        await chat.Messages.PostAsync(room.Id, ana, "@ai are you there?");

        Assert.Equal([true, false], heard.OfType<MessagePosted>().Select(p => p.RoomAiEnabled));
    }

    [Fact]
    public async Task Presence_counts_several_tabs_once()
    {
        var presence = new PresenceTracker(chat.Bus);
        var changes = new List<PresenceChanged>();
        using var subscription = chat.Bus.SubscribeToPresence(Into(changes));

        var tab1 = await presence.ConnectAsync(ana);
        var tab2 = await presence.ConnectAsync(ana);
        await tab1.DisposeAsync();
        Assert.True(presence.IsOnline(ana));
        await tab2.DisposeAsync();
        await tab2.DisposeAsync();

        Assert.False(presence.IsOnline(ana));
        Assert.Equal([true, false], changes.Select(c => c.IsOnline));
    }

    [Fact]
    public async Task Typing_expires_by_itself_and_stops_when_the_message_is_sent()
    {
        var received = new List<RoomEvent>();
        using var subscription = await chat.Rooms.SubscribeToRoomAsync(1, ben, Into(received));

        await chat.Typing.TypingAsync(1, ana, "ana");
        await chat.Typing.TypingAsync(1, ana, "ana"); // a renewal is not news
        Assert.Equal(["ana"], chat.Typing.TypingIn(1).Select(t => t.DisplayName));

        chat.Clock.Advance(TypingTracker.Expiry - TimeSpan.FromSeconds(1));
        await chat.Typing.SweepAsync();
        Assert.Single(chat.Typing.TypingIn(1));
        chat.Clock.Advance(TimeSpan.FromSeconds(1));
        await chat.Typing.SweepAsync();
        Assert.Empty(chat.Typing.TypingIn(1));

        await chat.Typing.TypingAsync(1, ana, "ana");
        await chat.Messages.PostAsync(1, ana, "done typing");
        Assert.Empty(chat.Typing.TypingIn(1));

        var typing = received.OfType<TypingChanged>().Select(t => t.Typists.Count).ToList();
        Assert.Equal([1, 0, 1, 0], typing);
    }
}
