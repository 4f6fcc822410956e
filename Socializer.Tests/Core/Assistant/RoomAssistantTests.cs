using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Socializer.Core.Assistant.Rooms;
using Socializer.Core.Chat;
using Socializer.Core.Health;
using Socializer.Core.Memory;
using Socializer.Tests.Support;

namespace Socializer.Tests.Core.Assistant;

/// <summary>The assistant in rooms: answers mentions in AI-on rooms, as the mentioning member, from the room's real history.</summary>
public sealed class RoomAssistantTests
{
    [Theory]
    [InlineData("@ai what are my skills?", true)]
    [InlineData("@AI, help", true)]
    [InlineData("can @ai translate this?", true)]
    [InlineData("Hey AI, what is my name?", true)]
    [InlineData("hey, ai: what now?", true)]
    [InlineData("hey ai", true)]
    [InlineData("write to ana@ai.example", false)]
    [InlineData("@aida are you there?", false)]
    [InlineData("hey aiden", false)]
    [InlineData("AI is changing the world", false)]
    [InlineData("said the ai", false)]
    [InlineData("", false)]
    public void Only_a_real_mention_calls_the_assistant(string text, bool mention) =>
        Assert.Equal(mention, RoomMentions.IsMention(text));

    [Theory]
    [InlineData("@ai what are my skills?", "what are my skills?")]
    [InlineData("Hey AI, translate 'hello' to Spanish", "translate 'hello' to Spanish")]
    [InlineData("so @ai: what is my name", "so what is my name")]
    [InlineData("@ai", "")]
    public void The_request_is_the_message_without_the_call(string text, string request) =>
        Assert.Equal(request, RoomMentions.WithoutMention(text));

    [Fact]
    public void The_assistants_own_messages_deleted_ones_and_AI_off_rooms_are_never_answered()
    {
        static MessagePosted Posted(SenderType type, string? sender, bool aiOn, bool deleted = false) =>
            new(1, new MessageView(1, 1, type, sender, "x", "@ai hello", DateTime.UtcNow, null, deleted), aiOn);

        Assert.True(RoomAssistantService.ShouldAnswer(Posted(SenderType.User, "u1", aiOn: true)));
        Assert.False(RoomAssistantService.ShouldAnswer(Posted(SenderType.Assistant, null, aiOn: true)));
        Assert.False(RoomAssistantService.ShouldAnswer(Posted(SenderType.System, null, aiOn: true)));
        Assert.False(RoomAssistantService.ShouldAnswer(Posted(SenderType.User, "u1", aiOn: false)));
        Assert.False(RoomAssistantService.ShouldAnswer(Posted(SenderType.User, "u1", aiOn: true, deleted: true)));
    }

    [Fact]
    public async Task A_mention_is_answered_in_the_room_stored_and_published_with_the_askers_tools()
    {
        await using var room = await RoomAssistantHost.StartAsync();
        var ana = await room.AddMemberAsync("ana");
        var ben = await room.AddMemberAsync("ben");
        var general = (await room.Rooms.ListRoomsAsync(ana)).Single(r => r.Name == "general").Id;
        await room.Host.Memory.RememberAsync(ana, "favourite food", "sushi", MemoryCategory.Preference, "test", 1.0, default);

        var bensAnswer = room.NextAnswerAsync();
        await room.Messages.PostAsync(general, ben, "@ai what is my favourite food?");
        var toBen = await bensAnswer;
        Assert.DoesNotContain("sushi", toBen.Content);
        Assert.Contains("I don't remember anything about \"favourite food\"", toBen.Content);

        var anasAnswer = room.NextAnswerAsync();
        await room.Messages.PostAsync(general, ana, "hey ai, what is my favourite food?");
        var toAna = await anasAnswer;
        Assert.Equal("Your favourite food is \"sushi\".", toAna.Content);
        Assert.Equal(SenderType.Assistant, toAna.SenderType);
        Assert.Null(toAna.SenderId);
        Assert.Equal("Assistant", toAna.SenderName);
        Assert.Equal(general, toAna.RoomId);

        var stored = await room.StoredAssistantMessagesAsync();
        Assert.Equal([toBen.Id, toAna.Id], stored.Select(m => m.Id));
        Assert.All(stored, m => Assert.Null(m.SenderId));
        var history = await room.Messages.HistoryAsync(general, ben);
        Assert.Equal(toAna.Id, history.Messages[^1].Id);
        Assert.Equal(0, room.Host.Contexts.Live);
    }

