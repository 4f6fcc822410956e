using Socializer.Core.Accounts;

namespace Socializer.Core.Chat;

public enum RoomRole { Member = 0, Owner = 1 }

/// <summary>A user's membership of a room. Leaving clears IsActive; rejoining sets it again on the same row.</summary>
public class RoomMember
{
    public int RoomId { get; set; }
    public Room? Room { get; set; }
    public string UserId { get; set; } = "";
    public AppUser? User { get; set; }
    public RoomRole Role { get; set; }
    public bool IsActive { get; set; } = true;
    public DateTime JoinedAt { get; set; } = DateTime.UtcNow;
    public DateTime? LeftAt { get; set; }

    /// <summary>The newest message id this member has seen; unread = messages with a larger id.</summary>
    public long LastReadMessageId { get; set; }
}
