using System.Diagnostics;
using Microsoft.Extensions.Hosting;

namespace Socializer.Core.Health;

/// <summary>
/// Keeps a few minutes of one-second samples in a ring buffer. A sample reads a handful of counters and one
/// directory listing, cheap enough to run always. Subscribers are pushed each new sample.
/// </summary>
public sealed class HealthSampler(
    ContextTracker contexts,
    ConnectionTracker connections,
    AiRequestTracker aiRequests,
    MeterReadings meters,
    DatabaseDescription database,
    HealthOptions options,
    TimeProvider time,
    NpgsqlPoolMeter? npgsqlPool = null)
{
    private readonly Lock gate = new();
    private readonly HealthSample?[] ring = new HealthSample?[Math.Max(options.HistorySeconds, 2)];
    private long count;
    private IReadOnlyDictionary<string, double>? previousReadings;
    private long previousTimestamp;
    private event Action<HealthSample>? Sampled;

    /// <summary>Receives each new sample (on the sampler's thread) until disposed.</summary>
    public IDisposable Subscribe(Action<HealthSample> onSample)
    {
        Sampled += onSample;
        return new Subscription(() => Sampled -= onSample);
    }

    public HealthSample? Latest
    {
        get { lock (gate) return count == 0 ? null : ring[(count - 1) % ring.Length]; }
    }

    /// <summary>Oldest first.</summary>
    public IReadOnlyList<HealthSample> History()
    {
        lock (gate)
        {
            var n = (int)Math.Min(count, ring.Length);
            var list = new List<HealthSample>(n);
            for (var i = count - n; i < count; i++) list.Add(ring[i % ring.Length]!);
            return list;
        }
    }

    public HealthSample SampleNow()
    {
        var readings = meters.Read();
        var now = Stopwatch.GetTimestamp();
        HealthSample sample;
        lock (gate)
        {
            var seconds = previousReadings is null ? 0 : Stopwatch.GetElapsedTime(previousTimestamp, now).TotalSeconds;
            double Rate(string name) => seconds <= 0 ? 0 : Math.Max(0, (readings.GetValueOrDefault(name) - previousReadings!.GetValueOrDefault(name)) / seconds);
            sample = new HealthSample(
                time.GetUtcNow(),
                contexts.LiveCount,
                connections.OpenCount,
                SqliteFileHandles.CountPhysicalConnections(database.DataSourcePath),
                connections.TransactionCount,
                contexts.OlderThan(options.LeakThreshold).Count + connections.OpenConnections.Count(c => c.ContextId is null && time.GetUtcNow() - c.OpenedAt > options.LeakThreshold),
                Rate(MeterReadings.EfQueries),
                Rate(MeterReadings.EfSaveChanges),
                Rate(MeterReadings.EfCacheHits),
                Rate(MeterReadings.EfCacheMisses),
                (long)readings.GetValueOrDefault(MeterReadings.EfExecutionFailures),
                (long)readings.GetValueOrDefault(MeterReadings.EfConcurrencyFailures),
                (int)readings.GetValueOrDefault(MeterReadings.ActiveCircuits),
                (int)readings.GetValueOrDefault(MeterReadings.HttpActiveRequests),
                aiRequests.InFlight,
                npgsqlPool?.Read());
            previousReadings = readings;
            previousTimestamp = now;
            ring[count % ring.Length] = sample;
            count++;
        }
        Sampled?.Invoke(sample);
        return sample;
    }

    private sealed class Subscription(Action unsubscribe) : IDisposable
    {
        private Action? unsubscribe = unsubscribe;
        public void Dispose() => Interlocked.Exchange(ref unsubscribe, null)?.Invoke();
    }
}

/// <summary>Takes one sample a second for the life of the app.</summary>
public sealed class HealthSamplerService(HealthSampler sampler, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
        try
        {
            do sampler.SampleNow();
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }
}
