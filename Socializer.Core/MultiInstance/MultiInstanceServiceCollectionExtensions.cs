using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Socializer.Core.Chat;

namespace Socializer.Core.MultiInstance;

public static class MultiInstanceServiceCollectionExtensions
{
    /// <summary>
    /// The event bus chosen by <c>Bus:Provider</c> (<see cref="BusOptions"/>), its health check, and with Redis the
    /// presence backplane and the shared data-protection key ring. Call after AddSocializerChat and AddSocializerPrivacy.
    /// </summary>
    public static IServiceCollection AddSocializerBus(this IServiceCollection services, IConfiguration configuration)
    {
        var options = BusOptions.From(configuration);
        services.AddSingleton(options);
        services.AddSingleton(InstanceIdentity.Create(options));
        services.TryAddSingleton(TimeProvider.System);
        services.AddHealthChecks().AddCheck<BusHealthCheck>("bus", tags: ["ready"]);
        if (options.Provider == BusProvider.InMemory)
        {
            services.AddSingleton<IBusHealth, InMemoryBusHealth>();
            return services;
        }

        services.AddSingleton<RedisConnection>();
        services.AddSingleton<RedisChatBus>();
        services.AddSingleton<RedisPresenceBackplane>();
        services.Replace(ServiceDescriptor.Singleton<IChatBus>(sp => sp.GetRequiredService<RedisChatBus>()));
        services.Replace(ServiceDescriptor.Singleton<IPresenceBackplane>(sp => sp.GetRequiredService<RedisPresenceBackplane>()));
        services.AddSingleton<IBusHealth, RedisBusHealth>();
        services.AddHostedService<RedisBackplaneService>();
        if (options.DataProtectionKeysInRedis)
        {
            // PostConfigure: runs after AddSocializerPrivacy's key folder is set, and keeps that folder as the copy.
            services.AddOptions<KeyManagementOptions>().PostConfigure<RedisConnection, ILoggerFactory>((keys, redis, loggers) =>
            {
                var shared = new RedisXmlRepository(() => redis.Database, $"{options.KeyPrefix}:dataprotection-keys");
                keys.XmlRepository = keys.XmlRepository is { } localCopy
                    ? new MirroredKeyRepository(shared, localCopy, loggers.CreateLogger<MirroredKeyRepository>())
                    : shared;
            });
        }
        return services;
    }
}
