using Socializer.Core.Accounts;

namespace Socializer.Core.Assistant;

/// <summary>One saved conversation between a user and their assistant.</summary>
public class AiConversation
{
    public const int TitleMaxLength = 120;

    public int Id { get; set; }
    public string UserId { get; set; } = "";
    public AppUser? User { get; set; }
    public string Title { get; set; } = "New conversation";
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public DateTime UpdatedAt { get; set; } = DateTime.UtcNow;
    public List<AiMessage> Messages { get; set; } = [];
}

public enum AiMessageRole { User = 0, Assistant = 1, Error = 2 }

public class AiMessage
{
    public long Id { get; set; }
    public int ConversationId { get; set; }
    public AiConversation? Conversation { get; set; }
    public AiMessageRole Role { get; set; }

    /// <summary>Personal data: encrypted at rest.</summary>
    public string Content { get; set; } = "";

    /// <summary>Names of the tools the assistant called for this answer, comma-separated.</summary>
    public string? ToolsUsed { get; set; }

    /// <summary>The model that produced an assistant message.</summary>
    public string? Model { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
}
