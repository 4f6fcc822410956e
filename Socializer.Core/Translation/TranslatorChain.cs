namespace Socializer.Core.Translation;

/// <summary>
/// The <see cref="ITranslator"/> the app uses: asks its engines in order (apertium first, then the configured model
/// when there is one) and returns the first translation. An engine that lacks the pair or fails hands over to the
/// next; when none translates, the answer is the last failure (the engine was there but did not work) or else
/// "not available for this pair". The source language is detected once, here.
/// </summary>
public sealed class TranslatorChain(IReadOnlyList<ITranslator> engines, ILanguageDetector detector) : ITranslator
{
    public IReadOnlyList<ITranslator> Engines => engines;

    public bool IsPairAvailable(string from, string to) => engines.Any(e => e.IsPairAvailable(from, to));

    public async Task<TranslationResult> TranslateAsync(string text, string to, string? from, CancellationToken ct)
    {
        var request = TranslationRequest.Create(text, to, from, detector);
        if (request.Settled is { } settled) return settled;

        TranslationResult? failed = null;
        TranslationResult? notAvailable = null;
        foreach (var engine in engines)
        {
            var result = await engine.TranslateAsync(request.Text, request.Target, request.Source, ct);
            switch (result.Status)
            {
                case TranslationStatus.Translated or TranslationStatus.SameLanguage: return result;
                case TranslationStatus.Failed: failed = result; break;
                default: notAvailable ??= result; break;
            }
        }
        return failed ?? notAvailable ?? TranslationResult.NotAvailable(request.Source, request.Target,
            $"Translation from {Languages.DisplayName(request.Source!)} to {Languages.DisplayName(request.Target)} is not available.");
    }
}
