namespace Socializer.Core.Security;

/// <summary>
/// What text from a person may contain. Control characters (NUL, bell, escape sequences...) are refused: they have
/// no meaning in a chat, some break other programs (NUL ends C strings; ESC drives terminals reading logs), and
/// a lone UTF-16 surrogate is not text at all. Line breaks and tabs are fine, and so are right-to-left marks and
/// zero-width joiners: those are part of how people write, and are stored and shown exactly as sent.
/// </summary>
public static class UserText
{
    /// <summary>Why <paramref name="text"/> is not acceptable, or null when it is.</summary>
    public static string? Problem(string? text)
    {
        if (text is null) return null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }
            if (char.IsSurrogate(c)) return $"The text contains a broken character (an unpaired UTF-16 surrogate) at position {i + 1}.";
            if (char.IsControl(c) && c is not ('\n' or '\r' or '\t'))
                return $"The text contains a control character (U+{(int)c:X4}) at position {i + 1}; only letters, symbols, spaces, tabs and line breaks are allowed.";
        }
        return null;
    }

    /// <summary>Throws <see cref="ArgumentException"/> (naming <paramref name="field"/>) when the text is not acceptable.</summary>
    public static void Require(string? text, string field)
    {
        if (Problem(text) is { } problem) throw new ArgumentException(problem, field);
    }
}
