namespace Socializer.Core.Translation;

public enum TranslationStatus
{
    /// <summary>Translated by a machine: show it marked as machine translation, naming <see cref="TranslationResult.Engine"/>.</summary>
    Translated = 0,
    /// <summary>The text is already in the target language; nothing to do.</summary>
    SameLanguage = 1,
    /// <summary>No installed engine translates between these languages (or the source language could not be told).</summary>
    PairNotAvailable = 2,
    /// <summary>The engine was there but failed or timed out; <see cref="TranslationResult.Problem"/> says which.</summary>
    Failed = 3,
}

/// <summary>The outcome of a translation. <see cref="Text"/> is set only when <see cref="Status"/> is Translated.</summary>
public sealed record TranslationResult(
    TranslationStatus Status, string? Text, string? SourceLanguage, string TargetLanguage, string? Engine, string? Problem)
{
    public bool IsTranslated => Status == TranslationStatus.Translated;

    /// <summary>Translated by a language model rather than a rule-based engine such as apertium.</summary>
    public bool IsAiTranslation => IsTranslated && ModelTranslator.IsModelEngine(Engine);

    /// <summary>"Machine translation from Spanish (apertium)": the caption to show under a translated text.</summary>
    public string? Caption => IsTranslated
        ? $"Machine translation from {Languages.DisplayName(SourceLanguage ?? "?")} ({Engine})"
        : null;

    public static TranslationResult NotAvailable(string? from, string to, string why) =>
        new(TranslationStatus.PairNotAvailable, null, from, to, null, why);
}

/// <summary>
/// Translates text between languages (ISO 639-1 codes). The one interface the chat, the API and the assistant use,
/// whatever engine is behind it.
/// </summary>
public interface ITranslator
{
    /// <summary>Whether a translation from one language to another is available (codes are normalised first).</summary>
    bool IsPairAvailable(string from, string to);

    /// <summary>
    /// Translates <paramref name="text"/> into <paramref name="to"/>; the source language is detected when
    /// <paramref name="from"/> is null. Never throws for an unavailable pair or an engine failure: the status says so.
    /// </summary>
    /// <exception cref="ArgumentException">Empty or too long text, or a malformed language code.</exception>
    Task<TranslationResult> TranslateAsync(string text, string to, string? from, CancellationToken ct);
}
