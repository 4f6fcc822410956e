using Microsoft.Extensions.Logging.Abstractions;
using Socializer.Core.Translation;
using Socializer.Tests.Support;

namespace Socializer.Tests.Core.Translation;

/// <summary>Against the real apertium (test.sh installs apertium and its eng-spa, fr-es, es-pt pairs).</summary>
public sealed class ApertiumTranslatorTests
{
    private static ApertiumTranslator NewTranslator(ApertiumOptions? options = null) =>
        new(options ?? TestApertium.Options(), new StopWordLanguageDetector(), NullLogger<ApertiumTranslator>.Instance);

    [Fact]
    public async Task Translates_a_real_sentence_from_English_to_Spanish_marked_as_machine_translation()
    {
        using var translator = NewTranslator();

        var result = await translator.TranslateAsync("My friends are very happy today.", "es", "en", CancellationToken.None);

        Assert.Equal(TranslationStatus.Translated, result.Status);
        Assert.Contains("amigos", result.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("hoy", result.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(ApertiumTranslator.EngineName, result.Engine);
        Assert.Equal("Machine translation from English (apertium)", result.Caption);
    }

    [Fact]
    public async Task Detects_the_source_language_when_none_is_given()
    {
        using var translator = NewTranslator();

        var result = await translator.TranslateAsync("¿Dónde está la biblioteca?", "en", null, CancellationToken.None);

        Assert.Equal(TranslationStatus.Translated, result.Status);
        Assert.Equal("es", result.SourceLanguage);
        Assert.Contains("library", result.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Reaches_a_pair_without_a_direct_mode_through_Spanish()
    {
        using var translator = NewTranslator();

        var result = await translator.TranslateAsync("Bonjour mes amis", "en", "fr", CancellationToken.None);

        Assert.Equal(TranslationStatus.Translated, result.Status);
        Assert.Equal("apertium via Spanish", result.Engine);
        Assert.Contains("friends", result.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Says_clearly_when_a_pair_is_not_available()
    {
        using var translator = NewTranslator();

        var result = await translator.TranslateAsync("Guten Morgen", "ja", "de", CancellationToken.None);

        Assert.Equal(TranslationStatus.PairNotAvailable, result.Status);
        Assert.Null(result.Text);
        Assert.Equal("Translation from German to Japanese is not available.", result.Problem);
        Assert.False(translator.IsPairAvailable("de", "ja"));
        Assert.True(translator.IsPairAvailable("en", "es"));
    }

    [Fact]
    public async Task Text_already_in_the_target_language_is_left_alone()
    {
        using var translator = NewTranslator();

        var result = await translator.TranslateAsync("Hello there", "en-GB", "en", CancellationToken.None);

        Assert.Equal(TranslationStatus.SameLanguage, result.Status);
        Assert.Null(result.Caption);
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task A_translation_that_takes_too_long_is_stopped_and_reported()
    {
        var slow = Path.Combine(Path.GetTempPath(), "socializer-tests", Guid.NewGuid().ToString("N"), "slow-apertium");
        Directory.CreateDirectory(Path.GetDirectoryName(slow)!);
        await File.WriteAllTextAsync(slow, "#!/bin/sh\nsleep 30\n");
        File.SetUnixFileMode(slow, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        using var translator = NewTranslator(new ApertiumOptions { Executable = slow, Timeout = TimeSpan.FromMilliseconds(300) });

        var result = await translator.TranslateAsync("Hello friends", "es", "en", CancellationToken.None);

        Assert.Equal(TranslationStatus.Failed, result.Status);
        Assert.Contains("took longer", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_apertium_is_a_failure_not_a_crash()
    {
        using var translator = NewTranslator(new ApertiumOptions { Executable = "/nonexistent/apertium" });

        var result = await translator.TranslateAsync("Hello friends", "es", "en", CancellationToken.None);

        Assert.Equal(TranslationStatus.Failed, result.Status);
    }

    [Theory]
    [InlineData("", "es", "en")]
    [InlineData("hello", "not a code", "en")]
    [InlineData("hello", "es", "??")]
    public async Task Bad_input_is_refused(string text, string to, string from)
    {
        using var translator = NewTranslator();

        await Assert.ThrowsAsync<ArgumentException>(() => translator.TranslateAsync(text, to, from, CancellationToken.None));
    }
}
