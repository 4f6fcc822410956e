using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Socializer.Core.Health.SelfTest;

namespace Socializer.Core.Health;

public static class HealthServiceCollectionExtensions
{
    /// <summary>
    /// The sampler, the snapshot, the product's meter, the self-test and the leak drill. Context and connection
    /// tracking itself is part of AddSocializerData, so it runs even where this is not registered.
    /// </summary>
    public static IServiceCollection AddSocializerHealthMonitoring(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton<AiRequestTracker>();
        services.AddSingleton(sp => new MeterReadings(sp.GetService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.AddSingleton<NpgsqlPoolMeter>();
        services.AddSingleton<HealthSampler>();
        services.AddHostedService<HealthSamplerService>();
        services.AddSingleton<PoolHealthMonitor>();
        services.AddSingleton<SocializerMetrics>();
        services.AddSingleton<SelfTestRunner>();
        services.TryAddScoped<ISelfTestWorkload, DatabaseSelfTestWorkload>();
        services.AddSingleton<LeakDrill>();
        return services;
    }
}
