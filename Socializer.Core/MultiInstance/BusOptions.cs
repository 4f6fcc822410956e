using Microsoft.Extensions.Configuration;

namespace Socializer.Core.MultiInstance;

public enum BusProvider
{
    /// <summary>One app instance: events stay in this process.</summary>
    InMemory,
    /// <summary>Several app instances: events and presence also travel through Redis.</summary>
    Redis,
}

/// <summary>
/// The <c>Bus:*</c> settings. <see cref="Provider"/> picks the bus; with Redis, <see cref="Redis"/> is a
/// StackExchange.Redis connection string ("127.0.0.1:6379,password=…"). <see cref="PresenceTtl"/> is how long a
/// crashed instance's users stay online on the others; each instance renews its entry every
/// <see cref="HeartbeatInterval"/>, which must be well below the TTL.
/// </summary>
public sealed record BusOptions
{
    public BusProvider Provider { get; init; } = BusProvider.InMemory;
    public string? Redis { get; init; }
    /// <summary>Prefix of every Redis key and channel, so several deployments can share one Redis.</summary>
    public string KeyPrefix { get; init; } = "socializer";
    /// <summary>How this instance is named in Redis and on the health page; defaults to host name and process id.</summary>
    public string InstanceName { get; init; } = $"{Environment.MachineName}:{Environment.ProcessId}";
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(5);
    public TimeSpan PresenceTtl { get; init; } = TimeSpan.FromSeconds(15);
    /// <summary>With the Redis bus, data-protection keys go to Redis too, unless this is false (then the key folder must be shared).</summary>
    public bool DataProtectionKeysInRedis { get; init; } = true;

    /// <summary>Reads and checks the Bus section; a wrong value stops the start-up with a sentence saying which.</summary>
    public static BusOptions From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Bus");
        var defaults = new BusOptions();
        var providerText = section["Provider"];
        var provider = BusProvider.InMemory;
        if (!string.IsNullOrWhiteSpace(providerText) && !Enum.TryParse(providerText, ignoreCase: true, out provider))
            throw new InvalidOperationException($"Bus:Provider '{providerText}' is unknown: use InMemory or Redis.");
        var options = new BusOptions
        {
            Provider = provider,
            Redis = section["Redis"],
            KeyPrefix = section["KeyPrefix"] is { Length: > 0 } prefix ? prefix : defaults.KeyPrefix,
            InstanceName = section["InstanceName"] is { Length: > 0 } name ? name : defaults.InstanceName,
            HeartbeatInterval = TimeSpan.FromSeconds(section.GetValue("HeartbeatSeconds", defaults.HeartbeatInterval.TotalSeconds)),
            PresenceTtl = TimeSpan.FromSeconds(section.GetValue("PresenceTtlSeconds", defaults.PresenceTtl.TotalSeconds)),
            DataProtectionKeysInRedis = section.GetValue("DataProtectionKeysInRedis", true),
        };
        if (options.Provider == BusProvider.Redis && string.IsNullOrWhiteSpace(options.Redis))
            throw new InvalidOperationException("Bus:Provider is Redis but Bus:Redis (the Redis connection string) is empty.");
        if (options.HeartbeatInterval <= TimeSpan.Zero || options.PresenceTtl < options.HeartbeatInterval * 2)
            throw new InvalidOperationException("Bus:HeartbeatSeconds must be positive and Bus:PresenceTtlSeconds at least twice as long.");
        return options;
    }
}
