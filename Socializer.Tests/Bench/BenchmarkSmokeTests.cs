using System.Text.Json;
using Socializer.Bench;
using Socializer.Tests.Support;

namespace Socializer.Tests.Bench;

/// <summary>
/// A tiny run of every section against the real app (CI also runs the quick mode), so the benchmark cannot rot.
/// Correctness only, no timing assertions.
/// </summary>
public sealed class BenchmarkSmokeTests
{
    [Fact]
    public async Task A_smoke_run_goes_through_every_section_without_errors_or_leaks_and_writes_its_report()
    {
        var options = BenchOptions.Smoke;

        var report = await BenchmarkRunner.RunAsync(options, TextWriter.Null);

        Assert.Contains(report.MessageChecks, c => c.ToolsUsed.Count > 0);
        var level = Assert.Single(report.Load);
        Assert.Equal(options.Requests, level.Socializer.Succeeded);
        Assert.Equal(options.Requests, level.Ceiling.Succeeded);
        Assert.Empty(level.Socializer.Errors);
        Assert.Equal(0, level.PoolAfter.LiveContexts);
        Assert.Equal(0, level.PoolAfter.OpenConnections);
        Assert.Equal(options.OriginRounds * options.OriginParallel, report.Origin.Succeeded);
        Assert.Equal(options.OriginRounds, report.Origin.RoundsBackToZero);
        Assert.Equal(options.FanOutSizes, report.FanOut.Select(f => f.Subscribers));
        var history = Assert.Single(report.History);
        Assert.Equal(1, history.RareHits); // one "zebra" per 1,000 messages
        Assert.True(history.CommonHits > 0);
        Assert.True(report.Memory.HeapAfterLoadBytes > 0);

        var directory = Path.Combine(Path.GetTempPath(), "socializer-bench-tests", Guid.NewGuid().ToString("N"));
        try
        {
            var (markdown, json) = await BenchMain.WriteAsync(report, directory);

            var text = await File.ReadAllTextAsync(markdown);
            foreach (var heading in new[] { "## 1. AI chat API under load", "## 3. The origin scenario", "## 4. Message fan-out", "## 5. History scaling", "## 6. Memory" })
                Assert.Contains(heading, text, StringComparison.Ordinal);
            var parsed = JsonSerializer.Deserialize<JsonElement>(await File.ReadAllTextAsync(json));
            Assert.Equal(Environment.ProcessorCount, parsed.GetProperty("machine").GetProperty("cores").GetInt32());
            Assert.Equal(options.Requests, parsed.GetProperty("load")[0].GetProperty("socializer").GetProperty("requests").GetInt32());
        }
        finally { Directory.Delete(directory, recursive: true); }
    }

    [Fact]
    [Trait(TestCategories.Name, TestCategories.Postgres)]
    public async Task A_smoke_run_on_PostgreSQL_leaves_no_live_context_and_renders_beside_SQLite()
    {
        var options = BenchOptions.Smoke with { Database = "postgres", PostgresConnection = PostgresTestServer.AdminConnectionString, CircuitSizes = [] };

        var postgres = await BenchmarkRunner.RunAsync(options, TextWriter.Null);

        var level = Assert.Single(postgres.Load);
        Assert.Equal(options.Requests, level.Socializer.Succeeded);
        Assert.Equal(0, level.PoolAfter.LiveContexts);
        Assert.Equal(0, level.PoolAfter.OpenConnections);
        Assert.Equal(options.OriginRounds, postgres.Origin.RoundsBackToZero);
        Assert.Equal(1, Assert.Single(postgres.History).RareHits);

        var section = ProviderComparison.Render(postgres, postgres);
        Assert.Contains("## SQLite and PostgreSQL side by side", section, StringComparison.Ordinal);
        Assert.Contains($"| {options.Concurrencies[0]} | ", section, StringComparison.Ordinal);
        Assert.Contains($"| {options.HistorySizes[0].ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} | ", section, StringComparison.Ordinal);
    }
}
