using Microsoft.EntityFrameworkCore;
using Socializer.Core.Chat;
using Socializer.Core.Data;

namespace Socializer.Core.Translation;

/// <summary>
/// Tells which language a user writes in, from their recent room messages: each message's detected language
/// votes with its confidence; a language needs at least <see cref="MinimumMessages"/> messages behind it.
/// Storing the answer as the preferred language (unless the user chose one) is the caller's decision.
/// </summary>
public sealed class UserLanguageService(IDbContextFactory<AppDbContext> dbFactory, ILanguageDetector detector)
{
    public const int MessagesConsidered = 20;
    public const int MinimumMessages = 3;

    public async Task<LanguageGuess> DetectUserLanguageAsync(string userId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var recent = await db.Messages
            .Where(m => m.SenderId == userId && m.SenderType == SenderType.User && m.DeletedAt == null)
            .OrderByDescending(m => m.Id)
            .Take(MessagesConsidered)
            .Select(m => m.Content)
            .ToListAsync(ct);

        var votes = recent.Select(detector.Detect).Where(g => g.Language is not null).ToList();
        var best = votes
            .GroupBy(g => g.Language!)
            .Select(g => (Language: g.Key, Count: g.Count(), Weight: g.Sum(v => v.Confidence)))
            .OrderByDescending(x => x.Weight).ThenBy(x => x.Language, StringComparer.Ordinal)
            .FirstOrDefault();
        if (best.Language is null || best.Count < MinimumMessages) return LanguageGuess.Unknown;
        return new LanguageGuess(best.Language, Math.Round(best.Weight / votes.Sum(v => v.Confidence), 2));
    }
}
