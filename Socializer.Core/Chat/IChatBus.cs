namespace Socializer.Core.Chat;

/// <summary>
/// Carries chat events to exactly the subscribers entitled to them. Singleton. The in-process implementation
/// is <see cref="InMemoryChatBus"/>; a multi-server one (Redis, PostgreSQL NOTIFY) implements the same interface.
/// Publishers call it only after their change is committed. Disposing a subscription ends it.
/// </summary>
public interface IChatBus
{
    /// <summary>Routes a <see cref="RoomEvent"/> to the room, a <see cref="UserEvent"/> to the user, presence to presence subscribers.</summary>
    Task PublishAsync(ChatEvent chatEvent, CancellationToken ct = default);

    /// <summary>
    /// Subscribes a member's circuit to one room. Callers check membership first (RoomService.SubscribeToRoomAsync
    /// does); the bus ends the subscription itself when the user leaves the room or the room is deleted.
    /// </summary>
    IDisposable SubscribeToRoom(int roomId, string userId, Func<RoomEvent, Task> handler);

    IDisposable SubscribeToUser(string userId, Func<UserEvent, Task> handler);

    IDisposable SubscribeToPresence(Func<PresenceChanged, Task> handler);

    /// <summary>
    /// Every room's events, for trusted server-side features (the assistant, coaching, translation) that decide
    /// for themselves what to do with them. Never hand this to a user's circuit.
    /// </summary>
    IDisposable SubscribeToAllRooms(Func<RoomEvent, Task> handler);

    /// <summary>How many subscriptions are live (all kinds); leak checks and tests read it.</summary>
    int SubscriptionCount { get; }
}
