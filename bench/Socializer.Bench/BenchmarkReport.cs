namespace Socializer.Bench;

public sealed record MachineInfo(
    int Cores, string Cpu, double MemoryGiB, string Os, string Runtime, string GcMode, string Commit, bool UncommittedChanges,
    string LoadAverageAtStart, string LoadAverageAtEnd, DateTimeOffset StartedAt);

/// <summary>One concurrency level of section 1 and its ceiling, run back to back.</summary>
public sealed record LoadLevel(int Concurrency, LoadResult Socializer, LoadResult Ceiling, double Ratio, PoolReading PoolAfter);

/// <summary>What each kind of message did in a check before the load: proof that half the load reaches a database tool.</summary>
public sealed record MessageCheck(string Message, IReadOnlyList<string> ToolsUsed, string Response);

public sealed record OriginResult(
    int Rounds, int Parallel, int Succeeded, int Failed, IReadOnlyDictionary<string, int> Errors,
    int RoundsBackToZero, int MaxLiveContextsAfterRound, int MaxOpenConnectionsAfterRound, double MedianRoundMs, double MaxRoundMs);

public sealed record FanOutResult(int Subscribers, int Messages, double P50Ms, double P99Ms, double MaxMs);

public sealed record Timing(double MedianMs, double MaxMs);

public sealed record HistoryResult(
    int Messages, double InsertSeconds, long DatabaseBytes, Timing Latest50, Timing PageBack, Timing SearchRare, int RareHits,
    Timing SearchCommon, int CommonHits);

public sealed record MemoryResult(
    long IdleWorkingSetBytes, long PeakWorkingSetUnderLoadBytes, long AfterLoadWorkingSetBytes,
    long HeapBeforeLoadBytes, long HeapAfterLoadBytes);

public sealed record BenchmarkReport(
    MachineInfo Machine, BenchOptions Options, int AssistantRateLimitPerUserPerMinute,
    IReadOnlyList<MessageCheck> MessageChecks, IReadOnlyList<LoadLevel> Load, OriginResult Origin,
    IReadOnlyList<FanOutResult> FanOut, IReadOnlyList<HistoryResult> History, MemoryResult Memory, CircuitsSection Circuits, double TotalSeconds);
