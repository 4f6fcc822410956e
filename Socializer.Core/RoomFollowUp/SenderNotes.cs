using Socializer.Core.Chat;

namespace Socializer.Core.RoomFollowUp;

public enum SenderNoteKind
{
    /// <summary>A coaching hint after an evaluation of the sender's recent messages.</summary>
    Coaching = 0,
    /// <summary>Kinder wording for something the sender just wrote.</summary>
    Sensitivity = 1,
    /// <summary>The sender seems confused by the message before theirs: the assistant could explain it.</summary>
    Confusion = 2,
    /// <summary>The sender's preferred language was updated from what they write.</summary>
    Language = 3,
}

/// <summary>
/// A private note for the author of a room message. <see cref="SuggestedDraft"/>, when set, is text the UI may put
/// into the sender's input for them to send (never sent on their behalf).
/// </summary>
public sealed record SenderNote(SenderNoteKind Kind, string Text, string? SuggestedDraft = null);

/// <summary>Private notes about one room message, delivered to its sender's circuits only, never to the room.</summary>
public sealed record SenderNotesReady(string UserId, int RoomId, long MessageId, IReadOnlyList<SenderNote> Notes) : UserEvent(UserId);
