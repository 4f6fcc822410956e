using System.Diagnostics;
using System.Runtime;
using System.Runtime.InteropServices;

namespace Socializer.Bench;

/// <summary>Runs every section against one fresh app and one ceiling server, then stops both.</summary>
public static class BenchmarkRunner
{
    public static async Task<BenchmarkReport> RunAsync(BenchOptions options, TextWriter log, string? repositoryRoot = null)
    {
        var total = Stopwatch.StartNew();
        var startedAt = DateTimeOffset.UtcNow;
        var loadAtStart = LoadAverage();
        var directory = Path.Combine(Path.GetTempPath(), "socializer-bench", Guid.NewGuid().ToString("N"));
        try
        {
            await using var app = new SocializerUnderTest(directory, options);
            await app.StartAsync();
            log.WriteLine($"Socializer on {app.BaseAddress} (database {app.DatabaseName})");
            var maxConnections = options.Concurrencies.Append(options.OriginParallel).Max() + 10;
            using var client = SocializerUnderTest.NewClient(app.BaseAddress, maxConnections);
            var users = await SocializerUnderTest.CreateUsersAsync(client, options.Users);
            var adminToken = await SocializerUnderTest.AdminTokenAsync(client);
            log.WriteLine($"{users.Count} users registered and signed in");

            await using var ceiling = await CeilingServer.StartAsync(Path.Combine(directory, "ceiling.db"), options.Users);
            using var ceilingClient = SocializerUnderTest.NewClient(ceiling.BaseAddress, maxConnections);
            log.WriteLine($"Ceiling on {ceiling.BaseAddress}");

            var checks = await Scenarios.CheckMessagesAsync(client, users[0].Token);
            Func<int, CancellationToken, Task<string?>> socializer = (i, ct) => Scenarios.SendAiChatAsync(client, users[i % users.Count].Token, Scenarios.MessageFor(i), ct);
            Func<int, CancellationToken, Task<string?>> bare = (i, ct) => Scenarios.SendCeilingAsync(ceilingClient, i % users.Count, Scenarios.MessageFor(i), ct);
            var first = options.Concurrencies[0];
            await LoadGenerator.RunAsync(options.WarmupRequests, first, options.LevelTimeLimit, socializer);
            await LoadGenerator.RunAsync(options.WarmupRequests, first, options.LevelTimeLimit, bare);
            log.WriteLine("Warmed up");

            FullGc();
            var idleWorkingSet = Environment.WorkingSet;
            var heapBefore = GC.GetTotalMemory(forceFullCollection: true);

            var levels = new List<LoadLevel>();
            long peakWorkingSet;
            using (var sampler = new WorkingSetSampler())
            {
                foreach (var concurrency in options.Concurrencies)
                {
                    var app1 = await LoadGenerator.RunAsync(options.Requests, concurrency, options.LevelTimeLimit, socializer);
                    var pool = await SocializerUnderTest.ReadPoolAsync(client, adminToken);
                    var raw = await LoadGenerator.RunAsync(options.Requests, concurrency, options.LevelTimeLimit, bare);
                    var level = new LoadLevel(concurrency, app1, raw, raw.RequestsPerSecond == 0 ? 0 : app1.RequestsPerSecond / raw.RequestsPerSecond, pool);
                    levels.Add(level);
                    log.WriteLine($"  c={concurrency,3}: Socializer {app1.RequestsPerSecond,7:F0} req/s p99 {app1.P99Ms,6:F1} ms errors {app1.Completed - app1.Succeeded}; " +
                                  $"ceiling {raw.RequestsPerSecond,7:F0} req/s p99 {raw.P99Ms,6:F1} ms; ratio {level.Ratio:F2}; live contexts {pool.LiveContexts}, open connections {pool.OpenConnections}");
                }
                peakWorkingSet = sampler.Peak;
            }
            var afterWorkingSetBeforeGc = Environment.WorkingSet;
            FullGc();
            var heapAfter = GC.GetTotalMemory(forceFullCollection: true);
            var memory = new MemoryResult(idleWorkingSet, Math.Max(peakWorkingSet, afterWorkingSetBeforeGc), Environment.WorkingSet, heapBefore, heapAfter);

            var origin = await Scenarios.OriginAsync(client, users, adminToken, options.OriginRounds, options.OriginParallel);
            log.WriteLine($"Origin: {origin.Succeeded}/{origin.Rounds * origin.Parallel} succeeded, back to 0 live contexts after {origin.RoundsBackToZero}/{origin.Rounds} rounds");

            var fanOut = new List<FanOutResult>();
            foreach (var size in options.FanOutSizes)
            {
                var result = await Scenarios.FanOutAsync(size, options.FanOutMessages);
                fanOut.Add(result);
                log.WriteLine($"  fan-out {size,5}: p50 {result.P50Ms:F3} ms, p99 {result.P99Ms:F3} ms");
            }

            var history = await Scenarios.HistoryAsync(app, users[0].UserId, options.HistorySizes, options.HistoryRepeats, log);

            var circuits = await CircuitsScenario.RunAsync(app, client, adminToken, options.CircuitSizes, log);

            return new BenchmarkReport(
                Machine(repositoryRoot, startedAt, loadAtStart), options, SocializerUnderTest.RequestsPerMinutePerUser,
                checks, levels, origin, fanOut, history, memory, circuits, total.Elapsed.TotalSeconds);
        }
        finally
        {
            try { Directory.Delete(directory, recursive: true); }
            catch (IOException) { }
        }
    }

    internal static void FullGc()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
    }

    private static MachineInfo Machine(string? repositoryRoot, DateTimeOffset startedAt, string loadAtStart)
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown"
            : "unknown";
        var commit = repositoryRoot is null ? "unknown" : Git(repositoryRoot, "rev-parse HEAD") ?? "unknown";
        var dirty = repositoryRoot is not null && !string.IsNullOrWhiteSpace(Git(repositoryRoot, "status --porcelain --untracked-files=no"));
        return new MachineInfo(Environment.ProcessorCount, cpu, Math.Round(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1024.0 / 1024 / 1024, 1),
            RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription,
            GCSettings.IsServerGC ? "Server GC" : "Workstation GC", commit, dirty, loadAtStart, LoadAverage(), startedAt);
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static string? Git(string directory, string arguments)
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", $"-C \"{directory}\" {arguments}") { RedirectStandardOutput = true, RedirectStandardError = true });
            if (git is null) return null;
            var output = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception) { return null; }
    }

    /// <summary>Samples this process's working set four times a second and keeps the highest.</summary>
    private sealed class WorkingSetSampler : IDisposable
    {
        private readonly Timer timer;
        private long peak;

        public WorkingSetSampler() => timer = new Timer(_ => Sample(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(250));

        public long Peak
        {
            get
            {
                Sample();
                return Interlocked.Read(ref peak);
            }
        }

        private void Sample()
        {
            var now = Environment.WorkingSet;
            long seen;
            while (now > (seen = Interlocked.Read(ref peak)) && Interlocked.CompareExchange(ref peak, now, seen) != seen) { }
        }

        public void Dispose() => timer.Dispose();
    }
}
