using Socializer.Core.Chat;

namespace Socializer.Core.Translation;

/// <summary>
/// A machine translation of one message into one language. Readers see the row for their preferred language,
/// so a message read by ten Spanish speakers is translated once.
/// </summary>
public class MessageTranslation
{
    public long Id { get; set; }
    public long MessageId { get; set; }
    public Message? Message { get; set; }
    public string SourceLanguage { get; set; } = "";
    public string TargetLanguage { get; set; } = "";
    public string Text { get; set; } = "";

    /// <summary>What produced it ("apertium", a model name), shown as "machine translation".</summary>
    public string Engine { get; set; } = "";
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
}
