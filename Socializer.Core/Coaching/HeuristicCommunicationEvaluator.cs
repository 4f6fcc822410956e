using System.Globalization;
using System.Text.RegularExpressions;

namespace Socializer.Core.Coaching;

/// <summary>
/// The offline evaluator: transparent surface rules, deterministic (same messages, same scores). Each skill
/// gets 0–100 from the batch of messages:
/// <list type="bullet">
/// <item><b>Empathy</b>: share of messages with an acknowledging word or phrase ("thanks", "sorry", "I understand",
/// "that sounds…", "how are you", "congrats"…). 40 % or more of the messages scores 100.</item>
/// <item><b>Active listening</b>: share of messages that ask a question ("?" or an opening question word) or reflect
/// back ("you mean", "so you", "tell me more"…). Half the messages or more scores 100.</item>
/// <item><b>Clarity</b>: each message starts at 100 and loses points for being a fragment (under 3 words, −30),
/// long sentences (over 25 words, −30), shouting (mostly capitals, −30), piled-up punctuation ("!!!", "???", −20),
/// and text-speak ("u", "idk"…, −10 each, at most −30). The score is the average.</item>
/// <item><b>Engagement</b>: each message earns 50 for answering someone else's message, 25 for addressing a person
/// ("you", "@name") and 25 for having substance (5 words or more). The score is the average.</item>
/// </list>
/// English phrases carry most of the weight, with a few common Spanish, French, Portuguese and Italian ones.
/// </summary>
public sealed partial class HeuristicCommunicationEvaluator : ICommunicationEvaluator
{
    public const string EvaluatorName = "heuristic";

    private const double EmpathyFullShare = 0.4;
    private const double ListeningFullShare = 0.5;

    public Task<CommunicationEvaluation> EvaluateAsync(IReadOnlyList<EvaluatedMessage> messages, CancellationToken ct) =>
        Task.FromResult(Evaluate(messages));

    public static CommunicationEvaluation Evaluate(IReadOnlyList<EvaluatedMessage> messages)
    {
        if (messages.Count == 0) throw new ArgumentException("There are no messages to evaluate.", nameof(messages));
        var n = messages.Count;

        var acknowledging = messages.Count(m => Acknowledging().IsMatch(m.Content));
        var listening = messages.Count(m => AsksQuestion(m.Content) || Reflecting().IsMatch(m.Content));
        var clarity = messages.Select(m => ClarityOf(m.Content)).Average();
        var engagement = messages.Select(EngagementOf).Average();

        return new CommunicationEvaluation(EvaluatorName,
        [
            new SkillScore(SkillIds.Empathy, ShareScore(acknowledging, n, EmpathyFullShare),
                Invariant($"{acknowledging} of {n} messages acknowledged the other person.")),
            new SkillScore(SkillIds.ActiveListening, ShareScore(listening, n, ListeningFullShare),
                Invariant($"{listening} of {n} messages asked a question or reflected back.")),
            new SkillScore(SkillIds.Clarity, Math.Round(clarity, 1),
                Invariant($"Average clarity {clarity:0} of 100 (fragments, long sentences, shouting and text-speak cost points).")),
            new SkillScore(SkillIds.Engagement, Math.Round(engagement, 1),
                Invariant($"Average engagement {engagement:0} of 100 (answering others, addressing people, substance).")),
        ]);
    }

    private static double ShareScore(int hits, int total, double fullShare) =>
        Math.Round(Math.Min(1.0, hits / (double)total / fullShare) * 100, 1);

    public static bool AsksQuestion(string text) => text.Contains('?', StringComparison.Ordinal) || OpeningQuestion().IsMatch(text);

    /// <summary>0–100 for one message; see the class summary for the rules.</summary>
    public static double ClarityOf(string text)
    {
        var words = Words(text);
        double score = 100;
        if (words.Length < 3) score -= 30;
        if (SentenceSplit().Split(text).Any(s => Words(s).Length > 25)) score -= 30;
        if (IsShouting(text)) score -= 30;
        if (PiledPunctuation().IsMatch(text)) score -= 20;
        score -= Math.Min(30, 10 * words.Count(w => TextSpeak.Contains(w)));
        return Math.Max(0, score);
    }

    /// <summary>0–100 for one message; see the class summary for the rules.</summary>
    public static double EngagementOf(EvaluatedMessage message)
    {
        double score = 0;
        if (message.RepliesToSomeoneElse) score += 50;
        if (Addressing().IsMatch(message.Content)) score += 25;
        if (Words(message.Content).Length >= 5) score += 25;
        return score;
    }

    private static bool IsShouting(string text)
    {
        var letters = text.Where(char.IsLetter).ToList();
        return letters.Count >= 8 && letters.Count(char.IsUpper) > letters.Count * 0.7;
    }

    private static string[] Words(string text) =>
        WordPattern().Matches(text).Select(m => m.Value.ToLowerInvariant()).ToArray();

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private static readonly HashSet<string> TextSpeak = ["u", "r", "ur", "idk", "imo", "tbh", "pls", "plz", "thx", "bc", "ya", "wat", "y"];

    [GeneratedRegex(@"\b(thanks?|thank you|thx|sorry|appreciate\w*|glad|i understand|i see|i hear you|that sounds|sounds like|must be|hope you|how are you|how do you feel|how was|congrat\w*|well done|good point|great idea|i agree|no worries|take care|feel\w*|gracias|lo siento|entiendo|felicidades|merci|désolée?|obrigad[oa]|grazie|mi dispiace)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Acknowledging();

    [GeneratedRegex(@"\b(you mean|so you|sounds like|if i understand|in other words|you said|you mentioned|tell me more|what happened|go on|quieres decir|tu veux dire)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Reflecting();

    [GeneratedRegex(@"^\s*(what|how|why|when|where|who|which|do you|did you|are you|have you|can you|could you|would you|qué|cómo|por qué|cuándo|dónde|quién)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OpeningQuestion();

    [GeneratedRegex(@"(@\w+|\b(you|your|yours|you're|tú|usted|vous|tu|você)\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Addressing();

    [GeneratedRegex(@"[!?]{3,}")]
    private static partial Regex PiledPunctuation();

    [GeneratedRegex(@"[.!?]+\s+")]
    private static partial Regex SentenceSplit();

    [GeneratedRegex(@"[\p{L}\p{N}']+")]
    private static partial Regex WordPattern();
}
