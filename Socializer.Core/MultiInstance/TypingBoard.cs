using Socializer.Core.Chat;

namespace Socializer.Core.MultiInstance;

/// <summary>
/// Each instance's <see cref="TypingTracker"/> announces the full typing list of its own users only. The board
/// keeps the latest list per room and instance and hands circuits the union, so Ana typing on A and Bob typing on
/// B show as "Ana and Bob" everywhere instead of flickering between the two.
/// </summary>
public sealed class TypingBoard
{
    private readonly Lock gate = new();
    private readonly Dictionary<int, Dictionary<string, IReadOnlyList<TypingUser>>> rooms = [];

    /// <summary>Records the instance's latest list for the room and returns the room's merged list.</summary>
    public TypingChanged Merge(string instance, TypingChanged change)
    {
        lock (gate)
        {
            if (!rooms.TryGetValue(change.RoomId, out var byInstance)) rooms[change.RoomId] = byInstance = new(StringComparer.Ordinal);
            if (change.Typists.Count == 0) byInstance.Remove(instance);
            else byInstance[instance] = change.Typists;
            var merged = Union(byInstance);
            if (byInstance.Count == 0) rooms.Remove(change.RoomId);
            return new TypingChanged(change.RoomId, merged);
        }
    }

    /// <summary>An instance is gone: drops its typists and returns the merged lists of the rooms that changed.</summary>
    public IReadOnlyList<TypingChanged> Forget(string instance)
    {
        lock (gate)
        {
            var changes = new List<TypingChanged>();
            foreach (var (roomId, byInstance) in rooms.ToList())
            {
                if (!byInstance.Remove(instance)) continue;
                changes.Add(new TypingChanged(roomId, Union(byInstance)));
                if (byInstance.Count == 0) rooms.Remove(roomId);
            }
            return changes;
        }
    }

    private static List<TypingUser> Union(Dictionary<string, IReadOnlyList<TypingUser>> byInstance) =>
        [.. byInstance.Values.SelectMany(list => list)
            .DistinctBy(t => t.UserId, StringComparer.Ordinal)
            .OrderBy(t => t.DisplayName, StringComparer.CurrentCulture)];
}
