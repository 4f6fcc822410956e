using Socializer.Core.Accounts;

namespace Socializer.Core.Memory;

/// <summary>Something that happened in a user's life, kept for the assistant's context and the profile timeline.</summary>
public class LifeEvent
{
    public const int TitleMaxLength = 200;
    public const int DescriptionMaxLength = 2000;

    public int Id { get; set; }
    public string UserId { get; set; } = "";
    public AppUser? User { get; set; }

    /// <summary>Personal data: encrypted at rest.</summary>
    public string Title { get; set; } = "";

    /// <summary>Personal data: encrypted at rest.</summary>
    public string? Description { get; set; }
    public string Category { get; set; } = "general";
    public DateOnly OccurredOn { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public DateTime UpdatedAt { get; set; } = DateTime.UtcNow;
}
