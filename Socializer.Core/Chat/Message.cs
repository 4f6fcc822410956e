using Socializer.Core.Accounts;

namespace Socializer.Core.Chat;

public enum SenderType { User = 0, Assistant = 1, System = 2 }

/// <summary>A message in a room. Deleting is soft: the row stays (DeletedAt set, content cleared) so paging and replies hold.</summary>
public class Message
{
    public const int ContentMaxLength = 4000;

    public long Id { get; set; }
    public int RoomId { get; set; }
    public Room? Room { get; set; }
    public SenderType SenderType { get; set; }

    /// <summary>The author for user messages; null for assistant and system messages.</summary>
    public string? SenderId { get; set; }
    public AppUser? Sender { get; set; }
    public string Content { get; set; } = "";

    /// <summary>Detected language of the content ("en", "es"), when known.</summary>
    public string? Language { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public DateTime? EditedAt { get; set; }
    public DateTime? DeletedAt { get; set; }

    public bool IsDeleted => DeletedAt is not null;
}
