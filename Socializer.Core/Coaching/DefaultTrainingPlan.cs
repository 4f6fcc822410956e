namespace Socializer.Core.Coaching;

/// <summary>
/// The plan every user starts with: the four default skills at level 1, target level 5, each with a focus in
/// words, and the tips a hint picks from when that skill scored lowest.
/// </summary>
public static class DefaultTrainingPlan
{
    public const int StartLevel = 1;
    public const int StartTarget = 5;

    /// <summary>How many levels a completed training raises the target by.</summary>
    public const int TargetStep = 2;

    public static readonly IReadOnlyDictionary<int, string> FocusBySkill = new Dictionary<int, string>
    {
        [SkillIds.Empathy] = "Acknowledge how the other person feels before you answer.",
        [SkillIds.ActiveListening] = "Ask a follow-up question or reflect back what you heard.",
        [SkillIds.Clarity] = "Keep messages clear: one idea per sentence, no shouting.",
        [SkillIds.Engagement] = "Reply to others and invite them into the conversation.",
    };

    public static readonly IReadOnlyDictionary<int, string[]> TipsBySkill = new Dictionary<int, string[]>
    {
        [SkillIds.Empathy] =
        [
            "Try naming a feeling you notice: \"that sounds frustrating\" goes a long way.",
            "A short \"thanks for sharing\" shows people you value what they said.",
        ],
        [SkillIds.ActiveListening] =
        [
            "Ask one follow-up question about what someone just said.",
            "Reflect back before you reply: \"so you mean…?\" shows you listened.",
        ],
        [SkillIds.Clarity] =
        [
            "Shorter sentences are easier to follow: try one idea per sentence.",
            "Skip the all-caps and the \"!!!\": calm text reads clearer.",
        ],
        [SkillIds.Engagement] =
        [
            "Answer someone directly (use their name) to keep the conversation going.",
            "Invite a quieter member in: \"what do you think?\"",
        ],
    };

    public static string FocusFor(int skillId) =>
        FocusBySkill.TryGetValue(skillId, out var focus) ? focus : "Keep practising.";
}

/// <summary>The ids of the seeded default skills (see <see cref="Skill.Defaults"/>).</summary>
public static class SkillIds
{
    public const int Empathy = 1;
    public const int ActiveListening = 2;
    public const int Clarity = 3;
    public const int Engagement = 4;

    public static readonly int[] All = [Empathy, ActiveListening, Clarity, Engagement];
}
