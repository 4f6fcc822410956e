using Socializer.Core.Accounts;

namespace Socializer.Core.Chat;

public enum InviteStatus { Pending = 0, Accepted = 1, Declined = 2 }

public class RoomInvite
{
    public int Id { get; set; }
    public int RoomId { get; set; }
    public Room? Room { get; set; }
    public string InviterId { get; set; } = "";
    public AppUser? Inviter { get; set; }
    public string InviteeId { get; set; } = "";
    public AppUser? Invitee { get; set; }
    public InviteStatus Status { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public DateTime? RespondedAt { get; set; }
}
