using Socializer.Core.Translation;

namespace Socializer.Tests.Support;

/// <summary>Wraps a real translator and counts the calls that reach it (to prove the cache spares them).</summary>
public sealed class CountingTranslator(ITranslator inner) : ITranslator
{
    private int calls;
    public int Calls => calls;

    public bool IsPairAvailable(string from, string to) => inner.IsPairAvailable(from, to);

    public Task<TranslationResult> TranslateAsync(string text, string to, string? from, CancellationToken ct)
    {
        Interlocked.Increment(ref calls);
        return inner.TranslateAsync(text, to, from, ct);
    }
}
