using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Socializer.Core.Accounts;
using Socializer.Core.Coaching;
using Socializer.Core.Data;

namespace Socializer.Core.Assistant;

/// <summary>The user's profile and their system prompt, as the assistant needs them for every answer.</summary>
public sealed record PromptedUser(UserProfile Profile, string SystemPrompt);

/// <summary>The system prompt: who the user is, the language to answer in, their current training focus, and the rules for tools.</summary>
public sealed class AssistantPrompt(IDbContextFactory<AppDbContext> dbFactory)
{
    /// <summary>Reads the profile and the training focus in one context; null when the user does not exist.</summary>
    public async Task<PromptedUser?> ForUserAsync(string userId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct); // two queries, one connection
        var profile = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(UserSettingsService.ProfileOf).FirstOrDefaultAsync(ct);
        if (profile is null) return null;
        var focus = await db.Trainings.AsNoTracking()
            .Where(t => t.UserId == userId && t.Status == TrainingStatus.Active)
            .OrderBy(t => t.StartedAt)
            .Select(t => t.Skill!.Name + (t.Focus == "" ? "" : ": " + t.Focus))
            .FirstOrDefaultAsync(ct);
        return new PromptedUser(profile, Build(profile, focus));
    }

    private static string Build(UserProfile profile, string? focus)
    {
        var language = Languages.Describe(profile.Settings.PreferredLanguage);
        return $"""
            You are the personal assistant and social-skills coach inside Socializer, a chat app.
            You are talking with {profile.DisplayName} (user name {profile.UserName}).
            Answer in their preferred language, {language}, unless they write to you in another one.
            Their current training focus: {focus ?? "none set"}. Encourage it gently when it fits; never lecture.
            Use your tools for anything about this user (profile, memory, settings, skills, training, life events, earlier conversations).
            The tools always act for this user only; there is no way to reach anyone else's data, so decline such requests.
            When the user tells you something worth keeping about themselves, remember it with the memory tool.
            Use Markdown for lists and code. Be warm, brief and concrete. Today is {DateTime.UtcNow.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture)} (UTC).
            """;
    }
}
