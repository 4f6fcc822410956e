using System.Collections.Concurrent;
using Socializer.Core.Data;

namespace Socializer.Core.Health;

/// <summary>One context the factory handed out and nobody has disposed yet.</summary>
public sealed class TrackedContext(Guid id, DateTimeOffset createdAt, CallSite callSite)
{
    private int disposed;

    public Guid Id { get; } = id;
    public DateTimeOffset CreatedAt { get; } = createdAt;
    public CallSite CallSite { get; } = callSite;
    public bool IsDisposed => Volatile.Read(ref disposed) == 1;

    internal bool MarkDisposed() => Interlocked.Exchange(ref disposed, 1) == 0;
}

/// <summary>A context that was garbage-collected without ever being disposed.</summary>
public sealed record CollectedContext(Guid Id, CallSite CallSite, DateTimeOffset CreatedAt, DateTimeOffset CollectedAt);

/// <summary>
/// Every live <see cref="AppDbContext"/>: who created it, when, and whether it was disposed or only collected.
/// Holds no strong reference to a context, so tracking never keeps one alive.
/// </summary>
public sealed class ContextTracker(HealthOptions options, TimeProvider time)
{
    private const int RecentlyCollectedCapacity = 50;

    /// <summary>The tracker's own frames, skipped when looking for the creating call site.</summary>
    private static readonly HashSet<Type> Infrastructure = [typeof(ContextTracker), typeof(TrackingDbContextFactory), typeof(DataServiceCollectionExtensions)];

    private readonly ConcurrentDictionary<Guid, TrackedContext> live = new();
    private readonly ConcurrentQueue<CollectedContext> recentlyCollected = new();
    private long created;
    private long disposed;
    private long collectedUndisposed;
    private int peakLive;

    public int LiveCount => live.Count;
    public long Created => Interlocked.Read(ref created);
    public long Disposed => Interlocked.Read(ref disposed);
    public long CollectedUndisposed => Interlocked.Read(ref collectedUndisposed);
    public int PeakLive => Volatile.Read(ref peakLive);

    public IReadOnlyCollection<TrackedContext> Live => [.. live.Values];
    public IReadOnlyCollection<CollectedContext> RecentlyCollected => [.. recentlyCollected];

    /// <summary>Called before the context exists, while the caller's frames are still on the stack.</summary>
    public CallSite SampleCallSite()
    {
        var rate = options.CallSiteSampleRate;
        return rate >= 1 || (rate > 0 && Random.Shared.NextDouble() < rate) ? CallSite.Capture(Infrastructure) : CallSite.NotSampled;
    }

    public void Track(AppDbContext context, CallSite callSite)
    {
        var id = context.ContextId.InstanceId;
        var entry = new TrackedContext(id, time.GetUtcNow(), callSite);
        live[id] = entry;
        Interlocked.Increment(ref created);
        UpdatePeak();
        context.Disposed += _ => Release(entry);
        context.CollectedUndisposed += () => OnCollected(entry);
        GC.ReRegisterForFinalize(context); // a pooled context was disposed before (which suppressed its finalizer)
    }

    /// <summary>Starts a new peak measurement (the self-test reads how high the count went).</summary>
    public void ResetPeak() => Volatile.Write(ref peakLive, live.Count);

    /// <summary>Contexts older than <paramref name="threshold"/>.</summary>
    public IReadOnlyList<TrackedContext> OlderThan(TimeSpan threshold)
    {
        var cutoff = time.GetUtcNow() - threshold;
        return [.. live.Values.Where(c => c.CreatedAt <= cutoff).OrderBy(c => c.CreatedAt)];
    }

    private void Release(TrackedContext entry)
    {
        if (!entry.MarkDisposed()) return;
        live.TryRemove(entry.Id, out _);
        Interlocked.Increment(ref disposed);
    }

    private void OnCollected(TrackedContext entry)
    {
        if (!entry.MarkDisposed()) return;
        live.TryRemove(entry.Id, out _);
        Interlocked.Increment(ref collectedUndisposed);
        recentlyCollected.Enqueue(new CollectedContext(entry.Id, entry.CallSite, entry.CreatedAt, time.GetUtcNow()));
        while (recentlyCollected.Count > RecentlyCollectedCapacity) recentlyCollected.TryDequeue(out _);
    }

    private void UpdatePeak()
    {
        var count = live.Count;
        int seen;
        while (count > (seen = Volatile.Read(ref peakLive)) && Interlocked.CompareExchange(ref peakLive, count, seen) != seen) { }
    }
}
