namespace Socializer.Core.Coaching;

/// <summary>One of a user's room messages as the evaluator sees it.</summary>
/// <param name="Content">The text the user wrote.</param>
/// <param name="RepliesToSomeoneElse">The message before it in the room came from someone else (a person or the assistant).</param>
public sealed record EvaluatedMessage(string Content, bool RepliesToSomeoneElse);

/// <summary>A 0–100 score for one skill, with a plain-words reason.</summary>
public sealed record SkillScore(int SkillId, double Score, string Notes);

/// <summary>Scores for every default skill, and who produced them ("heuristic" or a model name).</summary>
public sealed record CommunicationEvaluation(string Evaluator, IReadOnlyList<SkillScore> Scores);

/// <summary>Scores a batch of a user's recent room messages on the four default skills.</summary>
public interface ICommunicationEvaluator
{
    Task<CommunicationEvaluation> EvaluateAsync(IReadOnlyList<EvaluatedMessage> messages, CancellationToken ct);
}
