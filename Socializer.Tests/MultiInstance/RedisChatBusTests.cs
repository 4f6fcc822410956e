using System.Collections.Concurrent;
using Socializer.Core.Chat;
using Socializer.Core.MultiInstance;
using Socializer.Tests.Support;

namespace Socializer.Tests.MultiInstance;

/// <summary>The Redis bus between bus nodes on a private redis-server that each test starts (and kills) itself.</summary>
[Collection(RedisBusCollection.Name)]
public sealed class RedisChatBusTests : IAsyncLifetime
{
    private const int Room = 7;
    private RedisServer redis = default!;
    private readonly string prefix = "t" + Guid.NewGuid().ToString("N")[..8];
    private readonly List<BusNode> nodes = [];

    public async Task InitializeAsync() => redis = await RedisServer.StartNewAsync();

    public async Task DisposeAsync()
    {
        foreach (var node in nodes) await node.DisposeAsync();
        await redis.DisposeAsync();
    }

    private async Task<BusNode> NodeAsync(string name)
    {
        var node = await BusNode.StartAsync(redis.ConnectionString, prefix, name, heartbeatSeconds: 0.5, ttlSeconds: 3);
        nodes.Add(node);
        return node;
    }

    private static MessagePosted Posted(string content, long id = 1) =>
        new(Room, new MessageView(id, Room, SenderType.User, "ann-id", "Ann", content, DateTime.UtcNow, null, false, "en"), false);

    private static ConcurrentQueue<T> Collect<T>(Func<Func<T, Task>, IDisposable> subscribe)
    {
        var received = new ConcurrentQueue<T>();
        subscribe(e => { received.Enqueue(e); return Task.CompletedTask; });
        return received;
    }

    [Fact]
    public async Task A_message_published_on_one_instance_reaches_a_member_on_another_with_its_content()
    {
        var a = await NodeAsync("a");
        var b = await NodeAsync("b");
        var onB = Collect<RoomEvent>(h => b.Bus.SubscribeToRoom(Room, "ben-id", h));

        await a.Bus.PublishAsync(Posted("Hello from A"));

        await Eventually.TrueAsync(() => !onB.IsEmpty, "B's member receives A's message");
        var posted = Assert.IsType<MessagePosted>(Assert.Single(onB));
        Assert.Equal("Hello from A", posted.Content);
        Assert.Equal("Ann", posted.Message.SenderName);
        Assert.Equal(Room, posted.RoomId);
    }

    [Fact]
    public async Task An_instance_delivers_its_own_events_once_and_ignores_their_echo()
    {
        var a = await NodeAsync("a");
        var b = await NodeAsync("b");
        var onA = Collect<RoomEvent>(h => a.Bus.SubscribeToRoom(Room, "ann-id", h));
        var onB = Collect<RoomEvent>(h => b.Bus.SubscribeToRoom(Room, "ben-id", h));

        await a.Bus.PublishAsync(Posted("one", 1));
        await a.Bus.PublishAsync(Posted("two", 2));
        Assert.Equal(2, onA.Count); // local delivery happened before Redis was involved
        await Eventually.TrueAsync(() => onB.Count == 2, "B receives both");
        // Redis delivers in order: once B's reply reaches A, A's own echoes (published earlier) have been handled.
        await b.Bus.PublishAsync(Posted("reply", 3));
        await Eventually.TrueAsync(() => onA.Count == 3, "A receives B's reply");

        Assert.Equal(["one", "two", "reply"], onA.Cast<MessagePosted>().Select(p => p.Content));
        Assert.Equal(["one", "two", "reply"], onB.Cast<MessagePosted>().Select(p => p.Content));
    }

    [Fact]
    public async Task Server_features_hear_only_the_events_of_their_own_instance()
    {
        var a = await NodeAsync("a");
        var b = await NodeAsync("b");
        var featuresOnA = Collect<RoomEvent>(a.Bus.SubscribeToAllRooms);
        var featuresOnB = Collect<RoomEvent>(b.Bus.SubscribeToAllRooms);
        var memberOnB = Collect<RoomEvent>(h => b.Bus.SubscribeToRoom(Room, "ben-id", h));

        await a.Bus.PublishAsync(Posted("@ai answer me once"));
        await Eventually.TrueAsync(() => !memberOnB.IsEmpty, "B's member receives the message");

        Assert.Single(featuresOnA);
        Assert.Empty(featuresOnB); // the assistant on B must not answer a message A stored (and A's answers)
    }

    [Fact]
    public async Task User_events_reach_that_user_on_another_instance_and_nobody_else()
    {
        var a = await NodeAsync("a");
        var b = await NodeAsync("b");
        var ben = Collect<UserEvent>(h => b.Bus.SubscribeToUser("ben-id", h));
        var cy = Collect<UserEvent>(h => b.Bus.SubscribeToUser("cy-id", h));

        await a.Bus.PublishAsync(new InviteReceived("ben-id", new InviteView(5, Room, "Club", "Ann", DateTime.UtcNow)));

        await Eventually.TrueAsync(() => !ben.IsEmpty, "Ben's circuit on B gets the invite");
        Assert.Equal("Club", Assert.IsType<InviteReceived>(Assert.Single(ben)).Invite.RoomName);
        Assert.Empty(cy);
    }

