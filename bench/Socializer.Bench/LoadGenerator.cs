using System.Collections.Concurrent;
using System.Diagnostics;

namespace Socializer.Bench;

public sealed record LoadResult(
    int Requests, int Concurrency, int Completed, int Succeeded, double Seconds, double RequestsPerSecond,
    double P50Ms, double P95Ms, double P99Ms, double MaxMs, IReadOnlyDictionary<string, int> Errors);

/// <summary>
/// A closed-loop load: <c>concurrency</c> workers take request numbers from one counter until <c>requests</c> have
/// been sent or the time limit passes, so it always stops by itself. Every latency is kept (no sampling).
/// </summary>
public static class LoadGenerator
{
    /// <param name="send">Sends request number i; returns null on success or a short error kind ("HTTP 500", "TaskCanceledException").</param>
    public static async Task<LoadResult> RunAsync(int requests, int concurrency, TimeSpan timeLimit, Func<int, CancellationToken, Task<string?>> send)
    {
        var latencies = new long[requests];
        var done = new bool[requests];
        var errors = new ConcurrentDictionary<string, int>();
        using var stop = new CancellationTokenSource(timeLimit);
        var next = -1;
        var clock = Stopwatch.StartNew();

        async Task WorkerAsync()
        {
            int i;
            while (!stop.IsCancellationRequested && (i = Interlocked.Increment(ref next)) < requests)
            {
                var started = Stopwatch.GetTimestamp();
                string? error;
                try { error = await send(i, stop.Token); }
                catch (Exception e) { error = e.GetType().Name; }
                latencies[i] = Stopwatch.GetTimestamp() - started;
                done[i] = true;
                if (error is not null) errors.AddOrUpdate(error, 1, (_, n) => n + 1);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(WorkerAsync)));
        clock.Stop();

        var completed = done.Count(d => d);
        if (completed < requests) errors["not sent: time limit"] = requests - completed;
        var sorted = latencies.Where((_, i) => done[i]).Select(t => t * 1000.0 / Stopwatch.Frequency).Order().ToArray();
        var failed = errors.Where(e => !e.Key.StartsWith("not sent", StringComparison.Ordinal)).Sum(e => e.Value);
        return new LoadResult(requests, concurrency, completed, completed - failed, clock.Elapsed.TotalSeconds,
            completed / clock.Elapsed.TotalSeconds, Percentile(sorted, 0.50), Percentile(sorted, 0.95), Percentile(sorted, 0.99),
            sorted.Length == 0 ? 0 : sorted[^1], new SortedDictionary<string, int>(errors, StringComparer.Ordinal));
    }

    /// <summary>Nearest-rank percentile of an ascending array (0 when empty).</summary>
    public static double Percentile(double[] ascending, double p) =>
        ascending.Length == 0 ? 0 : ascending[Math.Clamp((int)Math.Ceiling(p * ascending.Length) - 1, 0, ascending.Length - 1)];
}
