namespace Socializer.Core.Health;

/// <summary>The "Health" configuration section.</summary>
public sealed class HealthOptions
{
    public const string Section = "Health";

    /// <summary>A context alive, or a connection held open, longer than this is reported as a suspected leak.</summary>
    public double LeakThresholdSeconds { get; set; } = 10;

    /// <summary>
    /// Share of new contexts whose creating call site is captured (0 to 1). A stack trace costs ~11 µs, so
    /// Development records every one; production can sample (appsettings.json sets it).
    /// </summary>
    public double CallSiteSampleRate { get; set; } = 1.0;

    /// <summary>How much one-second history the sampler keeps.</summary>
    public int HistorySeconds { get; set; } = 300;

    /// <summary>Leak drills deliberately break things: on in Development, off elsewhere unless set.</summary>
    public bool? DrillsEnabled { get; set; }

    /// <summary>Let /metrics answer non-loopback callers (a Prometheus on another host).</summary>
    public bool MetricsAllowRemote { get; set; }

    public TimeSpan LeakThreshold => TimeSpan.FromSeconds(LeakThresholdSeconds);
}
