using Microsoft.EntityFrameworkCore;
using Socializer.Core.Coaching;
using Socializer.Tests.Support;

namespace Socializer.Tests.Core.Coaching;

public sealed class CoachingServiceTests
{
    private static readonly string[] GoodMessages =
    [
        "Thanks for sharing that, it sounds like a tough week for you.",
        "What happened when you talked to your manager?",
        "So you mean the deadline moved again without notice?",
        "I understand, that must be frustrating for you.",
        "How are you feeling about the presentation tomorrow?",
    ];

    /// <summary>Sends messages as the chat does: someone else speaks, then the user answers and the service is told.</summary>
    private static async Task<List<RoomMessageFeedback>> ConverseAsync(TestDatabase database, CoachingService coaching, string userId, string otherId, IEnumerable<string> lines)
    {
        var feedback = new List<RoomMessageFeedback>();
        foreach (var line in lines)
        {
            await database.AddRoomMessageAsync(otherId, "Here is what happened to me today.");
            var id = await database.AddRoomMessageAsync(userId, line);
            feedback.Add(await coaching.RecordRoomMessageAsync(userId, 1, id, line, CancellationToken.None));
        }
        return feedback;
    }

    [Fact]
    public async Task The_onboarding_step_gives_a_new_user_the_default_plan_once()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        var userId = await database.AddUserAsync("ana");
        var coaching = database.NewCoachingService();

        await coaching.EnsurePlanAsync(userId, CancellationToken.None);
        await coaching.EnsurePlanAsync(userId, CancellationToken.None);

