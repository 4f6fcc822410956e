namespace Socializer.Core.Translation;

/// <summary>
/// The checks every translator makes before translating: text present and not too long, target a language code,
/// source given or detected. Shared so the engines and the chain in front of them refuse and detect alike.
/// </summary>
public sealed record TranslationRequest(string Text, string? Source, string Target)
{
    public const int MaxTextLength = 5000;

    /// <exception cref="ArgumentException">Empty or too long text, or a malformed language code.</exception>
    public static TranslationRequest Create(string text, string to, string? from, ILanguageDetector detector)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new ArgumentException("There is no text to translate.", nameof(text));
        if (text.Length > MaxTextLength) throw new ArgumentException($"Text longer than {MaxTextLength} characters can't be translated.", nameof(text));
        var target = Languages.Normalize(to) ?? throw new ArgumentException($"'{to}' is not a language code.", nameof(to));
        var source = from is null
            ? detector.Detect(text).Language
            : Languages.Normalize(from) ?? throw new ArgumentException($"'{from}' is not a language code.", nameof(from));
        return new TranslationRequest(text, source, target);
    }

    /// <summary>The answer before any engine runs: undetectable source or nothing to translate; null when an engine must work.</summary>
    public TranslationResult? Settled => Source switch
    {
        null => TranslationResult.NotAvailable(null, Target, "The language of the text could not be detected."),
        var s when s == Target => new TranslationResult(TranslationStatus.SameLanguage, null, s, Target, null, null),
        _ => null,
    };
}
