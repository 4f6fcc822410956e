namespace Socializer.Core.Coaching;

/// <summary>One skill in a user's plan, as the Training page and the assistant show it.</summary>
/// <param name="Progress">0–100 towards the next level.</param>
/// <param name="TrainingProgress">0–100 from level 1 towards <paramref name="TargetLevel"/>.</param>
public sealed record SkillProgressView(
    int SkillId, string Name, string Description, int Level, int TargetLevel, double Progress,
    string Focus, double TrainingProgress);

/// <summary>One point of the progress chart: an evaluation of one skill.</summary>
public sealed record EvaluationPoint(int SkillId, string SkillName, DateTime EvaluatedAt, double Score, int LevelAfter, string Evaluator);

/// <summary>The skill to work on now: the one furthest from its target.</summary>
public sealed record TrainingFocus(int SkillId, string SkillName, string Focus, int Level, int TargetLevel);

/// <summary>A user's whole training picture.</summary>
/// <param name="History">Evaluations, oldest first (at most <see cref="CoachingService.HistoryLimit"/>).</param>
public sealed record TrainingOverview(
    IReadOnlyList<SkillProgressView> Skills, IReadOnlyList<EvaluationPoint> History, TrainingFocus? CurrentFocus,
    int RoomMessagesSent, int MessagesUntilNextEvaluation);

/// <summary>A gentle, private hint for the sender after an evaluation.</summary>
public sealed record CoachingHint(string Text, int SkillId, string SkillName);

/// <summary>
/// What the sender (and only the sender) may be shown after a room message: a coaching hint after an evaluation,
/// and kinder-wording suggestions. Both are null when there is nothing to say or the user turned hints off.
/// </summary>
public sealed record RoomMessageFeedback(bool Evaluated, CoachingHint? Hint, SensitivityReport? Sensitivity);