        await using var db = await database.Factory.CreateDbContextAsync();
        var skills = await db.UserSkills.Where(s => s.UserId == userId).OrderBy(s => s.SkillId).ToListAsync();
        Assert.Equal(SkillIds.All, skills.Select(s => s.SkillId));
        Assert.All(skills, s => Assert.Equal((1, 5, 0.0), (s.Level, s.TargetLevel, s.Progress)));
        var trainings = await db.Trainings.Where(t => t.UserId == userId).ToListAsync();
        Assert.Equal(4, trainings.Count);
        Assert.All(trainings, t => Assert.Equal(TrainingStatus.Active, t.Status));
        Assert.All(trainings, t => Assert.Equal(DefaultTrainingPlan.FocusFor(t.SkillId), t.Focus));
    }

    [Fact]
    public async Task A_user_created_before_coaching_gets_the_plan_when_training_is_first_read()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        var userId = await database.AddUserAsync("old-timer");

        var overview = await database.NewCoachingService().GetTrainingAsync(userId, CancellationToken.None);

        Assert.Equal(["Empathy", "Active listening", "Clarity", "Engagement"], overview.Skills.Select(s => s.Name));
        Assert.Empty(overview.History);
        Assert.Equal(CoachingService.EvaluationInterval, overview.MessagesUntilNextEvaluation);
        Assert.Equal("Empathy", overview.CurrentFocus?.SkillName);
    }

    [Fact]
    public async Task A_plan_for_an_unknown_user_is_refused()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => database.NewCoachingService().EnsurePlanAsync("nobody", CancellationToken.None));
    }

    [Fact]
    public async Task Every_fifth_room_message_is_evaluated_and_good_messages_move_levels()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        var userId = await database.AddUserAsync("ana");
        var otherId = await database.AddUserAsync("ben");
        var coaching = database.NewCoachingService();

        var feedback = await ConverseAsync(database, coaching, userId, otherId, GoodMessages.Concat(GoodMessages));

        Assert.Equal([false, false, false, false, true, false, false, false, false, true], feedback.Select(f => f.Evaluated));
        Assert.All(feedback.Where(f => !f.Evaluated), f => Assert.Null(f.Hint));
        var overview = await coaching.GetTrainingAsync(userId, CancellationToken.None);
        Assert.Equal(10, overview.RoomMessagesSent);
        Assert.Equal(8, overview.History.Count);
        Assert.All(overview.History, h => Assert.Equal(HeuristicCommunicationEvaluator.EvaluatorName, h.Evaluator));
        // Two batches scoring 100 add 50 points each: every skill reaches level 2.
        Assert.All(overview.Skills, s => Assert.Equal((2, 0.0), (s.Level, s.Progress)));
        Assert.All(overview.Skills, s => Assert.Equal(25, s.TrainingProgress));
        Assert.Contains("reached level 2", feedback[9].Hint!.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Curt_messages_earn_a_tip_for_the_weakest_skill_and_no_level()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        var userId = await database.AddUserAsync("ana");
        var coaching = database.NewCoachingService();

        var feedback = await ConverseAsync(database, coaching, userId, userId, ["ok", "no", "fine", "k", "sure"]);

        var hint = feedback[4].Hint;
        Assert.NotNull(hint);
        Assert.Equal(SkillIds.Empathy, hint.SkillId);
        Assert.StartsWith("Empathy: ", hint.Text, StringComparison.Ordinal);
        var overview = await coaching.GetTrainingAsync(userId, CancellationToken.None);
        Assert.All(overview.Skills, s => Assert.Equal(1, s.Level));
        Assert.Equal(0, overview.Skills.Single(s => s.SkillId == SkillIds.Empathy).Progress);
    }

    [Fact]
    public async Task Hints_and_suggestions_honour_the_users_setting_but_evaluation_still_happens()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        var userId = await database.AddUserAsync("quiet", u => u.CoachingHintsEnabled = false);
        var otherId = await database.AddUserAsync("ben");
        var coaching = database.NewCoachingService();

        var feedback = await ConverseAsync(database, coaching, userId, otherId, [.. GoodMessages[..4], "shut up, that is crazy"]);

        Assert.True(feedback[4].Evaluated);
        Assert.All(feedback, f => Assert.Null(f.Hint));
        Assert.All(feedback, f => Assert.Null(f.Sensitivity));
        Assert.Equal(4, (await coaching.GetTrainingAsync(userId, CancellationToken.None)).History.Count);
    }

    [Fact]
    public async Task An_unkind_message_gets_private_suggestions_for_its_sender()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        var userId = await database.AddUserAsync("ana");
        var coaching = database.NewCoachingService();
        var id = await database.AddRoomMessageAsync(userId, "calm down, you people");

        var feedback = await coaching.RecordRoomMessageAsync(userId, 1, id, "calm down, you people", CancellationToken.None);

        Assert.False(feedback.Evaluated);
        Assert.Equal(["calm down", "you people"], feedback.Sensitivity!.Suggestions.Select(s => s.Phrase));
    }

    [Fact]
    public async Task A_message_that_is_not_the_users_own_in_that_room_is_refused_and_not_counted()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        var userId = await database.AddUserAsync("ana");
        var otherId = await database.AddUserAsync("ben");
        var othersMessage = await database.AddRoomMessageAsync(otherId, "hello");
        var coaching = database.NewCoachingService();

        await Assert.ThrowsAsync<ArgumentException>(() => coaching.RecordRoomMessageAsync(userId, 1, othersMessage, "hello", CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => coaching.RecordRoomMessageAsync(otherId, 2, othersMessage, "hello", CancellationToken.None));

        Assert.Equal(0, (await coaching.GetTrainingAsync(userId, CancellationToken.None)).RoomMessagesSent);
        Assert.Equal(0, (await coaching.GetTrainingAsync(otherId, CancellationToken.None)).RoomMessagesSent);
    }

    [Fact]
    public async Task Reaching_the_target_completes_the_training_and_starts_a_higher_one()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        var userId = await database.AddUserAsync("ana");
        var otherId = await database.AddUserAsync("ben");
        var coaching = database.NewCoachingService();
        await coaching.EnsurePlanAsync(userId, CancellationToken.None);
        await using (var db = await database.Factory.CreateDbContextAsync())
            await db.UserSkills.Where(s => s.UserId == userId).ExecuteUpdateAsync(s => s.SetProperty(u => u.Level, 4).SetProperty(u => u.Progress, 60));

        await ConverseAsync(database, coaching, userId, otherId, GoodMessages);

        await using var check = await database.Factory.CreateDbContextAsync();
        var empathy = await check.Trainings.Where(t => t.UserId == userId && t.SkillId == SkillIds.Empathy).OrderBy(t => t.Id).ToListAsync();
        Assert.Equal([TrainingStatus.Completed, TrainingStatus.Active], empathy.Select(t => t.Status));
        Assert.NotNull(empathy[0].CompletedAt);
        var skill = await check.UserSkills.SingleAsync(s => s.UserId == userId && s.SkillId == SkillIds.Empathy);
        Assert.Equal((5, 7), (skill.Level, skill.TargetLevel));
    }

    [Fact]
    public async Task Assessing_recent_messages_stores_nothing()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        var userId = await database.AddUserAsync("ana");
        var coaching = database.NewCoachingService();
        Assert.Null(await coaching.AssessRecentMessagesAsync(userId, CancellationToken.None));
        await database.AddRoomMessageAsync(userId, GoodMessages[1]);

        var assessment = await coaching.AssessRecentMessagesAsync(userId, CancellationToken.None);

        Assert.Equal(100, assessment!.Scores.Single(s => s.SkillId == SkillIds.ActiveListening).Score);
        await using var db = await database.Factory.CreateDbContextAsync();
        Assert.Equal(0, await db.SkillEvaluations.CountAsync());
    }
}
