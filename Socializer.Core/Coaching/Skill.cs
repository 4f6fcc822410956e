using Socializer.Core.Accounts;

namespace Socializer.Core.Coaching;

/// <summary>A social skill the coach trains (empathy, active listening, clarity, engagement).</summary>
public class Skill
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";

    public static readonly (int Id, string Name, string Description)[] Defaults =
    [
        (1, "Empathy", "Noticing and acknowledging how others feel."),
        (2, "Active listening", "Showing you heard: asking, reflecting, following up."),
        (3, "Clarity", "Saying what you mean in a way others understand."),
        (4, "Engagement", "Keeping a conversation going and including others."),
    ];
}

/// <summary>A user's current standing in one skill.</summary>
public class UserSkill
{
    public const int MaxLevel = 10;

    public string UserId { get; set; } = "";
    public AppUser? User { get; set; }
    public int SkillId { get; set; }
    public Skill? Skill { get; set; }

    /// <summary>1 to MaxLevel.</summary>
    public int Level { get; set; } = 1;
    public int TargetLevel { get; set; } = 5;

    /// <summary>0 to 100: progress towards the next level.</summary>
    public double Progress { get; set; }
    public DateTime UpdatedAt { get; set; } = DateTime.UtcNow;
}

public enum TrainingStatus { Active = 0, Completed = 1, Paused = 2 }

/// <summary>A training goal in a user's plan: one skill, a focus in words, progress.</summary>
public class Training
{
    public int Id { get; set; }
    public string UserId { get; set; } = "";
    public AppUser? User { get; set; }
    public int SkillId { get; set; }
    public Skill? Skill { get; set; }
    public string Focus { get; set; } = "";
    public TrainingStatus Status { get; set; }
    public double Progress { get; set; }
    public DateTime StartedAt { get; set; } = DateTime.UtcNow;
    public DateTime? CompletedAt { get; set; }
}

/// <summary>One evaluation of a user's recent messages for one skill: the history behind the progress chart.</summary>
public class SkillEvaluation
{
    public long Id { get; set; }
    public string UserId { get; set; } = "";
    public AppUser? User { get; set; }
    public int SkillId { get; set; }
    public Skill? Skill { get; set; }

    /// <summary>0 to 100.</summary>
    public double Score { get; set; }
    public int LevelAfter { get; set; }

    /// <summary>"heuristic" or a model name.</summary>
    public string Evaluator { get; set; } = "";
    public string? Notes { get; set; }
    public DateTime EvaluatedAt { get; set; } = DateTime.UtcNow;
}
