using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Socializer.Core.Accounts;
using Socializer.Core.Coaching;
using Socializer.Core.Data;

namespace Socializer.Core.Assistant;

/// <summary>The system prompt: who the user is, the language to answer in, their current training focus, and the rules for tools.</summary>
public sealed class AssistantPrompt(IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task<string> BuildAsync(UserProfile profile, CancellationToken ct)
    {
        string? focus;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            focus = await db.Trainings.AsNoTracking()
                .Where(t => t.UserId == profile.UserId && t.Status == TrainingStatus.Active)
                .OrderBy(t => t.StartedAt)
                .Select(t => t.Skill!.Name + (t.Focus == "" ? "" : ": " + t.Focus))
                .FirstOrDefaultAsync(ct);
        }
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
