namespace Socializer.Bench;

/// <summary>How much work each section does. <see cref="Full"/> is the published run; <see cref="Quick"/> and
/// <see cref="Smoke"/> are the same code with less of it (Smoke is what the test suite runs: does it work at all).</summary>
public sealed record BenchOptions
{
    public required string Mode { get; init; }
    /// <summary>The app's database: "sqlite" (a fresh file) or "postgres" (a fresh database on <see cref="PostgresConnection"/>).</summary>
    public string Database { get; init; } = "sqlite";
    /// <summary>The PostgreSQL server for <c>--provider postgres</c>, as a connection string without Database (its user may create databases).</summary>
    public string PostgresConnection { get; init; } = "Host=127.0.0.1;Port=5432;Username=postgres;Password=socializer-tests";
    /// <summary>
    /// PostgreSQL: the app's Maximum Pool Size. Not Npgsql's default of 100: that equals the server's default
    /// max_connections, so the benchmark's own connections (bulk history rows) would be refused once the load has filled
    /// the app's pool; and 100 server processes on 2 cores only queue for the CPU.
    /// </summary>
    public int PostgresMaxPoolSize { get; init; } = 30;
    public bool IsPostgres => string.Equals(Database, "postgres", StringComparison.OrdinalIgnoreCase);
    public int Requests { get; init; }
    /// <summary>Free text about the conditions of this run, printed at the top of the report.</summary>
    public string? Note { get; init; }
    public IReadOnlyList<int> Concurrencies { get; init; } = [50, 200, 500];
    public int Users { get; init; } = 100;
    public int WarmupRequests { get; init; } = 500;
    public int OriginRounds { get; init; } = 50;
    public int OriginParallel { get; init; } = 100;
    public IReadOnlyList<int> FanOutSizes { get; init; } = [10, 100, 1000];
    public int FanOutMessages { get; init; } = 500;
    public IReadOnlyList<int> HistorySizes { get; init; } = [1_000, 10_000, 100_000, 1_000_000];
    public int HistoryRepeats { get; init; } = 50;
    /// <summary>How many chat pages (Blazor circuits) section 7 opens at once, one size after another.</summary>
    public IReadOnlyList<int> CircuitSizes { get; init; } = [20, 40];
    /// <summary>A hard stop for any one load level, so a wedged server cannot keep the benchmark running.</summary>
    public TimeSpan LevelTimeLimit { get; init; } = TimeSpan.FromMinutes(3);

    public static BenchOptions Full => new() { Mode = "full", Requests = 20_000 };

    public static BenchOptions Quick => new()
    {
        Mode = "quick", Requests = 2_000, WarmupRequests = 200, OriginRounds = 10, FanOutMessages = 200,
        HistorySizes = [1_000, 10_000, 100_000], HistoryRepeats = 20, CircuitSizes = [10],
    };

    public static BenchOptions Smoke => new()
    {
        Mode = "smoke", Requests = 60, Concurrencies = [10], Users = 4, WarmupRequests = 10, OriginRounds = 2, OriginParallel = 20,
        FanOutSizes = [10], FanOutMessages = 10, HistorySizes = [1_000], HistoryRepeats = 3, CircuitSizes = [], LevelTimeLimit = TimeSpan.FromMinutes(1),
    };
}
