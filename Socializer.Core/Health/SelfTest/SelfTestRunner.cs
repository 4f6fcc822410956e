using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Socializer.Core.Accounts;
using Socializer.Core.Data;

namespace Socializer.Core.Health.SelfTest;

public sealed record SelfTestResult(
    string Workload,
    int Requested,
    int Succeeded,
    int Failed,
    IReadOnlyList<string> Errors,
    double P50Ms,
    double P95Ms,
    double TotalMs,
    int BaselineContexts,
    int BaselineConnections,
    int PeakContexts,
    int ContextsAfter,
    int ConnectionsAfter,
    bool ReturnedToBaseline,
    bool CleanedUp);

/// <summary>
/// "Run load check": N concurrent operations as a dedicated synthetic user, then the data is removed and the
/// gauges are watched until they are back where they started.
/// </summary>
public sealed class SelfTestRunner(
    IServiceScopeFactory scopes,
    IDbContextFactory<AppDbContext> dbFactory,
    ContextTracker contexts,
    ConnectionTracker connections,
    ILogger<SelfTestRunner> logger)
{
    public const string SyntheticUserName = "selftest-synthetic";
    public const string SyntheticEmail = "selftest@socializer.invalid";
    private const string NormalizedSyntheticUserName = "SELFTEST-SYNTHETIC";
    public const int MaxConcurrency = 1000;
    private static readonly TimeSpan BaselineWait = TimeSpan.FromSeconds(10);

    private int running;

    public bool IsRunning => Volatile.Read(ref running) == 1;

    /// <summary>Null when a run is already going.</summary>
    public async Task<SelfTestResult?> RunAsync(int count, CancellationToken ct)
    {
        if (count is < 1 or > MaxConcurrency) throw new ArgumentOutOfRangeException(nameof(count), $"Choose 1 to {MaxConcurrency} operations.");
        if (Interlocked.Exchange(ref running, 1) == 1) return null;
        try { return await RunExclusiveAsync(count, ct); }
        finally { Volatile.Write(ref running, 0); }
    }

    private async Task<SelfTestResult> RunExclusiveAsync(int count, CancellationToken ct)
    {
        var baselineContexts = contexts.LiveCount;
        var baselineConnections = connections.OpenCount;
        var userId = await EnsureSyntheticUserAsync(ct);
        string workloadName;
        await using (var scope = scopes.CreateAsyncScope())
            workloadName = scope.ServiceProvider.GetRequiredService<ISelfTestWorkload>().Name;

        contexts.ResetPeak();
        var total = Stopwatch.StartNew();
        var outcomes = await Task.WhenAll(Enumerable.Range(0, count).Select(i => Task.Run(() => RunOneAsync(userId, i, ct), ct)));
        total.Stop();
        var peak = contexts.PeakLive;

        var cleanedUp = await CleanupAsync(userId, ct);
        var returned = await WaitForBaselineAsync(baselineContexts, baselineConnections, ct);

        var latencies = outcomes.Select(o => o.Milliseconds).Order().ToArray();
        var errors = outcomes.Where(o => o.Error is not null).Select(o => o.Error!).Distinct().Take(5).ToList();
        return new SelfTestResult(workloadName, count, outcomes.Count(o => o.Error is null), outcomes.Count(o => o.Error is not null), errors,
            Percentile.Of(latencies, 0.50), Percentile.Of(latencies, 0.95), total.Elapsed.TotalMilliseconds,
            baselineContexts, baselineConnections, peak, contexts.LiveCount, connections.OpenCount, returned, cleanedUp);
    }

    private async Task<(double Milliseconds, string? Error)> RunOneAsync(string userId, int index, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ISelfTestWorkload>().RunOnceAsync(userId, index, ct);
            return (Stopwatch.GetElapsedTime(started).TotalMilliseconds, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return (Stopwatch.GetElapsedTime(started).TotalMilliseconds, $"{ex.GetType().Name}: {ex.Message}");
        }
    }

    private async Task<string> EnsureSyntheticUserAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var existing = await db.Users.Where(u => u.NormalizedUserName == NormalizedSyntheticUserName).Select(u => u.Id).FirstOrDefaultAsync(ct);
        if (existing is not null) return existing;
        // Locked out and without a password: nobody can sign in as the synthetic user.
        var user = new AppUser
        {
            UserName = SyntheticUserName,
            NormalizedUserName = NormalizedSyntheticUserName,
            Email = SyntheticEmail,
            NormalizedEmail = SyntheticEmail.ToUpperInvariant(),
            DisplayName = "Self-test (synthetic)",
            LockoutEnabled = true,
            LockoutEnd = DateTimeOffset.MaxValue,
            SecurityStamp = Guid.NewGuid().ToString("N"),
        };
        db.Users.Add(user);
        await db.SaveChangesAsync(ct);
        return user.Id;
    }

    private async Task<bool> CleanupAsync(string userId, CancellationToken ct)
    {
        try
        {
            await using (var scope = scopes.CreateAsyncScope())
                await scope.ServiceProvider.GetRequiredService<ISelfTestWorkload>().CleanupAsync(userId, ct);
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            await db.Users.Where(u => u.Id == userId).ExecuteDeleteAsync(ct);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Self-test cleanup failed for synthetic user {UserId}", userId);
            return false;
        }
    }

    private async Task<bool> WaitForBaselineAsync(int baselineContexts, int baselineConnections, CancellationToken ct)
    {
        var waited = Stopwatch.StartNew();
        while (contexts.LiveCount > baselineContexts || connections.OpenCount > baselineConnections)
        {
            if (waited.Elapsed > BaselineWait) return false;
            await Task.Delay(50, ct);
        }
        return true;
    }
}
