using System.Text.RegularExpressions;

namespace Socializer.Core.Coaching;

/// <summary>One phrase that may land badly, why, and a kinder way to say it.</summary>
/// <param name="Phrase">The words as the sender wrote them.</param>
/// <param name="Start">Where they start in the checked text.</param>
public sealed record SensitivitySuggestion(string Phrase, int Start, string Reason, string Suggestion);

/// <summary>
/// What the check found. Advice for the sender only: the message is never blocked or changed.
/// <see cref="SuggestedRewrite"/> is the text with the direct replacements applied, when there are any.
/// <see cref="Checker"/> names what checked it ("lexicon" or the model); <see cref="Fallback"/> says why the lexicon
/// answered when a model is configured but could not be used.
/// </summary>
public sealed record SensitivityReport(IReadOnlyList<SensitivitySuggestion> Suggestions, string? SuggestedRewrite, string Checker, string? Fallback = null)
{
    public bool HasSuggestions => Suggestions.Count > 0;
}

/// <summary>Checks a message for unkind or insensitive phrasing and suggests kinder wording.</summary>
public interface ICulturalSensitivityChecker
{
    Task<SensitivityReport> CheckAsync(string text, CancellationToken ct);
}

/// <summary>
/// The offline checker: a small lexicon of phrases that tend to hurt (insults, dismissive phrases, ableist,
/// othering or dated terms), each with the reason and a kinder alternative. Matching is whole-word and
/// case-insensitive, so "scrap" never matches "crap" and "Calm down" matches "calm down".
/// </summary>
public sealed partial class LexiconSensitivityChecker : ICulturalSensitivityChecker
{
    public const string CheckerName = "lexicon";

    /// <param name="Replacement">A drop-in replacement for the rewrite, or null when the sentence needs rethinking instead.</param>
    private sealed record Entry(Regex Pattern, string Reason, string Suggestion, string? Replacement);

    private static Entry E(string pattern, string reason, string suggestion, string? replacement = null) =>
        new(new Regex($@"\b(?:{pattern})\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(200)),
            reason, suggestion, replacement);

    private static readonly Entry[] Lexicon =
    [
        E("shut up", "Tells someone to stop talking; it ends the conversation.", "Could we pause this for a moment?"),
        E("you(?:'re| are) (?:so )?(?:stupid|dumb|an idiot|a moron|an? loser)", "Calls the person names instead of talking about the idea.", "I see this differently."),
        E("stupid|dumb|idiotic|idiot|moron(?:ic)?", "Insulting words hurt even when aimed at an idea.", "Say what you disagree with: \"I don't think that will work because…\""),
        E("whatever", "Sounds dismissive of what the other person said.", "I see your point, but I feel differently.", "I see your point"),
        E("calm down", "Usually heard as dismissing someone's feelings.", "I can tell this matters to you.", "I can tell this matters to you"),
        E("no offen[cs]e,? but", "Usually announces something offensive.", "Say it kindly and directly, without the disclaimer.", ""),
        E("you people", "Lumps people into a group and sounds othering.", "Address people directly: \"you all\" or \"everyone\".", "you all"),
        E("you always|you never", "Sweeping generalisations make people defensive.", "Talk about a specific moment: \"this time it felt like…\""),
        E("crazy|insane|psycho|nuts", "Uses mental health as an insult.", "Try \"surprising\", \"wild\" or \"unbelievable\".", "wild"),
        E("retard(?:ed)?|lame", "An ableist word that hurts disabled people.", "Try \"frustrating\" or \"disappointing\".", "frustrating"),
        E("that(?:'s| is) so gay", "Uses an identity as an insult.", "Say what you mean: \"that's so annoying\".", "that's so annoying"),
        E("man up", "Ties courage to gender.", "Try \"be brave\" or \"you've got this\".", "be brave"),
        E("like a girl", "Uses gender as an insult.", "Describe the action itself: \"weakly\", \"half-heartedly\".", "half-heartedly"),
        E("illegal aliens?|illegals", "Dehumanising when said about people.", "Try \"undocumented immigrants\".", "undocumented immigrants"),
        E("third[- ]world countr(?:y|ies)", "A dated, ranking label.", "Try \"developing country\" or name the country.", "developing country"),
        E("oriental", "Dated and exoticising when said about people.", "Try \"Asian\" or the specific nationality.", "Asian"),
        E("gypped|gyped|jewed", "Based on an ethnic slur.", "Try \"cheated\" or \"ripped off\".", "cheated"),
        E("spirit animal", "Borrows a sacred idea from Indigenous cultures.", "Try \"kindred spirit\" or \"role model\".", "kindred spirit"),
        E("speak english", "Excludes people who write in another language.", "The assistant can translate: everyone may write in their own language."),
        E("hey guys|hi guys", "Not everyone identifies as one of the guys.", "Try \"hi everyone\" or \"hi all\".", "hi everyone"),
    ];

    public Task<SensitivityReport> CheckAsync(string text, CancellationToken ct) => Task.FromResult(Check(text));

    public static SensitivityReport Check(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var found = new List<(Match Match, Entry Entry)>();
        foreach (var entry in Lexicon)
            foreach (Match match in entry.Pattern.Matches(text))
                if (!found.Any(f => Overlaps(f.Match, match)))
                    found.Add((match, entry));
        found.Sort((a, b) => a.Match.Index.CompareTo(b.Match.Index));

        var suggestions = found.Select(f => new SensitivitySuggestion(f.Match.Value, f.Match.Index, f.Entry.Reason, f.Entry.Suggestion)).ToList();
        return new SensitivityReport(suggestions, Rewrite(text, found), CheckerName);
    }

    private static bool Overlaps(Match a, Match b) => a.Index < b.Index + b.Length && b.Index < a.Index + a.Length;

    private static string? Rewrite(string text, List<(Match Match, Entry Entry)> found)
    {
        var replaceable = found.Where(f => f.Entry.Replacement is not null).ToList();
        if (replaceable.Count == 0) return null;
        var result = text;
        foreach (var (match, entry) in replaceable.OrderByDescending(f => f.Match.Index))
            result = result[..match.Index] + entry.Replacement + result[(match.Index + match.Length)..];
        return MultipleSpaces().Replace(result, " ").Trim();
    }

    [GeneratedRegex(@"[ \t]{2,}")]
    private static partial Regex MultipleSpaces();
}
