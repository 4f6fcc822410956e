namespace Socializer.Core.Chat;

/// <summary>
/// "Ana is typing…": a member's typing signal lasts <see cref="Expiry"/> unless renewed, so the indicator
/// clears by itself when someone stops typing or closes the tab. Publishes the room's full typing list on
/// every change (someone starts, someone's signal expires, someone sends).
/// </summary>
public sealed class TypingTracker : IDisposable
{
    public static readonly TimeSpan Expiry = TimeSpan.FromSeconds(4);

    private readonly IChatBus bus;
    private readonly TimeProvider clock;
    private readonly ITimer sweeper;
    private readonly Lock gate = new();
    private readonly Dictionary<int, Dictionary<string, (string Name, DateTimeOffset ExpiresAt)>> rooms = [];

    public TypingTracker(IChatBus bus, TimeProvider clock)
    {
        this.bus = bus;
        this.clock = clock;
        sweeper = clock.CreateTimer(_ => _ = SweepAsync(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    /// <summary>The caller has checked that the user is an active member of the room (the room view is subscribed).</summary>
    public async Task TypingAsync(int roomId, string userId, string displayName)
    {
        IReadOnlyList<TypingUser>? changed = null;
        lock (gate)
        {
            if (!rooms.TryGetValue(roomId, out var typists)) rooms[roomId] = typists = new(StringComparer.Ordinal);
            var isNew = !typists.ContainsKey(userId);
            typists[userId] = (displayName, clock.GetUtcNow() + Expiry);
            if (isNew) changed = ToList(typists);
        }
        if (changed is not null) await bus.PublishAsync(new TypingChanged(roomId, changed));
    }

    /// <summary>The user sent their message (or left): they are no longer typing.</summary>
    public async Task StoppedAsync(int roomId, string userId)
    {
        IReadOnlyList<TypingUser>? changed = null;
        lock (gate)
        {
            if (rooms.TryGetValue(roomId, out var typists) && typists.Remove(userId))
            {
                changed = ToList(typists);
                if (typists.Count == 0) rooms.Remove(roomId);
            }
        }
        if (changed is not null) await bus.PublishAsync(new TypingChanged(roomId, changed));
    }

    public IReadOnlyList<TypingUser> TypingIn(int roomId)
    {
        lock (gate) return rooms.TryGetValue(roomId, out var typists) ? ToList(typists) : [];
    }

    /// <summary>Drops expired signals and announces the rooms whose list changed. The timer calls it every second.</summary>
    public async Task SweepAsync()
    {
        var now = clock.GetUtcNow();
        var changes = new List<TypingChanged>();
        lock (gate)
        {
            foreach (var (roomId, typists) in rooms.ToList())
            {
                var expired = typists.Where(t => t.Value.ExpiresAt <= now).Select(t => t.Key).ToList();
                if (expired.Count == 0) continue;
                foreach (var userId in expired) typists.Remove(userId);
                changes.Add(new TypingChanged(roomId, ToList(typists)));
                if (typists.Count == 0) rooms.Remove(roomId);
            }
        }
        foreach (var change in changes) await bus.PublishAsync(change);
    }

    private static List<TypingUser> ToList(Dictionary<string, (string Name, DateTimeOffset ExpiresAt)> typists) =>
        [.. typists.OrderBy(t => t.Value.Name, StringComparer.CurrentCulture).Select(t => new TypingUser(t.Key, t.Value.Name))];

    public void Dispose() => sweeper.Dispose();
}
