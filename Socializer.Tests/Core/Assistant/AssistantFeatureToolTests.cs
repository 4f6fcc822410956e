using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Socializer.Core.Assistant;
using Socializer.Core.Chat;
using Socializer.Core.Coaching;
using Socializer.Core.Memory;
using Socializer.Tests.Support;

namespace Socializer.Tests.Core.Assistant;

/// <summary>
/// The coaching, life-event, translation and settings tools, driven through the offline assistant and the real
/// pipeline over SQLite: each reaches its real service for the signed-in user, and never another user's data.
/// </summary>
public sealed class AssistantFeatureToolTests
{
    [Fact]
    public async Task Every_named_tool_exists_once_and_none_takes_a_user_id()
    {
        await using var host = await AssistantFeatures.StartHostAsync();
        var tools = host.Services.GetRequiredService<AssistantToolbox>().For(new AssistantToolContext("user-1", null)).OfType<AIFunction>().ToList();

        var expected = typeof(AssistantToolNames).GetFields().Select(f => (string)f.GetValue(null)!).Order().ToList();
        Assert.Equal(expected, tools.Select(t => t.Name).Order().ToList());
        foreach (var tool in tools)
        {
            var parameters = tool.JsonSchema.TryGetProperty("properties", out var properties)
                ? properties.EnumerateObject().Select(p => p.Name).ToList() : [];
            Assert.DoesNotContain(parameters, p => p.Contains("user", StringComparison.OrdinalIgnoreCase) || p.Contains("owner", StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain("not available in this version", tool.Description, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Skills_and_training_are_the_signed_in_users_own()
    {
        await using var host = await AssistantFeatures.StartHostAsync();
        var ana = await host.AddUserAsync("ana");
        var ben = await host.AddUserAsync("ben");
        await host.Services.GetRequiredService<CoachingService>().EnsurePlanAsync(ana, default);
        await using (var db = await host.Database.Factory.CreateDbContextAsync())
            await db.UserSkills.Where(s => s.UserId == ana && s.SkillId == SkillIds.Empathy).ExecuteUpdateAsync(s => s.SetProperty(x => x.Level, 7));

        var anas = await host.Assistant.AskAsync(ana, "what are my skills?", null);
        Assert.Equal([AssistantToolNames.GetMySkills], anas.ToolsUsed);
        Assert.Contains("**Empathy**: level 7", anas.Response);

        var bens = await host.Assistant.AskAsync(ben, "what are my skills?", null);
        Assert.Contains("**Empathy**: level 1", bens.Response);
        Assert.DoesNotContain("level 7", bens.Response);

        var training = await host.Assistant.AskAsync(ben, "show my training plan", null);
        Assert.Equal([AssistantToolNames.GetMyTrainingPlan], training.ToolsUsed);
        Assert.Contains("Your current focus is", training.Response);
        Assert.Contains("next evaluation comes after 5 more", training.Response);
        Assert.Equal(0, host.Contexts.Live);
    }

    [Fact]
    public async Task Life_events_are_logged_listed_and_deleted_for_their_owner_only()
    {
        await using var host = await AssistantFeatures.StartHostAsync();
        var ana = await host.AddUserAsync("ana");
        var ben = await host.AddUserAsync("ben");
        var events = host.Services.GetRequiredService<LifeEventService>();

        var logged = await host.Assistant.AskAsync(ana, "I got a new job today", null);
        Assert.Equal([AssistantToolNames.AddLifeEvent], logged.ToolsUsed);
        var stored = Assert.Single(await events.ListAsync(ana, default));
        Assert.Equal("Got a new job", stored.Title);
        Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow), stored.OccurredOn);
        Assert.Contains($"#{stored.Id}", logged.Response);

        await host.Assistant.AskAsync(ana, "I moved to Lisbon yesterday", null);
        Assert.Contains(await events.ListAsync(ana, default), e => e.Title == "Moved to Lisbon" && e.OccurredOn == DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1));

        var anasTimeline = await host.Assistant.AskAsync(ana, "show my timeline", null);
        Assert.Contains("Got a new job", anasTimeline.Response);
        Assert.Contains("Moved to Lisbon", anasTimeline.Response);

        var bensTimeline = await host.Assistant.AskAsync(ben, "show my timeline", null);
        Assert.Contains("Your timeline is empty", bensTimeline.Response);
        var bensDelete = await host.Assistant.AskAsync(ben, $"delete life event {stored.Id}", null);
        Assert.Equal($"You have no life event #{stored.Id}.", bensDelete.Response);
        Assert.NotNull(await events.GetAsync(ana, stored.Id, default));

        var anasDelete = await host.Assistant.AskAsync(ana, $"delete life event {stored.Id}", null);
        Assert.Equal($"Deleted life event #{stored.Id}.", anasDelete.Response);
        Assert.Null(await events.GetAsync(ana, stored.Id, default));
        Assert.Empty(await events.ListAsync(ben, default));
    }

    [Fact]
    public async Task Translate_uses_the_real_translator_and_defaults_to_the_users_language()
    {
        await using var host = await AssistantFeatures.StartHostAsync();
        var ana = await host.AddUserAsync("ana");

        var reply = await host.Assistant.AskAsync(ana, "translate 'My friends are very happy today.' to Spanish", null);
        Assert.Equal([AssistantToolNames.TranslateText], reply.ToolsUsed);
        Assert.Contains("In Spanish:", reply.Response);
        Assert.Contains("amigos", reply.Response, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Machine translation from English (apertium)", reply.Response);

        var unknown = await host.Assistant.AskAsync(ana, "translate hello to Klingon", null);
        Assert.Contains("\"Klingon\" is not a language I know", unknown.Response);
    }

    [Fact]
    public async Task Evaluate_my_communication_reads_only_the_users_own_room_messages_and_stores_nothing()
    {
        await using var host = await AssistantFeatures.StartHostAsync();
        var ana = await host.AddUserAsync("ana");
        var ben = await host.AddUserAsync("ben");
        await using (var db = await host.Database.Factory.CreateDbContextAsync())
        {
            var room = new Room { Type = RoomType.Group, Name = "friends", CreatedById = ana };
            db.Rooms.Add(room);
            await db.SaveChangesAsync();
            foreach (var text in new[] { "How are you feeling today?", "I understand, that sounds hard.", "Thanks for sharing that with me!" })
                db.Messages.Add(new Message { RoomId = room.Id, SenderId = ana, SenderType = SenderType.User, Content = text });
            await db.SaveChangesAsync();
        }

        var anas = await host.Assistant.AskAsync(ana, "evaluate my last messages", null);
        Assert.Equal([AssistantToolNames.EvaluateMyCommunication], anas.ToolsUsed);
        Assert.Contains("**Empathy**:", anas.Response);
        Assert.Contains("/100", anas.Response);
        Assert.Contains("nothing was stored", anas.Response);

        var bens = await host.Assistant.AskAsync(ben, "evaluate my last messages", null);
        Assert.Contains("You haven't written in a room yet", bens.Response);

        await using var check = await host.Database.Factory.CreateDbContextAsync();
        Assert.Equal(0, await check.SkillEvaluations.CountAsync());
    }

    [Fact]
    public async Task The_cultural_check_suggests_kinder_words()
    {
        await using var host = await AssistantFeatures.StartHostAsync();
        var ana = await host.AddUserAsync("ana");

        var unkind = await host.Assistant.AskAsync(ana, "is this kind: calm down, you people always complain", null);
        Assert.Equal([AssistantToolNames.CheckCulturalSensitivity], unkind.ToolsUsed);
        Assert.Contains("\"calm down\"", unkind.Response, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\"you people\"", unkind.Response, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("A kinder version", unkind.Response);

        var kind = await host.Assistant.AskAsync(ana, "is this kind: thank you for your help", null);
        Assert.Contains("nothing that is likely to hurt", kind.Response);
    }

    [Fact]
    public async Task Stop_and_start_translating_switch_only_the_users_own_setting()
    {
        await using var host = await AssistantFeatures.StartHostAsync();
        var ana = await host.AddUserAsync("ana");
        var ben = await host.AddUserAsync("ben");

        var off = await host.Assistant.AskAsync(ana, "stop translating", null);
        Assert.Equal([AssistantToolNames.SetPassiveTranslation], off.ToolsUsed);
        Assert.False((await host.Settings.GetAsync(ana))!.PassiveTranslationEnabled);
        Assert.True((await host.Settings.GetAsync(ben))!.PassiveTranslationEnabled);

        await host.Assistant.AskAsync(ana, "start translating again", null);
        Assert.True((await host.Settings.GetAsync(ana))!.PassiveTranslationEnabled);
    }

    [Fact]
    public async Task A_language_the_user_sets_is_marked_explicit()
    {
        await using var host = await AssistantFeatures.StartHostAsync();
        var ana = await host.AddUserAsync("ana");
        var ben = await host.AddUserAsync("ben");

        await host.Assistant.AskAsync(ana, "set my language to Spanish", null);

        await using var db = await host.Database.Factory.CreateDbContextAsync();
        var users = await db.Users.Where(u => u.Id == ana || u.Id == ben).ToDictionaryAsync(u => u.Id);
        Assert.Equal("es", users[ana].PreferredLanguage);
        Assert.True(users[ana].PreferredLanguageIsExplicit);
        Assert.False(users[ben].PreferredLanguageIsExplicit);
    }
}
