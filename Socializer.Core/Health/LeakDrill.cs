using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Socializer.Core.Data;

namespace Socializer.Core.Health;

public sealed record DrillLeak(Guid ContextId, string Kind, DateTimeOffset Since, DateTimeOffset ReleasesAt);

public sealed record WriteProbe(bool Blocked, string Outcome, double Milliseconds);

/// <summary>
/// Development only: leaks a context on purpose (optionally holding a write transaction, which blocks every
/// other writer) so an operator can watch detection work. Each leak frees itself after its time; ReleaseAll frees now.
/// Deliberately breaks the one-context-per-operation rule: the leaked contexts are kept as IAsyncDisposable.
/// </summary>
public sealed class LeakDrill(IDbContextFactory<AppDbContext> dbFactory, TimeProvider time, ILogger<LeakDrill> logger)
{
    public const int MaxSeconds = 600;
    public const int ProbeWaitMs = 250;
    private readonly Lock gate = new();
    private readonly Dictionary<Guid, (DrillLeak Leak, IAsyncDisposable Context, CancellationTokenSource Timer)> active = [];

    public IReadOnlyList<DrillLeak> Active
    {
        get { lock (gate) return [.. active.Values.Select(a => a.Leak)]; }
    }

    /// <summary>A context that is never disposed; it holds no connection (EF closes it after each command).</summary>
    public async Task<DrillLeak> LeakContextAsync(int seconds, CancellationToken ct)
    {
        var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Users.CountAsync(ct);
        return Keep(db, "context", seconds);
    }

    /// <summary>
    /// A context holding an open write transaction, and so a pooled connection: on SQLite every other writer waits, then
    /// fails; on PostgreSQL writers carry on, but each such leak takes one connection out of the pool for good.
    /// </summary>
    public async Task<DrillLeak> LeakTransactionAsync(int seconds, CancellationToken ct)
    {
        var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.BeginTransactionAsync(ct);
        await db.Users.CountAsync(ct);
        return Keep(db, "context holding a transaction", seconds);
    }

    /// <summary>
    /// Tries one short write, waiting at most <see cref="ProbeWaitMs"/> for a connection and for the lock: shows what
    /// a leak blocks (SQLite's single writer, or an exhausted PostgreSQL pool).
    /// </summary>
    public async Task<WriteProbe> ProbeWriteAsync(CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
        // Only an exhausted PostgreSQL pool makes opening wait; SQLite opens at once and waits for the lock below, and
        // bounding its open by the probe's time only made a busy machine look like a blocked writer.
        if (!db.Database.IsSqlite()) wait.CancelAfter(ProbeWaitMs);
        try
        {
            await db.Database.OpenConnectionAsync(wait.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new WriteProbe(true, $"A writer was blocked: no pooled connection came free within {ProbeWaitMs} ms.", Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        try
        {
            if (db.Database.IsSqlite()) await db.Database.ExecuteSqlRawAsync($"PRAGMA busy_timeout={ProbeWaitMs};", ct);
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await transaction.RollbackAsync(ct);
            return new WriteProbe(false, "A writer got the lock at once.", Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception ex) when (DatabaseErrors.IsBusy(ex))
        {
            return new WriteProbe(true, $"A writer was blocked: {ex.Message}", Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    public async Task<int> ReleaseAllAsync()
    {
        List<Guid> ids;
        lock (gate) ids = [.. active.Keys];
        foreach (var id in ids) await ReleaseAsync(id);
        return ids.Count;
    }

    private DrillLeak Keep(AppDbContext db, string kind, int seconds)
    {
        seconds = Math.Clamp(seconds, 1, MaxSeconds);
        var now = time.GetUtcNow();
        var leak = new DrillLeak(db.ContextId.InstanceId, kind, now, now.AddSeconds(seconds));
        var timer = new CancellationTokenSource();
        lock (gate) active[leak.ContextId] = (leak, db, timer);
        logger.LogWarning("Leak drill: leaked a {Kind} for {Seconds} s on purpose", kind, seconds);
        _ = ReleaseLaterAsync(leak.ContextId, TimeSpan.FromSeconds(seconds), timer.Token);
        return leak;
    }

    private async Task ReleaseLaterAsync(Guid id, TimeSpan after, CancellationToken ct)
    {
        try
        {
            await Task.Delay(after, time, ct);
            await ReleaseAsync(id);
        }
        catch (OperationCanceledException) { } // released by hand first
    }

    private async Task ReleaseAsync(Guid id)
    {
        (DrillLeak Leak, IAsyncDisposable Context, CancellationTokenSource Timer) entry;
        lock (gate)
        {
            if (!active.Remove(id, out entry)) return;
        }
        await entry.Timer.CancelAsync();
        entry.Timer.Dispose();
        await entry.Context.DisposeAsync();
        logger.LogInformation("Leak drill: released the {Kind}", entry.Leak.Kind);
    }
}
