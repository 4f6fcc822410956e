namespace Socializer.Core.Chat;

// What the chat services hand out: plain records, safe to send over a bus or serialize for the API.

/// <param name="Language">The detected language of the content ("es"), when known; readers in another language get a translation.</param>
public sealed record MessageView(
    long Id, int RoomId, SenderType SenderType, string? SenderId, string SenderName,
    string Content, DateTime CreatedAt, DateTime? EditedAt, bool IsDeleted, string? Language = null);

/// <summary>A page of history, oldest first. <see cref="HasOlder"/> says whether a page before this one exists.</summary>
public sealed record MessagePage(IReadOnlyList<MessageView> Messages, bool HasOlder);

/// <summary>A room as one member sees it: the name is resolved for them (a direct chat is named after the other person).</summary>
public sealed record RoomSummary(
    int Id, RoomType Type, string Name, bool HasPassword, bool AiEnabled, bool IsDiscoverable,
    int MemberCount, int UnreadCount, DateTime LastActivityAt, bool IsCreator);

/// <summary>What a non-member may know about a discoverable room: its name, never its messages.</summary>
public sealed record DiscoverableRoom(int Id, string Name, bool HasPassword, int MemberCount);

public sealed record MemberView(string UserId, string DisplayName, RoomRole Role);

public sealed record InviteView(int Id, int RoomId, string RoomName, string InviterName, DateTime CreatedAt);

public sealed record UserView(string Id, string UserName, string DisplayName);

public sealed record SearchHit(long MessageId, int RoomId, string RoomName, string SenderName, string Content, DateTime CreatedAt);

public sealed record TypingUser(string UserId, string DisplayName);

/// <summary>A new group room. Invitees get pending invites; the creator is its owner.</summary>
public sealed record NewGroupRoom(
    string? Name, IReadOnlyList<string>? InviteeIds, bool AiEnabled = true, string? Password = null, bool IsDiscoverable = false);
