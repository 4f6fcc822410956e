namespace Socializer.Core.Chat;

/// <summary>
/// Who is online on the other app instances. <see cref="PresenceTracker"/> counts this instance's connections and
/// asks the backplane about everyone else's; with one instance (<see cref="SingleInstancePresence"/>) nobody is
/// online elsewhere. Presence is state, not an event stream: a crashed instance cannot announce that its users
/// left, so a multi-instance backplane keeps per-instance entries that expire unless renewed.
/// </summary>
public interface IPresenceBackplane
{
    bool IsOnlineElsewhere(string userId);

    IReadOnlyCollection<string> OnlineElsewhere { get; }

    /// <summary>This instance's first connection of the user opened, or its last one closed. Never throws.</summary>
    Task LocalChangedAsync(string userId, bool isOnline);

    /// <summary>Called with a user id whenever that user's presence on the other instances changes.</summary>
    IDisposable SubscribeToRemoteChanges(Func<string, Task> handler);
}

/// <summary>One app instance: there is no elsewhere.</summary>
public sealed class SingleInstancePresence : IPresenceBackplane
{
    public bool IsOnlineElsewhere(string userId) => false;

    public IReadOnlyCollection<string> OnlineElsewhere => [];

    public Task LocalChangedAsync(string userId, bool isOnline) => Task.CompletedTask;

    public IDisposable SubscribeToRemoteChanges(Func<string, Task> handler) => NoSubscription.Instance;

    private sealed class NoSubscription : IDisposable
    {
        public static readonly NoSubscription Instance = new();
        public void Dispose() { }
    }
}
