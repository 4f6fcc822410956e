namespace Socializer.Core.Coaching;

/// <summary>
/// How one evaluation moves a skill: progress changes by (score − 50), so a great batch (100) adds 50 points
/// and a poor one (0) takes 50 away; every 100 points is a level. Levels are never taken away (progress stops
/// at 0): the coach encourages, it does not punish a bad day.
/// </summary>
public static class SkillProgression
{
    public const double Neutral = 50;
    public const double PointsPerLevel = 100;

    public static (int Level, double Progress) Apply(int level, double progress, double score)
    {
        progress += Math.Clamp(score, 0, 100) - Neutral;
        while (progress >= PointsPerLevel && level < UserSkill.MaxLevel)
        {
            level++;
            progress -= PointsPerLevel;
        }
        progress = level >= UserSkill.MaxLevel ? Math.Min(progress, PointsPerLevel) : progress;
        return (level, Math.Round(Math.Max(0, progress), 1));
    }

    /// <summary>0–100: how far from level 1 towards the target level the user is.</summary>
    public static double TrainingProgress(int level, double progress, int targetLevel)
    {
        if (targetLevel <= 1) return 100;
        var done = level - 1 + progress / PointsPerLevel;
        return Math.Round(Math.Clamp(done / (targetLevel - 1) * 100, 0, 100), 1);
    }
}
