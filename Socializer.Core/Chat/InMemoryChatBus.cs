using Microsoft.Extensions.Logging;

namespace Socializer.Core.Chat;

/// <summary>
/// The single-server bus: subscriptions keyed by room and by user, so an event reaches only its own audience
/// (no broadcast-and-filter). Handlers run without blocking the publisher; a failing handler is logged and
/// does not stop delivery to the others.
/// </summary>
public sealed class InMemoryChatBus(ILogger<InMemoryChatBus> logger) : IChatBus
{
    private readonly Lock gate = new();
    private readonly Dictionary<int, List<Subscription<RoomEvent>>> byRoom = [];
    private readonly Dictionary<string, List<Subscription<UserEvent>>> byUser = new(StringComparer.Ordinal);
    private readonly List<Subscription<PresenceChanged>> presence = [];
    private readonly List<Subscription<RoomEvent>> allRooms = [];

    public int SubscriptionCount
    {
        get
        {
            lock (gate)
                return byRoom.Values.Sum(l => l.Count) + byUser.Values.Sum(l => l.Count) + presence.Count + allRooms.Count;
        }
    }

    public Task PublishAsync(ChatEvent chatEvent, CancellationToken ct = default)
    {
        switch (chatEvent)
        {
            case RoomEvent roomEvent:
                Deliver(roomEvent, SnapshotRoom(roomEvent));
                break;
            case UserEvent userEvent:
                Deliver(userEvent, Snapshot(byUser, userEvent.UserId));
                break;
            case PresenceChanged presenceChanged:
                Subscription<PresenceChanged>[] presenceTargets;
                lock (gate) presenceTargets = [.. presence];
                Deliver(presenceChanged, presenceTargets);
                break;
        }
        return Task.CompletedTask;
    }

    private Subscription<RoomEvent>[] SnapshotRoom(RoomEvent roomEvent)
    {
        lock (gate)
        {
            Subscription<RoomEvent>[] targets = [.. (byRoom.GetValueOrDefault(roomEvent.RoomId) ?? []), .. allRooms];
            // The leaving member still hears that they left; after that, nothing more from this room.
            if (byRoom.TryGetValue(roomEvent.RoomId, out var list))
            {
                if (roomEvent is RoomDeleted) byRoom.Remove(roomEvent.RoomId);
                else if (roomEvent is MembershipChanged { IsMember: false } left)
                    list.RemoveAll(s => s.UserId == left.UserId);
            }
            return targets;
        }
    }

    private Subscription<TEvent>[] Snapshot<TKey, TEvent>(Dictionary<TKey, List<Subscription<TEvent>>> index, TKey key) where TKey : notnull
    {
        lock (gate)
            return index.TryGetValue(key, out var list) ? [.. list] : [];
    }

    private void Deliver<TEvent>(TEvent chatEvent, Subscription<TEvent>[] targets)
    {
        foreach (var target in targets)
        {
            Task delivery;
            try { delivery = target.Handler(chatEvent); }
            catch (Exception ex) { delivery = Task.FromException(ex); }
            if (!delivery.IsCompletedSuccessfully)
                _ = delivery.ContinueWith(
                    t => logger.LogWarning(t.Exception, "A chat subscriber failed to handle {Event}", typeof(TEvent).Name),
                    CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
    }

    public IDisposable SubscribeToRoom(int roomId, string userId, Func<RoomEvent, Task> handler) =>
        Add(byRoom, roomId, new Subscription<RoomEvent>(userId, handler));

    public IDisposable SubscribeToUser(string userId, Func<UserEvent, Task> handler) =>
        Add(byUser, userId, new Subscription<UserEvent>(userId, handler));

    public IDisposable SubscribeToPresence(Func<PresenceChanged, Task> handler) => Add(presence, new Subscription<PresenceChanged>(null, handler));

    public IDisposable SubscribeToAllRooms(Func<RoomEvent, Task> handler) => Add(allRooms, new Subscription<RoomEvent>(null, handler));

    private Unsubscriber Add<TKey, TEvent>(Dictionary<TKey, List<Subscription<TEvent>>> index, TKey key, Subscription<TEvent> subscription) where TKey : notnull
    {
        lock (gate)
        {
            if (!index.TryGetValue(key, out var list)) index[key] = list = [];
            list.Add(subscription);
        }
        return new Unsubscriber(() =>
        {
            lock (gate)
            {
                if (index.TryGetValue(key, out var list) && list.Remove(subscription) && list.Count == 0)
                    index.Remove(key);
            }
        });
    }

    private Unsubscriber Add<TEvent>(List<Subscription<TEvent>> list, Subscription<TEvent> subscription)
    {
        lock (gate) list.Add(subscription);
        return new Unsubscriber(() => { lock (gate) list.Remove(subscription); });
    }

    // A class, not a record: two identical subscriptions must stay two, each removed by its own Dispose.
    private sealed class Subscription<TEvent>(string? userId, Func<TEvent, Task> handler)
    {
        public string? UserId { get; } = userId;
        public Func<TEvent, Task> Handler { get; } = handler;
    }

    private sealed class Unsubscriber(Action unsubscribe) : IDisposable
    {
        private Action? pending = unsubscribe;
        public void Dispose() => Interlocked.Exchange(ref pending, null)?.Invoke();
    }
}
