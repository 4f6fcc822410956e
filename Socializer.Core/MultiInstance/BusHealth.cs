using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Socializer.Core.MultiInstance;

/// <summary>How the event bus is doing, in a sentence an operator can act on.</summary>
public sealed record BusStatus(BusProvider Provider, bool IsDegraded, string Description, string Instance, IReadOnlyList<string> OtherInstances);

public interface IBusHealth
{
    BusStatus Status();
}

public sealed class InMemoryBusHealth(InstanceIdentity instance) : IBusHealth
{
    public BusStatus Status() => new(BusProvider.InMemory, false,
        "In-process bus: this one instance delivers every event itself. Set Bus:Provider=Redis to run several instances.",
        instance.Name, []);
}

public sealed class RedisBusHealth(RedisConnection redis, RedisChatBus bus, RedisPresenceBackplane presence, InstanceIdentity instance) : IBusHealth
{
    public BusStatus Status()
    {
        var others = presence.OtherInstances;
        var downSince = redis.DownSince;
        if (downSince is not null || !bus.IsSubscribed)
        {
            var when = downSince is { } s ? $" since {s.ToString("HH:mm:ss", CultureInfo.InvariantCulture)} UTC" : "";
            var why = redis.LastFailure is { } reason ? $" ({reason})" : "";
            return new(BusProvider.Redis, true,
                $"Degraded: Redis at {redis.Endpoints} is unreachable{when}{why}. This instance keeps serving its own users live, " +
                $"but messages, typing and presence from other instances do not arrive until Redis returns ({bus.EventsNotForwarded} events stayed here). " +
                "It reconnects by itself.",
                instance.Id, others);
        }
        var peers = others.Count switch
        {
            0 => "no other instance is running",
            1 => "1 other instance is live",
            var n => $"{n} other instances are live",
        };
        return new(BusProvider.Redis, false,
            $"Redis bus connected to {redis.Endpoints}: events reach every instance; {peers}.", instance.Id, others);
    }
}

/// <summary>The "bus" entry of /health and /health/ready: Degraded (still HTTP 200) while Redis is away.</summary>
public sealed class BusHealthCheck(IBusHealth health) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = health.Status();
        var data = new Dictionary<string, object> { ["provider"] = status.Provider.ToString(), ["instance"] = status.Instance };
        return Task.FromResult(status.IsDegraded
            ? HealthCheckResult.Degraded(status.Description, data: data)
            : HealthCheckResult.Healthy(status.Description, data));
    }
}
