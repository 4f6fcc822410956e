using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Socializer.Core.Accounts;
using Socializer.Core.Assistant;
using Socializer.Core.Chat;
using Socializer.Core.RoomFollowUp;
using Socializer.Core.Translation;

namespace Socializer.Tests.Support;

/// <summary>The chat services plus the real follow-up (coaching with the heuristic evaluator, lexicon checker, detector).</summary>
public static class FollowUpFixture
{
    public static RoomMessageFollowUp NewFollowUp(this ChatFixture chat) =>
        new(chat.Database.Factory, chat.Bus, chat.Database.NewCoachingService(),
            new UserLanguageService(chat.Database.Factory, new StopWordLanguageDetector()),
            new UserSettingsService(chat.Database.Factory, new AssistantOptions(), chat.Bus));

    public static RoomFollowUpWorker NewFollowUpWorker(this ChatFixture chat) =>
        new(chat.Bus, chat.NewFollowUp(), NullLogger<RoomFollowUpWorker>.Instance);

    public static async Task<(string Language, bool Explicit)> PreferredLanguageAsync(this ChatFixture chat, string userId)
    {
        await using var db = await chat.Database.Factory.CreateDbContextAsync();
        var user = await db.Users.SingleAsync(u => u.Id == userId);
        return (user.PreferredLanguage, user.PreferredLanguageIsExplicit);
    }

    /// <summary>Collects what one user's circuits would receive.</summary>
    public static (List<UserEvent> Received, IDisposable Subscription) Listen(this ChatFixture chat, string userId)
    {
        var received = new List<UserEvent>();
        var subscription = chat.Bus.SubscribeToUser(userId, e =>
        {
            lock (received) received.Add(e);
            return Task.CompletedTask;
        });
        return (received, subscription);
    }
}
