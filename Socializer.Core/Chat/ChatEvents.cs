namespace Socializer.Core.Chat;

// Everything the chat publishes on IChatBus. Plain records, published only after the change is committed,
// so a different transport (Redis, PostgreSQL NOTIFY) can carry them unchanged.

public abstract record ChatEvent;

/// <summary>Delivered to the subscribers of one room: its active members' circuits and trusted server features.</summary>
public abstract record RoomEvent(int RoomId) : ChatEvent;

/// <summary>
/// A message was stored in a room. This is the extension point for features that react to room messages
/// (the assistant answering "@ai" when <see cref="RoomAiEnabled"/>, coaching, translation): subscribe with
/// <see cref="IChatBus.SubscribeToAllRooms"/> from a server-side service.
/// </summary>
public sealed record MessagePosted(int RoomId, MessageView Message, bool RoomAiEnabled) : RoomEvent(RoomId)
{
    public long MessageId => Message.Id;
    public string? SenderId => Message.SenderId;
    public string Content => Message.Content;
}

public sealed record MessageEdited(int RoomId, MessageView Message) : RoomEvent(RoomId);

public sealed record MessageDeleted(int RoomId, long MessageId) : RoomEvent(RoomId);

/// <summary>Someone joined (IsMember) or left. A leaving user's subscriptions to the room end with this event.</summary>
public sealed record MembershipChanged(int RoomId, string UserId, string DisplayName, bool IsMember) : RoomEvent(RoomId);

/// <summary>The room is gone; every subscription to it ends with this event.</summary>
public sealed record RoomDeleted(int RoomId) : RoomEvent(RoomId);

/// <summary>The complete list of people typing in the room right now (empty when nobody is).</summary>
public sealed record TypingChanged(int RoomId, IReadOnlyList<TypingUser> Typists) : RoomEvent(RoomId);

/// <summary>Delivered to one user's circuits only.</summary>
public abstract record UserEvent(string UserId) : ChatEvent;

public sealed record InviteReceived(string UserId, InviteView Invite) : UserEvent(UserId);

/// <summary>The user's room list, unread counts or invites changed: reload them.</summary>
public sealed record RoomListChanged(string UserId) : UserEvent(UserId);

/// <summary>
/// A user came online (first tab) or went offline (last tab closed). Every user shares the general room,
/// so everyone is entitled to everyone's presence.
/// </summary>
public sealed record PresenceChanged(string UserId, bool IsOnline) : ChatEvent;
