using System.Globalization;

namespace Socializer.Core.Health;

/// <summary>Builds the snapshot and its verdict from the trackers and the sampler's latest rates.</summary>
public sealed class PoolHealthMonitor(
    ContextTracker contexts,
    ConnectionTracker connections,
    AiRequestTracker aiRequests,
    HealthSampler sampler,
    DatabaseDescription database,
    HealthOptions options,
    TimeProvider time,
    NpgsqlPoolMeter? npgsqlPool = null)
{
    /// <summary>Contexts collected without Dispose this recently still colour the verdict.</summary>
    public static readonly TimeSpan CollectedWarningWindow = TimeSpan.FromMinutes(5);

    /// <param name="excludedContexts">Contexts serving the caller's own request (see <see cref="RequestContextRegistry"/>).</param>
    public PoolHealthSnapshot Snapshot(IReadOnlyCollection<Guid>? excludedContexts = null)
    {
        var now = time.GetUtcNow();
        var excluded = (excludedContexts ?? []).ToHashSet();
        var ownLive = contexts.Live.Where(c => excluded.Contains(c.Id)).Select(c => c.Id).ToHashSet();
        var leaks = SuspectedLeaks(now).Where(l => !ownLive.Contains(l.Id)).ToList();
        var latest = sampler.Latest;
        var (p50, p95) = aiRequests.Latency();
        var collected = contexts.RecentlyCollected.OrderByDescending(c => c.CollectedAt).ToList();
        var live = contexts.LiveCount - ownLive.Count;
        var open = connections.OpenConnections.Count(c => c.ContextId is not { } id || !ownLive.Contains(id));
        return new PoolHealthSnapshot(
            now,
            Judge(live, open, leaks, collected.Count(c => now - c.CollectedAt < CollectedWarningWindow)),
            live,
            open,
            SqliteFileHandles.CountPhysicalConnections(database.DataSourcePath),
            connections.TransactionCount,
            contexts.Created,
            contexts.Disposed,
            contexts.CollectedUndisposed,
            connections.Opened,
            connections.Closed,
            connections.Disposed,
            leaks,
            collected,
            latest?.QueriesPerSecond ?? 0,
            latest?.SaveChangesPerSecond ?? 0,
            latest?.CacheHitsPerSecond ?? 0,
            latest?.CacheMissesPerSecond ?? 0,
            latest?.ExecutionFailures ?? 0,
            latest?.ConcurrencyFailures ?? 0,
            latest?.ActiveCircuits ?? 0,
            latest?.HttpRequestsInFlight ?? 0,
            aiRequests.InFlight,
            p50,
            p95,
            database.Provider,
            [.. database.Settings.Select(s => new ConnectionSetting(s.Key, s.Value))],
            options.LeakThresholdSeconds,
            ownLive.Count,
            npgsqlPool?.Read());
    }

    public IReadOnlyList<SuspectedLeak> SuspectedLeaks(DateTimeOffset now)
    {
        var leaks = contexts.OlderThan(options.LeakThreshold)
            .Select(c => new SuspectedLeak("context", c.Id, c.CallSite.ToString(), c.CallSite.File, c.CallSite.Line, c.CreatedAt,
                Math.Round((now - c.CreatedAt).TotalSeconds, 1), connections.HoldsConnection(c.Id), connections.HoldsTransaction(c.Id)))
            .ToList();
        // A connection held open past the threshold whose context is gone (or unknown) is a leak of its own.
        var liveIds = contexts.Live.Select(c => c.Id).ToHashSet();
        leaks.AddRange(connections.OpenConnections
            .Where(c => now - c.OpenedAt > options.LeakThreshold && (c.ContextId is null || !liveIds.Contains(c.ContextId.Value)))
            .Select(c => new SuspectedLeak("connection", c.ConnectionId, "(connection without a live context)", null, 0, c.OpenedAt,
                Math.Round((now - c.OpenedAt).TotalSeconds, 1), true, connections.OpenTransactions.Any(t => t.ConnectionId == c.ConnectionId))));
        return leaks;
    }

    public static HealthVerdict Judge(int liveContexts, int openConnections, IReadOnlyList<SuspectedLeak> leaks, int recentlyCollectedUndisposed)
    {
        var counts = string.Create(CultureInfo.InvariantCulture, $"{liveContexts} live {Plural(liveContexts, "context")}, {openConnections} open {Plural(openConnections, "connection")}");
        var reasons = leaks.Select(Describe).ToList();
        if (recentlyCollectedUndisposed > 0)
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"{recentlyCollectedUndisposed} {Plural(recentlyCollectedUndisposed, "context")} garbage-collected without Dispose in the last {CollectedWarningWindow.TotalMinutes:0} minutes"));

        if (leaks.Any(l => l.HoldsConnection || l.HoldsTransaction))
            return new HealthVerdict(HealthLevel.Critical, $"Critical: a leak holds a database connection ({counts})", reasons);
        if (reasons.Count > 0)
            return new HealthVerdict(HealthLevel.Warning, $"Warning: {reasons[0]} ({counts})", reasons);
        return new HealthVerdict(HealthLevel.Healthy, $"Healthy: {counts}", reasons);
    }

    private static string Describe(SuspectedLeak leak)
    {
        var holds = leak.HoldsTransaction ? ", holding a transaction" : leak.HoldsConnection ? ", holding a connection" : "";
        return string.Create(CultureInfo.InvariantCulture, $"{leak.Kind} alive for {leak.AgeSeconds:0} s{holds}, created at {leak.CallSite}");
    }

    private static string Plural(int n, string word) => n == 1 ? word : word + "s";
}
