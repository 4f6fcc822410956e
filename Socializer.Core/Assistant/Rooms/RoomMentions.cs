using System.Text.RegularExpressions;

namespace Socializer.Core.Assistant.Rooms;

/// <summary>How people call the assistant in a room: "@ai" or "hey ai", any case, as whole words ("@aida", "hey aiden" don't count).</summary>
public static partial class RoomMentions
{
    public static bool IsMention(string? text) => !string.IsNullOrEmpty(text) && Mention().IsMatch(text);

    /// <summary>The request without the call: "@ai what are my skills?" → "what are my skills?".</summary>
    public static string WithoutMention(string text)
    {
        var stripped = Mention().Replace(text, " ");
        return Spaces().Replace(stripped, " ").Trim().TrimStart(',', ':', '!', '-').Trim();
    }

    [GeneratedRegex(@"(?<![\w@])@ai(?!\w)[,:!]?|\bhey,?\s+ai\b[,:!]?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Mention();

    [GeneratedRegex(@"\s{2,}")]
    private static partial Regex Spaces();
}
