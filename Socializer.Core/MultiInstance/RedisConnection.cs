using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Socializer.Core.MultiInstance;

/// <summary>
/// The instance's one Redis connection (a multiplexer is meant to be shared). It never stops the app: the first
/// connect may fail, and a lost connection is retried in the background; <see cref="DownSince"/> says how long
/// Redis has been unreachable, for the health page.
/// </summary>
public sealed class RedisConnection : IDisposable
{
    private readonly ConnectionMultiplexer multiplexer;
    private readonly TimeProvider clock;
    private readonly ILogger<RedisConnection> logger;
    private readonly Lock gate = new();
    private DateTimeOffset? downSince;
    private string? lastFailure;

    public RedisConnection(BusOptions options, TimeProvider clock, ILogger<RedisConnection> logger)
    {
        this.clock = clock;
        this.logger = logger;
        var configuration = ConfigurationOptions.Parse(options.Redis ?? throw new InvalidOperationException("Bus:Redis is empty."));
        // Start and keep serving this instance's users while Redis is away; reconnect in the background.
        configuration.AbortOnConnectFail = false;
        // While disconnected, a command fails at once instead of queueing: nothing a user does waits for Redis.
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        configuration.ClientName ??= "socializer-" + options.InstanceName.Replace(' ', '-').Replace(':', '-');
        Endpoints = string.Join(", ", configuration.EndPoints.Select(e => e.ToString()));
        multiplexer = ConnectionMultiplexer.Connect(configuration);
        multiplexer.ConnectionFailed += OnConnectionFailed;
        multiplexer.ConnectionRestored += OnConnectionRestored;
        if (!multiplexer.IsConnected) MarkDown("the first connection attempt failed");
    }

    /// <summary>Where Redis is expected ("127.0.0.1:6379"), without credentials.</summary>
    public string Endpoints { get; }

    public bool IsConnected => multiplexer.IsConnected;

    public IDatabase Database => multiplexer.GetDatabase();

    public ISubscriber Subscriber => multiplexer.GetSubscriber();

    /// <summary>When Redis became unreachable, or null while it answers.</summary>
    public DateTimeOffset? DownSince
    {
        get
        {
            lock (gate)
            {
                if (downSince is not null && multiplexer.IsConnected) downSince = null;
                return downSince;
            }
        }
    }

    public string? LastFailure
    {
        get { lock (gate) return lastFailure; }
    }

    /// <summary>Raised (on a Redis thread) when a connection comes back; listeners re-announce their state.</summary>
    public event Action? Restored;

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e)
    {
        logger.LogWarning(e.Exception, "Redis connection ({ConnectionType}) to {Endpoint} failed: {FailureType}", e.ConnectionType, e.EndPoint, e.FailureType);
        MarkDown($"{e.FailureType} ({e.ConnectionType} connection)");
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        logger.LogInformation("Redis connection ({ConnectionType}) to {Endpoint} restored", e.ConnectionType, e.EndPoint);
        Restored?.Invoke();
    }

    /// <summary>Also called by users of the connection when a command fails, so the health page shows it at once.</summary>
    public void MarkDown(string reason)
    {
        lock (gate)
        {
            downSince ??= clock.GetUtcNow();
            lastFailure = reason;
        }
    }

    public void Dispose() => multiplexer.Dispose();
}
