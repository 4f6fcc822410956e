using System.ComponentModel;
using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Socializer.Core.Assistant;

namespace Socializer.Core.Coaching;

/// <summary>
/// Evaluates with the configured model (structured output) when an <see cref="IChatClient"/> is registered and it is
/// not the offline assistant, and
/// falls back to the <see cref="HeuristicCommunicationEvaluator"/> when none is, or when the model fails or answers
/// out of shape. The client is resolved in a scope of its own per evaluation (it may be registered scoped).
/// </summary>
public sealed class ModelCommunicationEvaluator(
    IServiceScopeFactory scopes,
    HeuristicCommunicationEvaluator heuristic,
    ILogger<ModelCommunicationEvaluator> logger) : ICommunicationEvaluator
{
    /// <summary>The shape the model must answer in: 0–100 per skill and one sentence on why.</summary>
    public sealed record ModelScores(
        [property: Description("0-100: acknowledging others' feelings")] double Empathy,
        [property: Description("0-100: asking follow-up questions, reflecting back")] double ActiveListening,
        [property: Description("0-100: clear, calm, easy to follow")] double Clarity,
        [property: Description("0-100: answering and including others")] double Engagement,
        [property: Description("One short, kind sentence explaining the scores")] string? Notes);

    public async Task<CommunicationEvaluation> EvaluateAsync(IReadOnlyList<EvaluatedMessage> messages, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var client = scope.ServiceProvider.GetService<IChatClient>();
        // The offline assistant is registered as an IChatClient too, but it cannot score messages: never ask it.
        if (client is null || scope.ServiceProvider.GetService<AssistantOptions>() is { IsOffline: true })
            return await heuristic.EvaluateAsync(messages, ct);
        try
        {
            var response = await client.GetResponseAsync<ModelScores>(Prompt(messages), new ChatOptions { Temperature = 0 }, cancellationToken: ct);
            if (response.TryGetResult(out var scores) && InRange(scores))
            {
                var notes = string.IsNullOrWhiteSpace(scores.Notes) ? "Scored by the model." : scores.Notes.Trim();
                return new CommunicationEvaluation(response.ModelId ?? "model",
                [
                    new SkillScore(SkillIds.Empathy, scores.Empathy, notes),
                    new SkillScore(SkillIds.ActiveListening, scores.ActiveListening, notes),
                    new SkillScore(SkillIds.Clarity, scores.Clarity, notes),
                    new SkillScore(SkillIds.Engagement, scores.Engagement, notes),
                ]);
            }
            logger.LogWarning("The model's evaluation was out of shape; using the heuristic evaluator");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogWarning(ex, "The model evaluation failed; using the heuristic evaluator");
        }
        return await heuristic.EvaluateAsync(messages, ct);
    }

    private static bool InRange(ModelScores s) =>
        new[] { s.Empathy, s.ActiveListening, s.Clarity, s.Engagement }.All(v => v is >= 0 and <= 100);

    private static string Prompt(IReadOnlyList<EvaluatedMessage> messages)
    {
        var text = new StringBuilder()
            .AppendLine("You are a kind social-skills coach. Score the following chat messages, all written by one person,")
            .AppendLine("from 0 to 100 on empathy, active listening, clarity and engagement. Judge only these messages.")
            .AppendLine("Messages (\"reply\" marks an answer to someone else):");
        foreach (var message in messages)
            text.Append("- ").Append(message.RepliesToSomeoneElse ? "(reply) " : "").AppendLine(message.Content.ReplaceLineEndings(" "));
        return text.ToString();
    }
}
