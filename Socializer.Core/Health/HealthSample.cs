namespace Socializer.Core.Health;

/// <summary>One second of history: levels at that moment and rates over the preceding interval.</summary>
public sealed record HealthSample(
    DateTimeOffset At,
    int LiveContexts,
    int OpenConnections,
    int? PhysicalConnections,
    int OpenTransactions,
    int SuspectedLeaks,
    double QueriesPerSecond,
    double SaveChangesPerSecond,
    double CacheHitsPerSecond,
    double CacheMissesPerSecond,
    long ExecutionFailures,
    long ConcurrencyFailures,
    int ActiveCircuits,
    int HttpRequestsInFlight,
    int AiRequestsInFlight,
    NpgsqlPoolStats? NpgsqlPool = null);
