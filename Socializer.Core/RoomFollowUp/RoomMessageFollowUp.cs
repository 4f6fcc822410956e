using Microsoft.EntityFrameworkCore;
using Socializer.Core.Chat;
using Socializer.Core.Coaching;
using Socializer.Core.Data;
using Socializer.Core.Translation;

namespace Socializer.Core.RoomFollowUp;

/// <summary>
/// What happens after a user's room message is committed, for the sender alone: coaching counts and evaluates it,
/// the wording check may suggest kinder phrasing, a confused "???" gets the offer to ask the assistant, and the
/// user's preferred language follows what they write (unless they chose one). The notes go out as one
/// <see cref="SenderNotesReady"/> to the sender's circuits, never to the room.
/// </summary>
public sealed class RoomMessageFollowUp(
    IDbContextFactory<AppDbContext> dbFactory,
    IChatBus bus,
    CoachingService coaching,
    UserLanguageService userLanguages,
    Accounts.UserSettingsService settings)
{
    public const int QuoteMaxLength = 120;

    /// <summary>Handles one posted message; returns the notes it delivered (empty when there was nothing to say).</summary>
    public async Task<IReadOnlyList<SenderNote>> HandleAsync(MessagePosted posted, CancellationToken ct)
    {
        if (posted.Message.SenderType != SenderType.User || posted.SenderId is not { } senderId) return [];

        var notes = new List<SenderNote>();
        var feedback = await coaching.RecordRoomMessageAsync(senderId, posted.RoomId, posted.MessageId, posted.Content, ct);
        if (feedback.Hint is { } hint) notes.Add(new SenderNote(SenderNoteKind.Coaching, hint.Text));
        if (feedback.Sensitivity is { } report) notes.Add(SensitivityNote(report));

        if (posted.RoomAiEnabled && ConfusionDetector.IsConfusion(posted.Content)
            && await ConfusionNoteAsync(posted, senderId, ct) is { } confusion)
            notes.Add(confusion);

        if (await ApplyDetectedLanguageAsync(senderId, ct) is { } language)
            notes.Add(new SenderNote(SenderNoteKind.Language,
                $"Your messages look like {Languages.DisplayName(language)}: translations for you are now in {Languages.DisplayName(language)}. You can change this in Settings."));

        if (notes.Count > 0) await bus.PublishAsync(new SenderNotesReady(senderId, posted.RoomId, posted.MessageId, notes), ct);
        return notes;
    }

    private static SenderNote SensitivityNote(SensitivityReport report)
    {
        var first = report.Suggestions[0];
        var text = $"\"{first.Phrase}\": {first.Reason} {first.Suggestion}";
        if (report.Suggestions.Count > 1) text += $" (and {report.Suggestions.Count - 1} more)";
        return new SenderNote(SenderNoteKind.Sensitivity, text, report.SuggestedRewrite);
    }

    /// <summary>The offer to ask the assistant about the latest message by someone else before this one.</summary>
    private async Task<SenderNote?> ConfusionNoteAsync(MessagePosted posted, string senderId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var before = await db.Messages
            .Where(m => m.RoomId == posted.RoomId && m.Id < posted.MessageId && m.DeletedAt == null
                        && m.SenderType == SenderType.User && m.SenderId != senderId)
            .OrderByDescending(m => m.Id)
            .Select(m => new
            {
                m.Content,
                Name = m.Sender == null ? "them" : m.Sender.DisplayName != "" ? m.Sender.DisplayName : m.Sender.UserName ?? "them",
            })
            .FirstOrDefaultAsync(ct);
        if (before is null) return null;
        var quote = before.Content.ReplaceLineEndings(" ").Trim();
        if (quote.Length > QuoteMaxLength) quote = quote[..(QuoteMaxLength - 1)] + "…";
        return new SenderNote(SenderNoteKind.Confusion, $"Not sure what {before.Name} meant? Ask the assistant to explain.",
            $"@ai what did {before.Name} mean by \"{quote}\"?");
    }

    /// <summary>Stores the detected language as preferred unless the user chose one; returns it when it changed.</summary>
    private async Task<string?> ApplyDetectedLanguageAsync(string userId, CancellationToken ct)
    {
        var guess = await userLanguages.DetectUserLanguageAsync(userId, ct);
        if (guess.Language is not { } language) return null;
        return await settings.AdoptDetectedLanguageAsync(userId, language, ct) ? language : null;
    }
}
