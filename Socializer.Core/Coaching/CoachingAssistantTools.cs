using System.ComponentModel;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Socializer.Core.Assistant;

namespace Socializer.Core.Coaching;

/// <summary>The assistant's coaching tools (skills, training plan, "evaluate my communication", cultural check), bound to the signed-in user.</summary>
public sealed class CoachingAssistantTools(CoachingService coaching, ICulturalSensitivityChecker sensitivity, ILogger<CoachingAssistantTools> logger)
    : IAssistantToolSource
{
    public IEnumerable<AITool> CreateTools(AssistantToolContext context)
    {
        var userId = context.UserId;

        yield return AIFunctionFactory.Create(
            (CancellationToken ct) => ToolCall.SafeAsync(logger, "read your skills", () => SkillsAsync(userId, ct)),
            AssistantToolNames.GetMySkills, "The signed-in user's social skills and their levels.");

        yield return AIFunctionFactory.Create(
            (CancellationToken ct) => ToolCall.SafeAsync(logger, "read your training plan", () => TrainingAsync(userId, ct)),
            AssistantToolNames.GetMyTrainingPlan, "The signed-in user's training plan, current focus and progress.");

        yield return AIFunctionFactory.Create(
            (CancellationToken ct) => ToolCall.SafeAsync(logger, "evaluate your messages", () => EvaluateAsync(userId, ct)),
            AssistantToolNames.EvaluateMyCommunication,
            "Evaluate the signed-in user's most recent room messages (empathy, active listening, clarity, engagement). Stores nothing.");

        yield return AIFunctionFactory.Create(
            ([Description("The message to check.")] string text, CancellationToken ct) =>
                ToolCall.SafeAsync(logger, "check that message", () => CheckAsync(text, ct)),
            AssistantToolNames.CheckCulturalSensitivity, "Check a message for unkind or culturally insensitive wording and suggest kinder phrasing.");
    }

    private async Task<string> SkillsAsync(string userId, CancellationToken ct)
    {
        var training = await coaching.GetTrainingAsync(userId, ct);
        var text = new StringBuilder("Your social skills:\n\n");
        foreach (var s in training.Skills)
            text.Append(CultureInfo.InvariantCulture,
                $"- **{s.Name}**: level {s.Level} (target {s.TargetLevel}), {s.Progress:0}% of the way to level {Math.Min(s.Level + 1, UserSkill.MaxLevel)}\n");
        if (training.CurrentFocus is { } focus) text.Append(CultureInfo.InvariantCulture, $"\nWorth working on now: **{focus.SkillName}**.");
        return text.ToString().TrimEnd();
    }

    private async Task<string> TrainingAsync(string userId, CancellationToken ct)
    {
        var training = await coaching.GetTrainingAsync(userId, ct);
        var text = new StringBuilder();
        if (training.CurrentFocus is { } focus)
            text.Append(CultureInfo.InvariantCulture, $"Your current focus is **{focus.SkillName}**: {focus.Focus}\n\n");
        text.Append("Your training plan:\n\n");
        foreach (var s in training.Skills)
            text.Append(CultureInfo.InvariantCulture, $"- **{s.Name}** ({s.TrainingProgress:0}% towards level {s.TargetLevel}): {s.Focus}\n");
        text.Append(CultureInfo.InvariantCulture,
            $"\nYou have sent {training.RoomMessagesSent} room message(s); the next evaluation comes after {training.MessagesUntilNextEvaluation} more.");
        return text.ToString();
    }

    private async Task<string> EvaluateAsync(string userId, CancellationToken ct)
    {
        var evaluation = await coaching.AssessRecentMessagesAsync(userId, ct);
        if (evaluation is null) return "You haven't written in a room yet, so there is nothing to evaluate. Chat a little, then ask me again.";
        var text = new StringBuilder($"How your last {CoachingService.EvaluationInterval} room messages come across (by the {evaluation.Evaluator} evaluator; nothing was stored):\n\n");
        foreach (var score in evaluation.Scores.OrderBy(s => s.SkillId))
            text.Append(CultureInfo.InvariantCulture, $"- **{SkillName(score.SkillId)}**: {score.Score:0}/100. {score.Notes}\n");
        return text.ToString().TrimEnd();
    }

    private async Task<string> CheckAsync(string text, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new ArgumentException("there is no message to check.", nameof(text));
        var report = await sensitivity.CheckAsync(text, ct);
        if (!report.HasSuggestions) return "That reads as kind and respectful to me: I found nothing that is likely to hurt." + CheckedBy(report);
        var answer = new StringBuilder("A few words may land badly:\n\n");
        foreach (var s in report.Suggestions)
            answer.Append(CultureInfo.InvariantCulture, $"- \"{s.Phrase}\": {s.Reason} Try: \"{s.Suggestion}\".\n");
        if (report.SuggestedRewrite is { } rewrite) answer.Append(CultureInfo.InvariantCulture, $"\nA kinder version: \"{rewrite}\"");
        return answer.ToString().TrimEnd() + CheckedBy(report);
    }

    /// <summary>Says which checker answered, and why the word list stood in when a model is configured.</summary>
    private static string CheckedBy(SensitivityReport report) => report.Fallback is { } why
        ? $"\n\n*Checked with the built-in word list ({why}).*"
        : report.Checker == LexiconSensitivityChecker.CheckerName ? "" : $"\n\n*Checked by the {report.Checker}.*";

    private static string SkillName(int skillId) =>
        Skill.Defaults.FirstOrDefault(d => d.Id == skillId).Name ?? $"Skill {skillId}";
}
