using Socializer.Core.Accounts;

namespace Socializer.Core.Chat;

public enum RoomType { Public = 0, Direct = 1, Group = 2 }

public class Room
{
    public const int NameMaxLength = 80;
    public const string GeneralRoomName = "general";

    public int Id { get; set; }
    public RoomType Type { get; set; }
    public string? Name { get; set; }
    public string? CreatedById { get; set; }
    public AppUser? CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public DateTime LastActivityAt { get; set; } = DateTime.UtcNow;
    public bool AiEnabled { get; set; } = true;

    /// <summary>Identity's password hash of the join password; null when the room has none.</summary>
    public string? PasswordHash { get; set; }
    public bool IsDiscoverable { get; set; }

    /// <summary>For direct rooms: the two user ids, ordered, joined by '|'. Unique, so a pair has one direct room.</summary>
    public string? DirectKey { get; set; }

    public List<RoomMember> Members { get; set; } = [];
    public List<Message> Messages { get; set; } = [];

    public static string MakeDirectKey(string userA, string userB) =>
        string.CompareOrdinal(userA, userB) < 0 ? $"{userA}|{userB}" : $"{userB}|{userA}";
}
