using System.Text.RegularExpressions;

namespace Socializer.Core.RoomFollowUp;

/// <summary>
/// Recognises a short message that says "I didn't get that" ("???", "what do you mean?", "no entiendo"):
/// only short messages count, so a long message that merely contains "what do you mean" is not taken for confusion.
/// </summary>
public static partial class ConfusionDetector
{
    public const int MaxLength = 80;

    public static bool IsConfusion(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return false;
        var trimmed = text.Trim();
        return trimmed.Length <= MaxLength && (OnlyQuestionMarks().IsMatch(trimmed) || ConfusedPhrase().IsMatch(trimmed));
    }

    [GeneratedRegex(@"^[?¿!\s]*\?{2,}[?!\s]*$")]
    private static partial Regex OnlyQuestionMarks();

    [GeneratedRegex(
        @"\b(?:what do you mean|what does (?:that|this|it) mean|what(?:'s| is) that supposed to mean|i (?:don'?t|do not) (?:understand|get it)|(?:didn'?t|did not) (?:understand|get (?:that|it))|not sure what you mean|huh\b|no (?:te )?entiendo|qué quieres decir|que quieres decir|je ne comprends pas|não entendi)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ConfusedPhrase();
}