    [Fact]
    public async Task Typing_on_two_instances_shows_both_typists_everywhere()
    {
        var a = await NodeAsync("a");
        var b = await NodeAsync("b");
        var onA = Collect<RoomEvent>(h => a.Bus.SubscribeToRoom(Room, "ann-id", h));
        var onB = Collect<RoomEvent>(h => b.Bus.SubscribeToRoom(Room, "ben-id", h));

        await a.Bus.PublishAsync(new TypingChanged(Room, [new TypingUser("ann-id", "Ann")]));
        await Eventually.TrueAsync(() => !onB.IsEmpty, "B hears Ann typing");
        await b.Bus.PublishAsync(new TypingChanged(Room, [new TypingUser("ben-id", "Ben")]));
        await Eventually.TrueAsync(() => onA.Count == 2, "A hears Ben typing");

        static string[] Names(RoomEvent e) => [.. ((TypingChanged)e).Typists.Select(t => t.DisplayName)];
        Assert.Equal(["Ann", "Ben"], Names(onA.Last()));
        Assert.Equal(["Ann", "Ben"], Names(onB.Last()));

        await a.Bus.PublishAsync(new TypingChanged(Room, []));
        await Eventually.TrueAsync(() => onB.Count == 3, "B hears Ann stop");
        Assert.Equal(["Ben"], Names(onB.Last()));
    }

    [Fact]
    public async Task Presence_crosses_instances_and_a_dead_instance_users_go_offline_after_the_ttl()
    {
        var a = await NodeAsync("a");
        var b = await NodeAsync("b");
        var changesOnB = Collect<PresenceChanged>(b.Bus.SubscribeToPresence);

        var annOnA = await a.Presence.ConnectAsync("ann-id");
        await Eventually.TrueAsync(() => b.Presence.IsOnline("ann-id"), "B shows Ann (connected on A) online");
        Assert.Contains("ann-id", b.Presence.OnlineUserIds);
        await Eventually.TrueAsync(() => changesOnB.Contains(new PresenceChanged("ann-id", true)), "B announces Ann online");

        // Ann also opens a tab on B, then closes the one on A: she stays online, with no flicker announced.
        var annOnB = await b.Presence.ConnectAsync("ann-id");
        await annOnA.DisposeAsync();
        await Task.Delay(500);
        Assert.True(b.Presence.IsOnline("ann-id"));
        Assert.True(a.Presence.IsOnline("ann-id"));
        Assert.DoesNotContain(new PresenceChanged("ann-id", false), changesOnB);
        await annOnB.DisposeAsync();
        await Eventually.TrueAsync(() => !a.Presence.IsOnline("ann-id"), "A shows Ann offline once her last tab (on B) closed");

        // Ben is connected on A when A dies without a word: B drops him once A's entries expire.
        await a.Presence.ConnectAsync("ben-id");
        await Eventually.TrueAsync(() => b.Presence.IsOnline("ben-id"), "B shows Ben online");
        nodes.Remove(a);
        await a.CrashAsync();
        await Eventually.TrueAsync(() => !b.Presence.IsOnline("ben-id"), "B shows Ben offline after A's TTL");
        await Eventually.TrueAsync(() => changesOnB.Contains(new PresenceChanged("ben-id", false)), "B announces Ben offline");
        Assert.Empty(b.Health.Status().OtherInstances);
    }

    [Fact]
    public async Task When_Redis_dies_each_instance_still_serves_its_own_users_says_so_and_recovers_when_it_returns()
    {
        var a = await NodeAsync("a");
        var b = await NodeAsync("b");
        var onA = Collect<RoomEvent>(h => a.Bus.SubscribeToRoom(Room, "ann-id", h));
        var onB = Collect<RoomEvent>(h => b.Bus.SubscribeToRoom(Room, "ben-id", h));
        await Eventually.TrueAsync(() => a.Health.Status().OtherInstances.Count == 1, "A sees B");
        Assert.False(a.Health.Status().IsDegraded);

        await redis.StopAsync();
        await a.Bus.PublishAsync(Posted("while Redis is down", 1)); // no exception reaches the publisher
        Assert.Equal("while Redis is down", Assert.IsType<MessagePosted>(Assert.Single(onA)).Content);
        var presence = await a.Presence.ConnectAsync("ann-id"); // neither does connecting
        Assert.True(a.Presence.IsOnline("ann-id"));
        await Eventually.TrueAsync(() => a.Health.Status().IsDegraded, "A reports the bus degraded");
        Assert.Contains("unreachable", a.Health.Status().Description, StringComparison.Ordinal);
        Assert.Contains("keeps serving its own users", a.Health.Status().Description, StringComparison.Ordinal);
        Assert.Empty(onB);

        await redis.StartAsync();
        await Eventually.TrueAsync(() => !a.Health.Status().IsDegraded && !b.Health.Status().IsDegraded, "both recover by themselves", 30);
        await Eventually.TrueAsync(() => b.Presence.IsOnline("ann-id"), "B learns Ann's presence from A's renewed entries", 30);
        // Resubscribed: events flow again both ways.
        await Eventually.TrueAsync(async () =>
        {
            await a.Bus.PublishAsync(Posted("after Redis came back", 2));
            await Task.Delay(200);
            return onB.OfType<MessagePosted>().Any(p => p.Content == "after Redis came back");
        }, "B receives A's messages again", 30);
        await b.Bus.PublishAsync(Posted("and back", 3));
        await Eventually.TrueAsync(() => onA.OfType<MessagePosted>().Any(p => p.Content == "and back"), "A receives B's messages again");
        await presence.DisposeAsync();
    }
}

/// <summary>Presence TTLs and Redis outages: not beside the parallel tests, whose load could stretch a heartbeat past the TTL.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RedisBusCollection
{
    public const string Name = "multi-instance: Redis bus";
}
