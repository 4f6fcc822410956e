using System.Globalization;
using System.Text.RegularExpressions;

namespace Socializer.Core.Translation;

/// <summary>Language codes as the app stores them: lower-case ISO 639-1 ("en", "es"), region dropped.</summary>
public static partial class Languages
{
    /// <summary>"es-MX" → "es", "EN" → "en"; null for anything that is not a language code.</summary>
    public static string? Normalize(string? code)
    {
        if (string.IsNullOrWhiteSpace(code)) return null;
        var match = CodePattern().Match(code.Trim());
        return match.Success ? match.Groups[1].Value.ToLowerInvariant() : null;
    }

    /// <summary>"es" → "Spanish"; the code itself when .NET does not know it.</summary>
    public static string DisplayName(string code)
    {
        try
        {
            var culture = CultureInfo.GetCultureInfo(code);
            return culture.EnglishName.StartsWith("Unknown", StringComparison.Ordinal) ? code : culture.EnglishName;
        }
        catch (CultureNotFoundException)
        {
            return code;
        }
    }

    [GeneratedRegex(@"^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{2,8})*$")]
    private static partial Regex CodePattern();
}
