using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Socializer.Core.MultiInstance;

/// <summary>
/// Joins this instance to the others through Redis at start, then keeps the membership alive: every heartbeat it
/// (re)subscribes if Redis was away at start, renews this instance's presence and reads the others'. When a lost
/// connection comes back it beats at once, so presence is repaired without waiting for the next tick.
/// </summary>
public sealed class RedisBackplaneService(
    RedisChatBus bus, RedisPresenceBackplane presence, RedisConnection redis, BusOptions options, TimeProvider clock,
    ILogger<RedisBackplaneService> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource stopping = new();
    private readonly SemaphoreSlim beating = new(1, 1);
    private Task? loop;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        presence.InstanceGone += bus.ForgetInstanceAsync;
        redis.Restored += OnRestored;
        // Subscribed before the app takes requests, unless Redis is away (then the heartbeat keeps trying).
        // The subscription socket may still be connecting just after the first connect: give it a moment.
        await BeatAsync(waitForRunningBeat: true);
        for (var attempt = 0; attempt < 20 && !bus.IsSubscribed && redis.IsConnected; attempt++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250), clock, cancellationToken);
            await BeatAsync(waitForRunningBeat: true);
        }
        loop = Task.Run(() => RunAsync(stopping.Token), CancellationToken.None);
    }

    private async Task RunAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(options.HeartbeatInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(ct)) await BeatAsync();
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private void OnRestored() => _ = Task.Run(BeatAsync);

    private async Task BeatAsync() => await BeatAsync(waitForRunningBeat: false);

    private async Task BeatAsync(bool waitForRunningBeat)
    {
        // Otherwise a beat already running will do: beats are idempotent.
        if (!await beating.WaitAsync(waitForRunningBeat ? Timeout.Infinite : 0)) return;
        try
        {
            await bus.EnsureSubscribedAsync();
            await presence.EnsureSubscribedAsync();
            await presence.HeartbeatAsync();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The loop must outlive any surprise; Redis outages themselves are handled (and shown) inside.
            logger.LogError(ex, "The Redis heartbeat failed");
        }
        finally
        {
            beating.Release();
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        redis.Restored -= OnRestored;
        await stopping.CancelAsync();
        if (loop is not null) await loop.WaitAsync(cancellationToken);
        await presence.LeaveAsync();
    }

    public void Dispose()
    {
        stopping.Dispose();
        beating.Dispose();
    }
}
