using Socializer.Core.Coaching;

namespace Socializer.Tests.Core.Coaching;

/// <summary>The offline evaluator on labelled examples: warm, attentive messages score high; curt ones low.</summary>
public sealed class HeuristicEvaluatorTests
{
    private static double ScoreOf(CommunicationEvaluation evaluation, int skillId) =>
        evaluation.Scores.Single(s => s.SkillId == skillId).Score;

    private static readonly EvaluatedMessage[] Attentive =
    [
        new("Thanks for telling me, that sounds really stressful for you.", true),
        new("What happened after the meeting with your boss?", true),
        new("So you mean they changed the plan without asking you?", true),
        new("I understand why you feel upset about it.", true),
        new("How are you feeling about going back tomorrow?", true),
    ];

    private static readonly EvaluatedMessage[] Curt =
    [
        new("ok", false),
        new("WHATEVER I DONT CARE!!!", false),
        new("idk u r wrong", false),
        new("no", false),
        new("fine", false),
    ];

    [Fact]
    public void Attentive_messages_score_high_on_every_skill()
    {
        var evaluation = HeuristicCommunicationEvaluator.Evaluate(Attentive);

        Assert.Equal(HeuristicCommunicationEvaluator.EvaluatorName, evaluation.Evaluator);
        Assert.Equal(100, ScoreOf(evaluation, SkillIds.Empathy));
        Assert.Equal(100, ScoreOf(evaluation, SkillIds.ActiveListening));
        Assert.Equal(100, ScoreOf(evaluation, SkillIds.Clarity));
        Assert.Equal(100, ScoreOf(evaluation, SkillIds.Engagement));
    }

    [Fact]
    public void Curt_messages_score_low_on_every_skill()
    {
        var evaluation = HeuristicCommunicationEvaluator.Evaluate(Curt);

        Assert.Equal(0, ScoreOf(evaluation, SkillIds.Empathy));
        Assert.Equal(0, ScoreOf(evaluation, SkillIds.ActiveListening));
        Assert.True(ScoreOf(evaluation, SkillIds.Clarity) < 70, $"clarity {ScoreOf(evaluation, SkillIds.Clarity)}");
        Assert.True(ScoreOf(evaluation, SkillIds.Engagement) < 20, $"engagement {ScoreOf(evaluation, SkillIds.Engagement)}");
    }

    [Theory]
    [InlineData("Could you send me the agenda before Friday, please?", 100)]
    [InlineData("ok", 70)]
    [InlineData("WHY IS NOBODY ANSWERING MY QUESTION", 70)]
    [InlineData("what???", 50)]
    [InlineData("idk u r late", 70)]
    public void Clarity_follows_the_documented_penalties(string text, double expected) =>
        Assert.Equal(expected, HeuristicCommunicationEvaluator.ClarityOf(text));

    [Fact]
    public void Engagement_rewards_answering_addressing_and_substance()
    {
        Assert.Equal(100, HeuristicCommunicationEvaluator.EngagementOf(new("@ana I liked your idea about the trip", true)));
        Assert.Equal(50, HeuristicCommunicationEvaluator.EngagementOf(new("yes", true)));
        Assert.Equal(25, HeuristicCommunicationEvaluator.EngagementOf(new("The weather is nice here today", false)));
    }

    [Fact]
    public void The_same_messages_always_get_the_same_scores_and_notes()
    {
        var first = HeuristicCommunicationEvaluator.Evaluate(Attentive.Concat(Curt).ToArray());
        var second = HeuristicCommunicationEvaluator.Evaluate(Attentive.Concat(Curt).ToArray());

        Assert.Equal(first.Scores, second.Scores);
        Assert.Contains("3 of 10 messages", first.Scores.Single(s => s.SkillId == SkillIds.ActiveListening).Notes, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_batch_is_refused() =>
        Assert.Throws<ArgumentException>(() => HeuristicCommunicationEvaluator.Evaluate([]));

    [Theory]
    [InlineData(1, 0, 100, 1, 50)]
    [InlineData(1, 60, 100, 2, 10)]
    [InlineData(1, 30, 0, 1, 0)]
    [InlineData(3, 80, 70, 4, 0)]
    [InlineData(UserSkill.MaxLevel, 90, 100, UserSkill.MaxLevel, 100)]
    public void Progression_moves_by_score_minus_fifty_and_never_takes_a_level_away(int level, double progress, double score, int expectedLevel, double expectedProgress) =>
        Assert.Equal((expectedLevel, expectedProgress), SkillProgression.Apply(level, progress, score));
}
