using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Socializer.Core.Data;

namespace Socializer.Core.Translation;

/// <summary>
/// Translations of room messages for their readers, cached per (message, language) in MessageTranslations:
/// ten Spanish readers of one English message cause one translation. Concurrent first requests for the same
/// pair share one call. Whether a reader wants translations at all (AppUser.PassiveTranslationEnabled) is the
/// caller's decision.
/// </summary>
public sealed class MessageTranslationService(IDbContextFactory<AppDbContext> dbFactory, ITranslator translator, ILanguageDetector detector)
{
    private readonly ConcurrentDictionary<(long MessageId, string Language), Lazy<Task<TranslationResult?>>> inFlight = new();

    /// <summary>
    /// The message in <paramref name="readerLanguage"/>: from the cache, or translated now and cached. Null when the
    /// message does not exist or is deleted. A result that is not Translated (same language, pair not available,
    /// failed) is returned but not cached, so a later install or retry can still succeed.
    /// </summary>
    public async Task<TranslationResult?> TranslateForReaderAsync(long messageId, string readerLanguage, CancellationToken ct)
    {
        var target = Languages.Normalize(readerLanguage) ?? throw new ArgumentException($"'{readerLanguage}' is not a language code.", nameof(readerLanguage));
        var cached = await FindCachedAsync(messageId, target, ct);
        if (cached is not null) return cached;

        var work = inFlight.GetOrAdd((messageId, target), key => new Lazy<Task<TranslationResult?>>(() => TranslateOnceAsync(key)));
        return await work.Value.WaitAsync(ct);
    }

    private async Task<TranslationResult?> TranslateOnceAsync((long MessageId, string Language) key)
    {
        try
        {
            return await TranslateAndStoreAsync(key.MessageId, key.Language, CancellationToken.None);
        }
        finally
        {
            inFlight.TryRemove(key, out _);
        }
    }

    private async Task<TranslationResult?> FindCachedAsync(long messageId, string target, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.MessageTranslations.AsNoTracking()
            .FirstOrDefaultAsync(t => t.MessageId == messageId && t.TargetLanguage == target, ct);
        return row is null ? null : new TranslationResult(TranslationStatus.Translated, row.Text, row.SourceLanguage, row.TargetLanguage, row.Engine, null);
    }

    // Runs without the first caller's token: other readers may be waiting on it.
    private async Task<TranslationResult?> TranslateAndStoreAsync(long messageId, string target, CancellationToken ct)
    {
        var cached = await FindCachedAsync(messageId, target, ct);
        if (cached is not null) return cached;

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var message = await db.Messages.Where(m => m.Id == messageId && m.DeletedAt == null)
            .Select(m => new { m.Content, m.Language })
            .FirstOrDefaultAsync(ct);
        if (message is null || string.IsNullOrWhiteSpace(message.Content)) return null;

        var source = Languages.Normalize(message.Language);
        if (source is null)
        {
            source = detector.Detect(message.Content).Language;
            if (source is null) return TranslationResult.NotAvailable(null, target, "The language of the message could not be detected.");
            await db.Messages.Where(m => m.Id == messageId && m.Language == null)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Language, source), ct);
        }

        var result = await translator.TranslateAsync(message.Content, target, source, ct);
        if (!result.IsTranslated) return result;

        db.MessageTranslations.Add(new MessageTranslation
        {
            MessageId = messageId, SourceLanguage = source, TargetLanguage = target, Text = result.Text!, Engine = result.Engine ?? "",
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another server translated it at the same moment; the unique (message, language) index kept one.
            return await FindCachedAsync(messageId, target, ct) ?? throw new InvalidOperationException("The translation could not be stored.");
        }
        return result;
    }
}
