using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Socializer.Core.Chat;
using Socializer.Tests.Support;
using Socializer.Web.Components.Chat;

namespace Socializer.Tests.Components.Chat;

/// <summary>Components that subscribe to the bus, over the real services and a real database.</summary>
public sealed class ChatSubscribersTests : MudTestContext, IAsyncLifetime
{
    private ChatFixture chat = null!;
    private string ana = "", ben = "";

    async Task IAsyncLifetime.InitializeAsync()
    {
        chat = await ChatFixture.CreateAsync();
        ana = await chat.AddUserAsync("ana");
        ben = await chat.AddUserAsync("ben");
        Context.Services.AddSingleton<IChatBus>(chat.Bus);
        Context.Services.AddSingleton(chat.Rooms);
        Context.Services.AddSingleton(chat.Invites);
        Context.Services.AddSingleton(chat.Messages);
        Context.Services.AddSingleton(chat.Typing);
        Context.Services.AddSingleton(new PresenceTracker(chat.Bus));
        Context.Services.AddSingleton(new Socializer.Core.Accounts.UserSettingsService(chat.Database.Factory, new Socializer.Core.Assistant.AssistantOptions(), chat.Bus));
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await chat.DisposeAsync();
    }

    [Fact]
    public async Task The_room_list_counts_unread_live_and_reports_the_total()
    {
        var totals = new List<int>();
        var list = Render<RoomList>(p => p.Add(l => l.UserId, ana).Add(l => l.TotalUnreadChanged, (int t) => totals.Add(t)));
        Assert.Contains("general", list.Find("[data-room-id='1']").TextContent, StringComparison.Ordinal);
        Assert.Empty(list.FindAll(".unread-badge"));

        await chat.Messages.PostAsync(1, ben, "hi ana");
        await chat.Messages.PostAsync(1, ben, "are you there?");

        list.WaitForAssertion(() => Assert.Equal("2", list.Find(".unread-badge").TextContent.Trim()));
        Assert.Equal(2, totals[^1]);
    }

    [Fact]
    public async Task The_room_list_shows_a_room_as_soon_as_an_invite_is_accepted()
    {
        var list = Render<RoomList>(p => p.Add(l => l.UserId, ben));
        await chat.Rooms.CreateGroupAsync(ana, new NewGroupRoom("party", [ben], Password: "secret!"));
        list.WaitForAssertion(() => Assert.Contains("party", list.Markup, StringComparison.Ordinal)); // the pending invite

        await chat.Invites.AcceptAsync((await chat.Invites.PendingAsync(ben)).Single().Id, ben);

        list.WaitForAssertion(() => Assert.Equal(2, list.FindAll("[data-room-id]").Count));
        Assert.NotEmpty(list.FindAll("[aria-label='Password protected']"));
    }

    [Fact]
    public async Task Disposing_subscribed_components_removes_their_subscriptions()
    {
        Assert.Equal(0, chat.Bus.SubscriptionCount);
        var members = Render<MembersPanel>(p => p.Add(m => m.RoomId, 1).Add(m => m.UserId, ana));
        var rooms = Render<RoomList>(p => p.Add(l => l.UserId, ana));
        Assert.True(chat.Bus.SubscriptionCount >= 4, $"{chat.Bus.SubscriptionCount} subscriptions");

        members.Instance.Dispose();
        rooms.Instance.Dispose();
        foreach (var invites in rooms.FindComponents<PendingInvites>()) invites.Instance.Dispose();

        Assert.Equal(0, chat.Bus.SubscriptionCount);
        await chat.Messages.PostAsync(1, ben, "nobody listens"); // and nothing breaks
    }

    [Fact]
    public async Task The_members_panel_shows_presence_as_it_changes()
    {
        var presence = Context.Services.GetRequiredService<PresenceTracker>();
        var panel = Render<MembersPanel>(p => p.Add(m => m.RoomId, 1).Add(m => m.UserId, ana));
        Assert.Equal(2, panel.FindAll(".presence-dot.offline").Count);

        var benOnline = await presence.ConnectAsync(ben);
        panel.WaitForAssertion(() => Assert.Single(panel.FindAll(".presence-dot.online")));

        await benOnline.DisposeAsync();
        panel.WaitForAssertion(() => Assert.Empty(panel.FindAll(".presence-dot.online")));
    }

    [Fact]
    public async Task The_room_view_shows_new_messages_edits_and_deletes_live()
    {
        var view = Render<RoomView>(p => p.Add(v => v.RoomId, 1).Add(v => v.UserId, ana).Add(v => v.UserName, "ana"));
        var message = await chat.Messages.PostAsync(1, ben, "first draft");
        view.WaitForAssertion(() => Assert.Contains("first draft", view.Markup, StringComparison.Ordinal));

        await chat.Messages.EditAsync(message.Id, ben, "second draft");
        view.WaitForAssertion(() => Assert.Contains("second draft", view.Markup, StringComparison.Ordinal));
        await chat.Messages.DeleteAsync(message.Id, ben);
        view.WaitForAssertion(() => Assert.Contains("message deleted", view.Markup, StringComparison.Ordinal));

        await chat.Typing.TypingAsync(1, ben, "ben");
        view.WaitForAssertion(() => Assert.Contains("ben is typing…", view.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_non_member_opening_a_private_room_sees_no_messages()
    {
        var room = await chat.Rooms.CreateGroupAsync(ana, new NewGroupRoom("private", []));
        await chat.Messages.PostAsync(room.Id, ana, "top secret");

        var view = Render<RoomView>(p => p.Add(v => v.RoomId, room.Id).Add(v => v.UserId, ben));

        Assert.DoesNotContain("top secret", view.Markup, StringComparison.Ordinal);
        Assert.Contains("not a member", view.Markup, StringComparison.Ordinal);
        Assert.Equal(0, chat.Bus.SubscriptionCount);
    }
}
