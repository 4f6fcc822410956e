using Socializer.Core.Accounts;

namespace Socializer.Core.Memory;

public enum MemoryCategory { Fact = 0, Preference = 1, Interest = 2, Person = 3, Goal = 4 }

/// <summary>Something the assistant knows about its user. The user sees, edits and deletes every one.</summary>
public class MemoryFact
{
    public const int KeyMaxLength = 100;
    public const int ValueMaxLength = 1000;

    public int Id { get; set; }
    public string UserId { get; set; } = "";
    public AppUser? User { get; set; }
    public MemoryCategory Category { get; set; }

    /// <summary>Normalised lowercase key ("name", "favourite food"); unique per user.</summary>
    public string Key { get; set; } = "";

    /// <summary>Personal data: encrypted at rest.</summary>
    public string Value { get; set; } = "";

    /// <summary>Where it was learned: "assistant", "profile", "room:12".</summary>
    public string Source { get; set; } = "";
    public double Confidence { get; set; } = 1.0;
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public DateTime UpdatedAt { get; set; } = DateTime.UtcNow;
}
