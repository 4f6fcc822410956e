namespace Socializer.Core.Health;

public enum HealthLevel { Healthy, Warning, Critical }

/// <summary>The verdict in words, for people: "Healthy: 0 live contexts, 0 open connections".</summary>
public sealed record HealthVerdict(HealthLevel Level, string Summary, IReadOnlyList<string> Reasons);

/// <summary>A context alive (or a connection open) past the leak threshold.</summary>
public sealed record SuspectedLeak(
    string Kind,
    Guid Id,
    string CallSite,
    string? File,
    int Line,
    DateTimeOffset Since,
    double AgeSeconds,
    bool HoldsConnection,
    bool HoldsTransaction);

public sealed record ConnectionSetting(string Name, string Value);

/// <summary>Everything the pool-health page and GET /api/admin/pool-health show.</summary>
public sealed record PoolHealthSnapshot(
    DateTimeOffset At,
    HealthVerdict Verdict,
    int LiveContexts,
    int OpenConnections,
    int? PhysicalConnections,
    int OpenTransactions,
    long ContextsCreated,
    long ContextsDisposed,
    long ContextsCollectedUndisposed,
    long ConnectionsOpened,
    long ConnectionsClosed,
    long ConnectionsDisposed,
    IReadOnlyList<SuspectedLeak> SuspectedLeaks,
    IReadOnlyList<CollectedContext> RecentlyCollectedUndisposed,
    double QueriesPerSecond,
    double SaveChangesPerSecond,
    double CacheHitsPerSecond,
    double CacheMissesPerSecond,
    long ExecutionFailures,
    long ConcurrencyFailures,
    int ActiveCircuits,
    int HttpRequestsInFlight,
    int AiRequestsInFlight,
    double? AiLatencyP50Ms,
    double? AiLatencyP95Ms,
    string Provider,
    IReadOnlyList<ConnectionSetting> ConnectionSettings,
    double LeakThresholdSeconds,
    int ExcludedRequestContexts,
    NpgsqlPoolStats? NpgsqlPool = null);
