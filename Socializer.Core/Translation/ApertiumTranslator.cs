using System.ComponentModel;
using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Socializer.Core.Translation;

public sealed class ApertiumOptions
{
    public const string Section = "Translation:Apertium";

    /// <summary>The apertium command (Debian package "apertium").</summary>
    public string Executable { get; set; } = "apertium";

    /// <summary>Where the installed language pairs' modes live (one "eng-spa.mode" file per direction).</summary>
    public string ModesDirectory { get; set; } = "/usr/share/apertium/modes";

    /// <summary>A call that takes longer is stopped and reported as failed.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many apertium processes may run at once.</summary>
    public int MaxConcurrency { get; set; } = 2;

    /// <summary>When there is no direct pair, try through this language (apertium has many pairs with Spanish).</summary>
    public string? PivotLanguage { get; set; } = "es";
}

/// <summary>
/// Translation with Debian's apertium, run as a process per call (about 0.1–1 s) with a timeout. The installed
/// pairs are read from apertium's modes directory; a language without a direct pair is reached through the
/// pivot language when both halves exist ("apertium via Spanish"). Rough quality, fully offline.
/// </summary>
public sealed class ApertiumTranslator : ITranslator, IDisposable
{
    public const string EngineName = "apertium";
    public const int MaxTextLength = TranslationRequest.MaxTextLength;

    // ISO 639-1 → the codes apertium's mode names use (older pairs use two letters, newer ones three).
    private static readonly Dictionary<string, string[]> ApertiumCodes = new(StringComparer.Ordinal)
    {
        ["en"] = ["en", "eng"], ["es"] = ["es", "spa"], ["ca"] = ["ca", "cat"], ["fr"] = ["fr", "fra"],
        ["pt"] = ["pt", "por"], ["it"] = ["it", "ita"], ["gl"] = ["gl", "glg"], ["eu"] = ["eu", "eus"],
        ["oc"] = ["oc", "oci"], ["ro"] = ["ro", "ron"], ["eo"] = ["eo", "epo"], ["nl"] = ["nl", "nld"],
        ["af"] = ["af", "afr"], ["da"] = ["da", "dan"], ["nb"] = ["nb", "nob"], ["nn"] = ["nn", "nno"],
        ["sv"] = ["sv", "swe"], ["is"] = ["is", "isl"], ["ru"] = ["ru", "rus"], ["uk"] = ["uk", "ukr"],
    };

    private readonly ApertiumOptions options;
    private readonly ILanguageDetector detector;
    private readonly ILogger<ApertiumTranslator> logger;
    private readonly SemaphoreSlim slots;
    private readonly Lazy<HashSet<string>> modes;

    public ApertiumTranslator(ApertiumOptions options, ILanguageDetector detector, ILogger<ApertiumTranslator> logger)
    {
        this.options = options;
        this.detector = detector;
        this.logger = logger;
        slots = new SemaphoreSlim(Math.Max(1, options.MaxConcurrency));
        modes = new Lazy<HashSet<string>>(ReadInstalledModes);
    }

    private HashSet<string> ReadInstalledModes()
    {
        if (!Directory.Exists(options.ModesDirectory)) return [];
        return Directory.EnumerateFiles(options.ModesDirectory, "*.mode")
            .Select(Path.GetFileNameWithoutExtension)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The installed mode ("eng-spa") that translates between two ISO codes, if any.</summary>
    private string? ModeFor(string from, string to)
    {
        if (!ApertiumCodes.TryGetValue(from, out var fromCodes) || !ApertiumCodes.TryGetValue(to, out var toCodes)) return null;
        return fromCodes.SelectMany(f => toCodes.Select(t => $"{f}-{t}")).FirstOrDefault(modes.Value.Contains);
    }

    /// <summary>The mode chain for a pair: one mode, or two through the pivot language; null when there is none.</summary>
    private string[]? RouteFor(string from, string to)
    {
        if (ModeFor(from, to) is { } direct) return [direct];
        if (Languages.Normalize(options.PivotLanguage) is not { } pivot || pivot == from || pivot == to) return null;
        return ModeFor(from, pivot) is { } first && ModeFor(pivot, to) is { } second ? [first, second] : null;
    }

    public bool IsPairAvailable(string from, string to) =>
        Languages.Normalize(from) is { } f && Languages.Normalize(to) is { } t && (f == t || RouteFor(f, t) is not null);

    public async Task<TranslationResult> TranslateAsync(string text, string to, string? from, CancellationToken ct)
    {
        var request = TranslationRequest.Create(text, to, from, detector);
        if (request.Settled is { } settled) return settled;
        var (source, target) = (request.Source!, request.Target);
        var route = RouteFor(source, target);
        if (route is null)
            return TranslationResult.NotAvailable(source, target,
                $"Translation from {Languages.DisplayName(source)} to {Languages.DisplayName(target)} is not available.");

        var engine = route.Length == 1 ? EngineName : $"{EngineName} via {Languages.DisplayName(options.PivotLanguage!)}";
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Timeout);
        await slots.WaitAsync(ct);
        try
        {
            var current = text;
            foreach (var mode in route) current = await RunAsync(mode, current, timeout.Token);
            return new TranslationResult(TranslationStatus.Translated, current, source, target, engine, null);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            logger.LogWarning("apertium {Source}-{Target} timed out after {Timeout}", source, target, options.Timeout);
            return new TranslationResult(TranslationStatus.Failed, null, source, target, engine,
                $"The translation took longer than {options.Timeout.TotalSeconds:0.#} s and was stopped.");
        }
        catch (Exception ex) when (ex is Win32Exception or InvalidOperationException or IOException)
        {
            logger.LogWarning(ex, "apertium {Source}-{Target} failed", source, target);
            return new TranslationResult(TranslationStatus.Failed, null, source, target, engine, $"The translator failed: {ex.Message}");
        }
        finally
        {
            slots.Release();
        }
    }

    /// <summary>Runs "apertium -u MODE" with the text on stdin; -u drops apertium's unknown-word marks ("*word").</summary>
    private async Task<string> RunAsync(string mode, string text, CancellationToken ct)
    {
        var start = new ProcessStartInfo(options.Executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new System.Text.UTF8Encoding(false),
            StandardOutputEncoding = System.Text.Encoding.UTF8,
        };
        start.ArgumentList.Add("-u");
        start.ArgumentList.Add(mode);

        using var process = Process.Start(start) ?? throw new InvalidOperationException("apertium did not start.");
        try
        {
            var output = process.StandardOutput.ReadToEndAsync(ct);
            var errors = process.StandardError.ReadToEndAsync(ct);
            await process.StandardInput.WriteAsync(text.AsMemory(), ct);
            process.StandardInput.Close();
            await process.WaitForExitAsync(ct);
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"apertium exited with {process.ExitCode}: {(await errors).Trim()}");
            return (await output).Trim();
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
    }

    public void Dispose() => slots.Dispose();
}
