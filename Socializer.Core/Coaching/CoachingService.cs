using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Socializer.Core.Chat;
using Socializer.Core.Data;

namespace Socializer.Core.Coaching;

/// <summary>
/// Social-skills coaching: the training plan, the evaluation of every 5th room message a user sends, levels
/// and progress, and the private hints that follow. Every method opens its own context.
/// </summary>
public sealed class CoachingService(
    IDbContextFactory<AppDbContext> dbFactory,
    ICommunicationEvaluator evaluator,
    ICulturalSensitivityChecker sensitivityChecker,
    ILogger<CoachingService> logger)
{
    /// <summary>Every this many room messages, the user's last this many messages are evaluated.</summary>
    public const int EvaluationInterval = 5;
    public const int HistoryLimit = 400;

    /// <summary>
    /// Creates the default plan (a UserSkill and an active Training per default skill) where it is missing.
    /// Idempotent: new users get it at registration, older users the first time coaching touches them.
    /// </summary>
    public async Task EnsurePlanAsync(string userId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Users.AnyAsync(u => u.Id == userId, ct))
            throw new ArgumentException($"There is no user '{userId}'.", nameof(userId));

        var haveSkill = await db.UserSkills.Where(s => s.UserId == userId).Select(s => s.SkillId).ToListAsync(ct);
        var missing = SkillIds.All.Except(haveSkill).ToList();
        if (missing.Count == 0) return;

        var now = DateTime.UtcNow;
        foreach (var skillId in missing)
        {
            db.UserSkills.Add(new UserSkill
            {
                UserId = userId, SkillId = skillId, Level = DefaultTrainingPlan.StartLevel,
                TargetLevel = DefaultTrainingPlan.StartTarget, UpdatedAt = now,
            });
            db.Trainings.Add(new Training
            {
                UserId = userId, SkillId = skillId, Focus = DefaultTrainingPlan.FocusFor(skillId),
                Status = TrainingStatus.Active, StartedAt = now,
            });
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another operation may have created the plan at the same moment: the UserSkill key kept it single.
            if (!await PlanExistsAsync(userId, ct)) throw;
        }
    }

    private async Task<bool> PlanExistsAsync(string userId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.UserSkills.CountAsync(s => s.UserId == userId, ct) >= SkillIds.All.Length;
    }

    /// <summary>The user's skills, evaluation history (oldest first) and current focus; creates the plan if missing.</summary>
    public async Task<TrainingOverview> GetTrainingAsync(string userId, CancellationToken ct)
    {
        await EnsurePlanAsync(userId, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var skills = await LoadSkillViewsAsync(db, userId, ct);
        var history = await db.SkillEvaluations
            .Where(e => e.UserId == userId)
            .OrderByDescending(e => e.Id)
            .Take(HistoryLimit)
            .Select(e => new EvaluationPoint(e.SkillId, e.Skill!.Name, e.EvaluatedAt, e.Score, e.LevelAfter, e.Evaluator))
            .ToListAsync(ct);
        history.Reverse();
        var sent = await db.Users.Where(u => u.Id == userId).Select(u => u.RoomMessagesSent).SingleAsync(ct);
        return new TrainingOverview(skills, history, FocusOf(skills), sent, EvaluationInterval - sent % EvaluationInterval);
    }

    /// <summary>The skill to work on now (for the sign-in reminder and the assistant); creates the plan if missing.</summary>
    public async Task<TrainingFocus?> GetCurrentFocusAsync(string userId, CancellationToken ct)
    {
        await EnsurePlanAsync(userId, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return FocusOf(await LoadSkillViewsAsync(db, userId, ct));
    }

    /// <summary>
    /// Called by the chat for every room message a user sends, after the message is saved. Counts it; every
    /// <see cref="EvaluationInterval"/>th message evaluates the user's last messages, moves levels and progress, and
    /// returns a hint. Also checks the message's wording. Hints and suggestions honour
    /// <see cref="Accounts.AppUser.CoachingHintsEnabled"/>; counting and evaluation happen either way.
    /// </summary>
    /// <exception cref="ArgumentException">The message is not this user's message in this room.</exception>
    public async Task<RoomMessageFeedback> RecordRoomMessageAsync(string userId, int roomId, long messageId, string content, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        int sent;
        bool hintsEnabled;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var isOwnRoomMessage = await db.Messages.AnyAsync(
                m => m.Id == messageId && m.RoomId == roomId && m.SenderId == userId && m.SenderType == SenderType.User, ct);
            if (!isOwnRoomMessage)
                throw new ArgumentException($"Message {messageId} is not a message of this user in room {roomId}.", nameof(messageId));

            // An immediate transaction: the increment and the read of its result can't interleave with another sender's.
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.Users.Where(u => u.Id == userId)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.RoomMessagesSent, u => u.RoomMessagesSent + 1), ct);
            var user = await db.Users.Where(u => u.Id == userId)
                .Select(u => new { u.RoomMessagesSent, u.CoachingHintsEnabled })
                .SingleAsync(ct);
            await transaction.CommitAsync(ct);
            (sent, hintsEnabled) = (user.RoomMessagesSent, user.CoachingHintsEnabled);
        }

        CoachingHint? hint = null;
        var evaluated = sent % EvaluationInterval == 0;
        if (evaluated)
        {
            var outcome = await EvaluateAndApplyAsync(userId, messageId, ct);
            if (hintsEnabled && outcome is not null) hint = HintFor(outcome, sent / EvaluationInterval);
        }

        SensitivityReport? sensitivity = null;
        if (hintsEnabled && !string.IsNullOrWhiteSpace(content))
        {
            var report = await sensitivityChecker.CheckAsync(content, ct);
            if (report.HasSuggestions) sensitivity = report;
        }
        return new RoomMessageFeedback(evaluated, hint, sensitivity);
    }

    /// <summary>
    /// Scores the user's most recent room messages without storing anything or moving levels (for "evaluate my
    /// communication"). Null when the user has not written in a room yet.
    /// </summary>
    public async Task<CommunicationEvaluation?> AssessRecentMessagesAsync(string userId, CancellationToken ct)
    {
        var messages = await LoadRecentMessagesAsync(userId, long.MaxValue, ct);
        return messages.Count == 0 ? null : await evaluator.EvaluateAsync(messages, ct);
    }

    private sealed record EvaluationOutcome(CommunicationEvaluation Evaluation, IReadOnlyList<(int SkillId, string Name, int Level)> LevelUps, IReadOnlyDictionary<int, string> SkillNames);

    private async Task<EvaluationOutcome?> EvaluateAndApplyAsync(string userId, long upToMessageId, CancellationToken ct)
    {
        await EnsurePlanAsync(userId, ct);
        var messages = await LoadRecentMessagesAsync(userId, upToMessageId, ct);
        if (messages.Count == 0) return null;
        var evaluation = await evaluator.EvaluateAsync(messages, ct);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var skills = await db.UserSkills.Include(s => s.Skill).Where(s => s.UserId == userId).ToListAsync(ct);
        var trainings = await db.Trainings.Where(t => t.UserId == userId && t.Status == TrainingStatus.Active).ToListAsync(ct);
        var now = DateTime.UtcNow;
        var levelUps = new List<(int, string, int)>();

        foreach (var score in evaluation.Scores)
        {
            var skill = skills.FirstOrDefault(s => s.SkillId == score.SkillId);
            if (skill is null) continue;
            var levelBefore = skill.Level;
            (skill.Level, skill.Progress) = SkillProgression.Apply(skill.Level, skill.Progress, score.Score);
            skill.UpdatedAt = now;
            if (skill.Level > levelBefore) levelUps.Add((skill.SkillId, skill.Skill!.Name, skill.Level));

            db.SkillEvaluations.Add(new SkillEvaluation
            {
                UserId = userId, SkillId = skill.SkillId, Score = score.Score, LevelAfter = skill.Level,
                Evaluator = evaluation.Evaluator, Notes = Truncate(score.Notes, 1000), EvaluatedAt = now,
            });
            AdvanceTraining(db, skill, trainings.FirstOrDefault(t => t.SkillId == skill.SkillId), now);
        }
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Evaluated {Count} room messages of user {UserId} with {Evaluator}", messages.Count, userId, evaluation.Evaluator);
        return new EvaluationOutcome(evaluation, levelUps, skills.ToDictionary(s => s.SkillId, s => s.Skill!.Name));
    }

    /// <summary>Updates the skill's active training; reaching the target completes it and starts the next, higher one.</summary>
    private static void AdvanceTraining(AppDbContext db, UserSkill skill, Training? training, DateTime now)
    {
        if (training is null) return;
        training.Progress = SkillProgression.TrainingProgress(skill.Level, skill.Progress, skill.TargetLevel);
        if (skill.Level < skill.TargetLevel) return;

        training.Status = TrainingStatus.Completed;
        training.CompletedAt = now;
        training.Progress = 100;
        if (skill.Level >= UserSkill.MaxLevel) return;
        skill.TargetLevel = Math.Min(UserSkill.MaxLevel, skill.TargetLevel + DefaultTrainingPlan.TargetStep);
        db.Trainings.Add(new Training
        {
            UserId = skill.UserId, SkillId = skill.SkillId, Focus = training.Focus, Status = TrainingStatus.Active, StartedAt = now,
            Progress = SkillProgression.TrainingProgress(skill.Level, skill.Progress, skill.TargetLevel),
        });
    }

    /// <summary>The user's last <see cref="EvaluationInterval"/> room messages up to a message id, newest last.</summary>
    private async Task<List<EvaluatedMessage>> LoadRecentMessagesAsync(string userId, long upToMessageId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Messages
            .Where(m => m.SenderId == userId && m.SenderType == SenderType.User && m.DeletedAt == null && m.Id <= upToMessageId)
            .OrderByDescending(m => m.Id)
            .Take(EvaluationInterval)
            .Select(m => new
            {
                m.Content,
                HasPrevious = db.Messages.Any(p => p.RoomId == m.RoomId && p.Id < m.Id),
                PreviousSenderId = db.Messages.Where(p => p.RoomId == m.RoomId && p.Id < m.Id)
                    .OrderByDescending(p => p.Id).Select(p => p.SenderId).FirstOrDefault(),
            })
            .ToListAsync(ct);
        rows.Reverse();
        return rows.Select(r => new EvaluatedMessage(r.Content, r.HasPrevious && r.PreviousSenderId != userId)).ToList();
    }

    private static async Task<List<SkillProgressView>> LoadSkillViewsAsync(AppDbContext db, string userId, CancellationToken ct)
    {
        var skills = await db.UserSkills.Where(s => s.UserId == userId)
            .Select(s => new { s.SkillId, s.Skill!.Name, s.Skill.Description, s.Level, s.TargetLevel, s.Progress })
            .ToListAsync(ct);
        var focus = await db.Trainings.Where(t => t.UserId == userId && t.Status == TrainingStatus.Active)
            .Select(t => new { t.SkillId, t.Focus })
            .ToListAsync(ct);
        return skills
            .OrderBy(s => s.SkillId)
            .Select(s => new SkillProgressView(s.SkillId, s.Name, s.Description, s.Level, s.TargetLevel, s.Progress,
                focus.FirstOrDefault(f => f.SkillId == s.SkillId)?.Focus ?? DefaultTrainingPlan.FocusFor(s.SkillId),
                SkillProgression.TrainingProgress(s.Level, s.Progress, s.TargetLevel)))
            .ToList();
    }

    /// <summary>The skill furthest from its target (lowest training progress; the first skill on a tie).</summary>
    private static TrainingFocus? FocusOf(IReadOnlyList<SkillProgressView> skills) =>
        skills.OrderBy(s => s.TrainingProgress).ThenBy(s => s.SkillId)
            .Select(s => new TrainingFocus(s.SkillId, s.Name, s.Focus, s.Level, s.TargetLevel))
            .FirstOrDefault();

    /// <summary>A level-up is celebrated; otherwise the weakest skill of this batch gets one of its tips, in turn.</summary>
    private static CoachingHint HintFor(EvaluationOutcome outcome, int evaluationNumber)
    {
        if (outcome.LevelUps.Count > 0)
        {
            var (skillId, name, level) = outcome.LevelUps[0];
            return new CoachingHint($"Nice work: your {name} reached level {level}. Keep it up!", skillId, name);
        }
        var weakest = outcome.Evaluation.Scores.OrderBy(s => s.Score).ThenBy(s => s.SkillId).First();
        var skillName = outcome.SkillNames.GetValueOrDefault(weakest.SkillId, "this skill");
        if (weakest.Score >= 80)
            return new CoachingHint("Your recent messages were warm, clear and engaging. Keep it up!", weakest.SkillId, skillName);
        var tips = DefaultTrainingPlan.TipsBySkill[weakest.SkillId];
        return new CoachingHint($"{skillName}: {tips[evaluationNumber % tips.Length]}", weakest.SkillId, skillName);
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];
}
