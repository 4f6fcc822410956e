using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Socializer.Core.Health;

/// <summary>
/// AI requests in flight and their latency. The assistant wraps each model call:
/// <code>using var request = aiRequests.Begin(); ... request.Fail() on error</code>
/// Register with TryAddSingleton; it works without DI too (new AiRequestTracker()).
/// </summary>
public sealed class AiRequestTracker
{
    public const string MeterName = "Socializer";
    private const int LatencyWindow = 512;

    private readonly double[] latenciesMs = new double[LatencyWindow];
    private readonly Lock gate = new();
    private readonly UpDownCounter<long>? inFlightCounter;
    private readonly Histogram<double>? durationHistogram;
    private long recorded;
    private int inFlight;
    private long completed;
    private long failed;

    public AiRequestTracker(IMeterFactory? meterFactory = null)
    {
        if (meterFactory is null) return;
        var meter = meterFactory.Create(MeterName);
        inFlightCounter = meter.CreateUpDownCounter<long>("socializer.ai.requests_in_flight", "{request}", "AI requests waiting for the model");
        durationHistogram = meter.CreateHistogram<double>("socializer.ai.request.duration", "s", "How long AI requests took");
    }

    public int InFlight => Volatile.Read(ref inFlight);
    public long Completed => Interlocked.Read(ref completed);
    public long Failed => Interlocked.Read(ref failed);

    /// <summary>Marks one AI request in flight until the returned scope is disposed.</summary>
    public AiRequestScope Begin()
    {
        Interlocked.Increment(ref inFlight);
        inFlightCounter?.Add(1);
        return new AiRequestScope(this);
    }

    /// <summary>Median and 95th percentile of the last requests, in milliseconds (null before any).</summary>
    public (double? P50, double? P95) Latency()
    {
        double[] window;
        lock (gate)
        {
            var count = (int)Math.Min(recorded, LatencyWindow);
            window = latenciesMs[..count];
        }
        if (window.Length == 0) return (null, null);
        Array.Sort(window);
        return (Percentile.Of(window, 0.50), Percentile.Of(window, 0.95));
    }

    internal void End(TimeSpan elapsed, bool succeeded)
    {
        Interlocked.Decrement(ref inFlight);
        inFlightCounter?.Add(-1);
        Interlocked.Increment(ref succeeded ? ref completed : ref failed);
        durationHistogram?.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("outcome", succeeded ? "success" : "failure"));
        lock (gate)
        {
            latenciesMs[recorded % LatencyWindow] = elapsed.TotalMilliseconds;
            recorded++;
        }
    }
}

/// <summary>One AI request: dispose when the answer (or the error) is in.</summary>
public sealed class AiRequestScope : IDisposable
{
    private readonly AiRequestTracker tracker;
    private readonly long started = Stopwatch.GetTimestamp();
    private bool failed;
    private int ended;

    internal AiRequestScope(AiRequestTracker tracker) => this.tracker = tracker;

    public void Fail() => failed = true;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref ended, 1) == 0) tracker.End(Stopwatch.GetElapsedTime(started), !failed);
    }
}

public static class Percentile
{
    /// <summary>Nearest-rank percentile of an already sorted array.</summary>
    public static double Of(IReadOnlyList<double> sorted, double fraction)
    {
        if (sorted.Count == 0) return 0;
        var rank = (int)Math.Ceiling(fraction * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }
}