    [Fact]
    public async Task The_model_sees_the_rooms_recent_multi_user_history_with_names()
    {
        var model = new RecordingModelClients();
        await using var room = await RoomAssistantHost.StartAsync(model);
        var ana = await room.AddMemberAsync("ana");
        var ben = await room.AddMemberAsync("ben");
        var general = (await room.Rooms.ListRoomsAsync(ana)).Single(r => r.Name == "general").Id;
        for (var i = 1; i <= 25; i++) await room.Messages.PostAsync(general, i % 2 == 0 ? ana : ben, $"chat line {i}");

        var answer = room.NextAnswerAsync();
        await room.Messages.PostAsync(general, ana, "@ai what are my skills?");
        await answer;

        var first = model.Calls.First();
        Assert.Equal(ChatRole.System, first[0].Role);
        Assert.Contains("group chat room", first[0].Text);
        Assert.Contains("The last message is from", first[0].Text);
        Assert.Equal("what are my skills?", first[^1].Text);
        var context = first.Skip(1).SkipLast(1).Select(m => m.Text).ToList();
        Assert.Equal(RoomAssistant.HistoryMessages - 1, context.Count);    // 19 before the mention, the mention itself last
        Assert.Equal("ben: chat line 7", context[0]);
        Assert.Equal("ana: chat line 24", context[^2]);
        Assert.Equal("ben: chat line 25", context[^1]);
    }

    [Fact]
    public async Task No_answer_without_a_mention_in_AI_off_rooms_or_to_itself()
    {
        await using var room = await RoomAssistantHost.StartAsync();
        var ana = await room.AddMemberAsync("ana");
        var general = (await room.Rooms.ListRoomsAsync(ana)).Single(r => r.Name == "general").Id;
        var quiet = await room.Rooms.CreateGroupAsync(ana, new NewGroupRoom("quiet", [], AiEnabled: false));

        await room.Messages.PostAsync(general, ana, "the ai said nothing, mail me at ana@ai.example");
        await room.Messages.PostAsync(general, ana, "hey aiden, how are you?");
        await room.Messages.PostAsync(quiet.Id, ana, "@ai what are my skills?");
        await Assert.ThrowsAsync<ChatException>(() => room.Messages.PostAssistantAsync(quiet.Id, "sneaking in"));

        // One worker answers in order: once this mention is answered, anything queued before it would have been too.
        var answer = room.NextAnswerAsync();
        await room.Messages.PostAsync(general, ana, "@ai hello");
        var hello = await answer;
        var again = room.NextAnswerAsync();
        await room.Messages.PostAsync(general, ana, "@ai help");
        var help = await again;

        var stored = await room.StoredAssistantMessagesAsync();
        Assert.Equal([hello.Id, help.Id], stored.Select(m => m.Id));
        Assert.All(stored, m => Assert.Equal(general, m.RoomId));
        Assert.Equal(2, room.Published.Count);
    }

    [Fact]
    public async Task The_subscriber_listens_as_soon_as_it_has_started_and_stops_listening_when_stopped()
    {
        // .NET 10 runs ExecuteAsync on the thread pool: a subscription made there would miss mentions posted at start.
        await using var room = await RoomAssistantHost.StartAsync();
        var bus = (InMemoryChatBus)room.Bus;
        var withSubscriber = bus.SubscriptionCount;     // the host's own answer listener plus the subscriber
        Assert.Equal(2, withSubscriber);

        await room.Subscriber.StopAsync(CancellationToken.None);
        Assert.Equal(withSubscriber - 1, bus.SubscriptionCount);
    }

    [Fact]
    public async Task A_model_that_is_down_posts_nothing_is_logged_and_the_subscriber_answers_the_next_mention()
    {
        await using var room = await RoomAssistantHost.StartAsync(TestModelClients.FailingFirst(1));
        var ana = await room.AddMemberAsync("ana");
        var general = (await room.Rooms.ListRoomsAsync(ana)).Single(r => r.Name == "general").Id;
        var tracker = room.Host.Services.GetRequiredService<AiRequestTracker>();

        var failed = await room.Messages.PostAsync(general, ana, "@ai what are my skills?");
        var answer = room.NextAnswerAsync();
        await room.Messages.PostAsync(general, ana, "@ai hello");
        var hello = await answer;

        Assert.Equal(hello.Id, Assert.Single(await room.StoredAssistantMessagesAsync()).Id);
        Assert.Contains(room.Logs.Entries, e => e.Level == LogLevel.Warning && e.Category == typeof(RoomAssistantService).FullName
            && e.Message.Contains($"message {failed.Id}", StringComparison.Ordinal) && e.Exception is HttpRequestException);
        Assert.Equal(1, tracker.Failed);
        Assert.Equal(1, tracker.Completed);
        Assert.Equal(0, tracker.InFlight);
        Assert.Equal(0, room.Host.Contexts.Live);
    }

    [Fact]
    public async Task A_member_who_left_gets_no_answer_from_the_rooms_history()
    {
        await using var room = await RoomAssistantHost.StartAsync();
        var ana = await room.AddMemberAsync("ana");
        var ben = await room.AddMemberAsync("ben");
        var group = await room.Rooms.CreateGroupAsync(ana, new NewGroupRoom("pair", [ben]));
        var posted = await room.Messages.PostAsync(group.Id, ana, "@ai hello");
        await room.Rooms.LeaveAsync(group.Id, ana);

        // Replayed after leaving: the history read as ana is refused, so nothing is posted.
        var assistant = room.Host.Services.GetRequiredService<RoomAssistant>();
        await Assert.ThrowsAsync<ChatException>(() => assistant.AnswerAsync(new MessagePosted(group.Id, posted, true), default));
    }
}
