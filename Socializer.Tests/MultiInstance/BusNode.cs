using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Socializer.Core.Chat;
using Socializer.Core.MultiInstance;

namespace Socializer.Tests.MultiInstance;

/// <summary>
/// One app instance's bus, presence and Redis membership, wired by the real AddSocializerChat + AddSocializerBus,
/// without the web host. Several nodes on one Redis with one key prefix behave like several instances.
/// </summary>
public sealed class BusNode : IAsyncDisposable
{
    private readonly ServiceProvider services;
    private readonly List<IHostedService> started = [];

    private BusNode(ServiceProvider services) => this.services = services;

    public IChatBus Bus => services.GetRequiredService<IChatBus>();
    public PresenceTracker Presence => services.GetRequiredService<PresenceTracker>();
    public IBusHealth Health => services.GetRequiredService<IBusHealth>();
    public InstanceIdentity Instance => services.GetRequiredService<InstanceIdentity>();

    public static async Task<BusNode> StartAsync(string redis, string prefix, string name, double heartbeatSeconds = 0.5, double ttlSeconds = 2)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Bus:Provider"] = "Redis",
            ["Bus:Redis"] = redis,
            ["Bus:KeyPrefix"] = prefix,
            ["Bus:InstanceName"] = name,
            ["Bus:HeartbeatSeconds"] = heartbeatSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Bus:PresenceTtlSeconds"] = ttlSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }).Build();
        var collection = new ServiceCollection().AddLogging();
        collection.AddSocializerChat();
        collection.AddSocializerBus(configuration);
        var node = new BusNode(collection.BuildServiceProvider());
        foreach (var hosted in node.services.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
            node.started.Add(hosted);
        }
        for (var waited = 0; node.Health.Status().IsDegraded; waited += 50)
        {
            if (waited > 10_000) throw new InvalidOperationException($"Node {name} did not join Redis: {node.Health.Status().Description}");
            await Task.Delay(50);
        }
        return node;
    }

    /// <summary>Stops the heartbeat without leaving cleanly, as a killed process would: the others must notice by the TTL.</summary>
    public async Task CrashAsync()
    {
        services.GetRequiredService<RedisConnection>().Dispose(); // gone at once: no goodbye reaches Redis
        await DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var hosted in started) await hosted.StopAsync(CancellationToken.None);
        started.Clear();
        await services.DisposeAsync();
    }
}
