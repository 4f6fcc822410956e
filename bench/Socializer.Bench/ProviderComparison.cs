using System.Globalization;
using System.Text;

namespace Socializer.Bench;

/// <summary>
/// The PostgreSQL column: the figures of a SQLite run and a PostgreSQL run of the same build, in the same minutes,
/// side by side. Fan-out (the bus alone) and circuits (the browser) do not touch the database, so only SQLite's run has them.
/// </summary>
public static class ProviderComparison
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Render(BenchmarkReport sqlite, BenchmarkReport postgres)
    {
        var md = new StringBuilder();
        void Line(string text = "") => md.Append(text).Append('\n');
        string F(double value, string format = "F1") => value.ToString(format, Invariant);

        Line("## SQLite and PostgreSQL side by side");
        Line();
        Line("**What.** The same benchmark run a second time, right after the one above, with `Database:Provider=Postgres` (a fresh");
        Line(FormattableString.Invariant($"database on the local PostgreSQL server, Npgsql Maximum Pool Size={postgres.Options.PostgresMaxPoolSize}; bulk-loaded history rows are ANALYZEd, as autovacuum would);"));
        Line("the server runs on the same 2 cores as the app and the load generator. The ceiling stays raw SQLite in both runs.");
        Line("Full tables for the PostgreSQL run: [benchmarks-postgres.md](benchmarks-postgres.md).");
        Line();
        Line("| AI chat, concurrency | SQLite req/s | SQLite p99 ms | SQLite ratio | PostgreSQL req/s | PostgreSQL p99 ms | PostgreSQL ratio | Errors (SQLite / PostgreSQL) | Live contexts, open connections after (SQLite / PostgreSQL) |");
        Line("|---:|---:|---:|---:|---:|---:|---:|---|---|");
        foreach (var (s, p) in sqlite.Load.Zip(postgres.Load))
            Line($"| {s.Concurrency} | {F(s.Socializer.RequestsPerSecond, "F0")} | {F(s.Socializer.P99Ms)} | {F(s.Ratio, "F2")} | " +
                 $"{F(p.Socializer.RequestsPerSecond, "F0")} | {F(p.Socializer.P99Ms)} | {F(p.Ratio, "F2")} | " +
                 $"{s.Socializer.Completed - s.Socializer.Succeeded} / {p.Socializer.Completed - p.Socializer.Succeeded} | " +
                 $"{s.PoolAfter.LiveContexts}, {s.PoolAfter.OpenConnections} / {p.PoolAfter.LiveContexts}, {p.PoolAfter.OpenConnections} |");
        Line();
        Line("| Origin scenario | Succeeded | Rounds back to 0 live contexts |");
        Line("|---|---:|---:|");
        foreach (var (name, o) in new[] { ("SQLite", sqlite.Origin), ("PostgreSQL", postgres.Origin) })
            Line(FormattableString.Invariant($"| {name}: {o.Rounds} × {o.Parallel} | {o.Succeeded:N0} of {o.Rounds * o.Parallel:N0} | {o.RoundsBackToZero} / {o.Rounds} |"));
        Line();
        Line("| History, messages | Latest 50 ms (SQLite / PostgreSQL) | Page back ms | Search rare word ms | Search common word ms | Database size |");
        Line("|---:|---|---|---|---|---|");
        foreach (var (s, p) in sqlite.History.Zip(postgres.History))
            Line($"| {s.Messages.ToString("N0", Invariant)} | {F(s.Latest50.MedianMs, "F2")} / {F(p.Latest50.MedianMs, "F2")} | {F(s.PageBack.MedianMs, "F2")} / {F(p.PageBack.MedianMs, "F2")} | " +
                 $"{F(s.SearchRare.MedianMs, "F2")} / {F(p.SearchRare.MedianMs, "F2")} | {F(s.SearchCommon.MedianMs, "F2")} / {F(p.SearchCommon.MedianMs, "F2")} | " +
                 $"{s.DatabaseBytes / 1048576.0:F0} MB / {p.DatabaseBytes / 1048576.0:F0} MB |");
        Line();
        Line("| Memory (benchmark process) | SQLite | PostgreSQL |");
        Line("|---|---:|---:|");
        Line(FormattableString.Invariant($"| Peak working set under load | {sqlite.Memory.PeakWorkingSetUnderLoadBytes / 1048576.0:F0} MB | {postgres.Memory.PeakWorkingSetUnderLoadBytes / 1048576.0:F0} MB |"));
        Line(FormattableString.Invariant($"| Managed heap growth across the load (after full GC) | {(sqlite.Memory.HeapAfterLoadBytes - sqlite.Memory.HeapBeforeLoadBytes) / 1048576.0:F1} MB | {(postgres.Memory.HeapAfterLoadBytes - postgres.Memory.HeapBeforeLoadBytes) / 1048576.0:F1} MB |"));
        Line();
        return md.ToString();
    }
}
