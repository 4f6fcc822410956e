using Microsoft.Extensions.Logging;
using Socializer.Core.Chat;
using StackExchange.Redis;

namespace Socializer.Core.MultiInstance;

/// <summary>
/// The chat bus for several app instances. Every event is delivered here first, exactly as the in-memory bus does,
/// and then published on one Redis channel; the other instances deliver it to their own subscribers. Local delivery
/// never waits for Redis and never fails because of it, and this instance ignores its own events coming back.
/// <list type="bullet">
/// <item>Server-side features (<see cref="IChatBus.SubscribeToAllRooms"/>: the room assistant, follow-ups) see
/// only the events of this instance: each message is answered once, by the instance that stored it.</item>
/// <item><see cref="PresenceChanged"/> never crosses: each instance's <see cref="PresenceTracker"/> derives it from
/// the presence backplane, which also knows when an instance died.</item>
/// <item><see cref="TypingChanged"/> lists are merged per instance (<see cref="TypingBoard"/>).</item>
/// </list>
/// </summary>
public sealed class RedisChatBus : IChatBus
{
    private readonly InMemoryChatBus circuits;
    private readonly InMemoryChatBus serverFeatures;
    private readonly TypingBoard typing = new();
    private readonly RedisConnection redis;
    private readonly InstanceIdentity instance;
    private readonly ILogger<RedisChatBus> logger;
    private readonly RedisChannel channel;
    private readonly Lock gate = new();
    private ChannelMessageQueue? subscription;
    private long eventsNotForwarded;
    private long eventsReceived;

    public RedisChatBus(BusOptions options, InstanceIdentity instance, RedisConnection redis, ILoggerFactory loggers)
    {
        this.redis = redis;
        this.instance = instance;
        logger = loggers.CreateLogger<RedisChatBus>();
        circuits = new InMemoryChatBus(loggers.CreateLogger<InMemoryChatBus>());
        serverFeatures = new InMemoryChatBus(loggers.CreateLogger<InMemoryChatBus>());
        channel = RedisChannel.Literal($"{options.KeyPrefix}:events");
    }

    public int SubscriptionCount => circuits.SubscriptionCount + serverFeatures.SubscriptionCount;

    /// <summary>True while this instance hears the other instances' events.</summary>
    public bool IsSubscribed
    {
        get { lock (gate) return subscription is not null && redis.IsConnected; }
    }

    /// <summary>Events that could not be sent to the other instances (Redis away) since start.</summary>
    public long EventsNotForwarded => Interlocked.Read(ref eventsNotForwarded);

    /// <summary>Events received from other instances since start.</summary>
    public long EventsReceived => Interlocked.Read(ref eventsReceived);

    public async Task PublishAsync(ChatEvent chatEvent, CancellationToken ct = default)
    {
        if (chatEvent is PresenceChanged)
        {
            await circuits.PublishAsync(chatEvent, ct);
            return;
        }
        await serverFeatures.PublishAsync(chatEvent, ct);
        await circuits.PublishAsync(chatEvent is TypingChanged typingChanged ? typing.Merge(instance.Id, typingChanged) : chatEvent, ct);
        Forward(chatEvent);
    }

    public IDisposable SubscribeToRoom(int roomId, string userId, Func<RoomEvent, Task> handler) => circuits.SubscribeToRoom(roomId, userId, handler);

    public IDisposable SubscribeToUser(string userId, Func<UserEvent, Task> handler) => circuits.SubscribeToUser(userId, handler);

    public IDisposable SubscribeToPresence(Func<PresenceChanged, Task> handler) => circuits.SubscribeToPresence(handler);

    public IDisposable SubscribeToAllRooms(Func<RoomEvent, Task> handler) => serverFeatures.SubscribeToAllRooms(handler);

    /// <summary>
    /// Subscribes to the other instances' events unless already subscribed; false while Redis is away (the
    /// heartbeat calls it again). Once subscribed, the Redis client itself resubscribes after a reconnect.
    /// </summary>
    public async Task<bool> EnsureSubscribedAsync()
    {
        lock (gate) if (subscription is not null) return true;
        try
        {
            var queue = await redis.Subscriber.SubscribeAsync(channel);
            queue.OnMessage(message => ReceiveAsync(message.Message));
            lock (gate) subscription = queue;
            logger.LogInformation("Instance {Instance} subscribed to {Channel}", instance.Id, channel);
            return true;
        }
        catch (Exception ex) when (RedisFailures.IsTransient(ex))
        {
            redis.MarkDown("subscribing to the event channel failed: " + ex.Message);
            return false;
        }
    }

    /// <summary>Delivers an event from another instance to this instance's circuits (never to server-side features).</summary>
    public async Task ReceiveAsync(RedisValue payload)
    {
        if (ChatEventCodec.Decode(payload.ToString()) is not var (origin, chatEvent))
        {
            logger.LogWarning("Ignored a message on {Channel} that is not a chat event", channel);
            return;
        }
        if (origin == instance.Id || chatEvent is PresenceChanged) return; // our own echo: delivered already
        Interlocked.Increment(ref eventsReceived);
        await circuits.PublishAsync(chatEvent is TypingChanged typingChanged ? typing.Merge(origin, typingChanged) : chatEvent);
    }

    /// <summary>Another instance stopped or died: whoever was typing there is not any more.</summary>
    public async Task ForgetInstanceAsync(string instanceId)
    {
        foreach (var change in typing.Forget(instanceId)) await circuits.PublishAsync(change);
    }

    private void Forward(ChatEvent chatEvent)
    {
        if (!redis.IsConnected)
        {
            NotForwarded(chatEvent, null);
            return;
        }
        Task publishing;
        try
        {
            publishing = redis.Subscriber.PublishAsync(channel, ChatEventCodec.Encode(instance.Id, chatEvent));
        }
        catch (Exception ex) when (RedisFailures.IsTransient(ex))
        {
            publishing = Task.FromException(ex);
        }
        // Not awaited: the publisher (a user's request or circuit) is done once local delivery is.
        _ = publishing.ContinueWith(t => NotForwarded(chatEvent, t.Exception?.GetBaseException()),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }

    private void NotForwarded(ChatEvent chatEvent, Exception? failure)
    {
        // One warning per outage is enough; the count is on the health page.
        if (Interlocked.Increment(ref eventsNotForwarded) == 1 || redis.DownSince is null)
            logger.LogWarning(failure, "Redis is unreachable: {Event} reached this instance's users only", chatEvent.GetType().Name);
        redis.MarkDown(failure?.Message ?? "not connected");
    }
}
