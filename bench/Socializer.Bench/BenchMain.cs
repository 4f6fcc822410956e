using System.Text.Json;

namespace Socializer.Bench;

/// <summary>
/// <c>dotnet run -c Release --project bench/Socializer.Bench -- [--quick] [--requests N] [--note TEXT] [--out DIR]
/// [--provider sqlite|postgres|both] [--postgres CONNECTION] [--pool-size N] [--concurrency 50,200] [--load-only]</c>: runs the benchmark and writes DIR/benchmarks.md and
/// DIR/benchmarks.json (DIR defaults to the repository's docs/). With <c>--provider postgres</c> the app runs on a fresh database
/// on that server (default: the local test server that test.sh starts), dropped afterwards; with
/// <c>--provider both</c> it runs on SQLite, then on PostgreSQL, and writes benchmarks-postgres.md and the two side by side.
/// </summary>
public static class BenchMain
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static async Task<int> Main(string[] args)
    {
        var options = args.Contains("--smoke") ? BenchOptions.Smoke : args.Contains("--quick") ? BenchOptions.Quick : BenchOptions.Full;
        var root = RepositoryRoot();
        var output = Argument(args, "--out") ?? Path.Combine(root ?? ".", "docs");
        if (Argument(args, "--requests") is { } requests) options = options with { Requests = int.Parse(requests, System.Globalization.CultureInfo.InvariantCulture) };
        if (Argument(args, "--note") is { } note) options = options with { Note = note };
        if (Argument(args, "--provider") is { } provider) options = options with { Database = provider.ToLowerInvariant() };
        if (Argument(args, "--postgres") is { } postgres) options = options with { PostgresConnection = postgres };
        if (Argument(args, "--pool-size") is { } poolSize) options = options with { PostgresMaxPoolSize = int.Parse(poolSize, System.Globalization.CultureInfo.InvariantCulture) };
        if (Argument(args, "--concurrency") is { } levels) options = options with { Concurrencies = [.. levels.Split(',').Select(l => int.Parse(l, System.Globalization.CultureInfo.InvariantCulture))] };
        // Sections 1, 2 and 6 only (one origin round): for before/after comparisons while profiling.
        if (args.Contains("--load-only")) options = options with { OriginRounds = 1, FanOutSizes = [], HistorySizes = [], CircuitSizes = [] };
        if (options.Database is not ("sqlite" or "postgres" or "both")) throw new ArgumentException("--provider must be sqlite, postgres or both.");

        if (options.Database != "both")
        {
            Console.WriteLine($"Socializer benchmark, {options.Mode} mode, {options.Database}");
            var report = await BenchmarkRunner.RunAsync(options, Console.Out, root);
            var (markdown, json) = await WriteAsync(report, output);
            Console.WriteLine($"Wrote {markdown} and {json} in {report.TotalSeconds:F0} s");
            return 0;
        }

        // Both: the full run on SQLite, then the database-bound sections again on PostgreSQL, and the two side by side.
        Console.WriteLine($"Socializer benchmark, {options.Mode} mode, SQLite then PostgreSQL");
        var sqlite = await BenchmarkRunner.RunAsync(options with { Database = "sqlite" }, Console.Out, root);
        var onPostgres = await BenchmarkRunner.RunAsync(options with { Database = "postgres", FanOutSizes = [], CircuitSizes = [] }, Console.Out, root);
        var (sqliteMarkdown, _) = await WriteAsync(sqlite, output, extra: ProviderComparison.Render(sqlite, onPostgres));
        var (postgresMarkdown, _) = await WriteAsync(onPostgres, output, "benchmarks-postgres");
        Console.WriteLine($"Wrote {sqliteMarkdown} and {postgresMarkdown} in {sqlite.TotalSeconds + onPostgres.TotalSeconds:F0} s");
        return 0;
    }

    public static async Task<(string Markdown, string Json)> WriteAsync(BenchmarkReport report, string directory, string name = "benchmarks", string extra = "")
    {
        Directory.CreateDirectory(directory);
        var markdown = Path.Combine(directory, name + ".md");
        var json = Path.Combine(directory, name + ".json");
        await File.WriteAllTextAsync(markdown, MarkdownReport.Render(report) + extra);
        await File.WriteAllTextAsync(json, JsonSerializer.Serialize(report, Json));
        return (markdown, json);
    }

    private static string? Argument(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    /// <summary>The folder holding Socializer.sln, found upwards from the working directory, then from the binary.</summary>
    private static string? RepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Socializer.sln"))) return dir.FullName;
        return null;
    }
}
