using Socializer.Core.Translation;

namespace Socializer.Tests.Support;

/// <summary>
/// Apertium as the tests run it: the real Debian package, with a per-call limit generous enough for a loaded
/// 2-core CI machine (each call starts a pipeline of processes). The product's default stays 10 s.
/// </summary>
public static class TestApertium
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static ApertiumOptions Options() => new() { Timeout = Timeout };

    /// <summary>The same limit as configuration, for hosts that read Translation:Apertium from settings.</summary>
    public static KeyValuePair<string, string?> Setting => new("Translation:Apertium:Timeout", Timeout.ToString("c", System.Globalization.CultureInfo.InvariantCulture));
}
