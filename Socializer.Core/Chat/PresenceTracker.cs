namespace Socializer.Core.Chat;

/// <summary>
/// Who is online: a user is online while at least one of their circuits holds a connection, so several tabs
/// count once. Publishes <see cref="PresenceChanged"/> only on the first connect and the last disconnect.
/// </summary>
public sealed class PresenceTracker(IChatBus bus)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, int> connections = new(StringComparer.Ordinal);

    public bool IsOnline(string userId)
    {
        lock (gate) return connections.ContainsKey(userId);
    }

    public IReadOnlySet<string> OnlineUserIds
    {
        get { lock (gate) return connections.Keys.ToHashSet(StringComparer.Ordinal); }
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
        if (cameOnline) await bus.PublishAsync(new PresenceChanged(userId, true));
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
        if (wentOffline) await bus.PublishAsync(new PresenceChanged(userId, false));
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
