namespace Socializer.Core.Chat;

/// <summary>
/// Who is online: a user is online while at least one of their circuits holds a connection, here or (through the
/// <see cref="IPresenceBackplane"/>) on another app instance, so several tabs and several servers count once.
/// Publishes <see cref="PresenceChanged"/> on this instance's bus only when the user's overall state flips.
/// </summary>
public sealed class PresenceTracker
{
    private readonly IChatBus bus;
    private readonly IPresenceBackplane elsewhere;
    private readonly Lock gate = new();
    private readonly Dictionary<string, int> connections = new(StringComparer.Ordinal);
    private readonly HashSet<string> announcedOnline = new(StringComparer.Ordinal);

    public PresenceTracker(IChatBus bus) : this(bus, new SingleInstancePresence()) { }

    public PresenceTracker(IChatBus bus, IPresenceBackplane elsewhere)
    {
        this.bus = bus;
        this.elsewhere = elsewhere;
        // Singleton for the app's lifetime, like the backplane: the subscription lives as long as both.
        elsewhere.SubscribeToRemoteChanges(AnnounceIfChangedAsync);
    }

    public bool IsOnline(string userId)
    {
        lock (gate) if (connections.ContainsKey(userId)) return true;
        return elsewhere.IsOnlineElsewhere(userId);
    }

    public IReadOnlySet<string> OnlineUserIds
    {
        get
        {
            HashSet<string> online;
            lock (gate) online = connections.Keys.ToHashSet(StringComparer.Ordinal);
            online.UnionWith(elsewhere.OnlineElsewhere);
            return online;
        }
    }

    /// <summary>Marks one connection of the user; disposing the result ends it.</summary>
    public async Task<IAsyncDisposable> ConnectAsync(string userId)
    {
        bool cameOnline;
        lock (gate)
        {
            connections[userId] = connections.GetValueOrDefault(userId) + 1;
            cameOnline = connections[userId] == 1;
        }
        if (cameOnline)
        {
            await elsewhere.LocalChangedAsync(userId, true);
            await AnnounceIfChangedAsync(userId);
        }
        return new Connection(this, userId);
    }

    private async Task DisconnectAsync(string userId)
    {
        bool wentOffline;
        lock (gate)
        {
            var left = connections.GetValueOrDefault(userId) - 1;
            wentOffline = left <= 0;
            if (wentOffline) connections.Remove(userId);
            else connections[userId] = left;
        }
        if (wentOffline)
        {
            await elsewhere.LocalChangedAsync(userId, false);
            await AnnounceIfChangedAsync(userId);
        }
    }

    /// <summary>Publishes the user's presence if it differs from what this instance last announced.</summary>
    private async Task AnnounceIfChangedAsync(string userId)
    {
        bool online;
        lock (gate)
        {
            online = connections.ContainsKey(userId) || elsewhere.IsOnlineElsewhere(userId);
            var changed = online ? announcedOnline.Add(userId) : announcedOnline.Remove(userId);
            if (!changed) return;
        }
        await bus.PublishAsync(new PresenceChanged(userId, online));
    }

    private sealed class Connection(PresenceTracker tracker, string userId) : IAsyncDisposable
    {
        private int disposed;
        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0) await tracker.DisconnectAsync(userId);
        }
    }
}
