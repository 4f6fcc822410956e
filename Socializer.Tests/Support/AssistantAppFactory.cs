using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Socializer.Core.Data;

namespace Socializer.Tests.Support;

/// <summary>The real app with AI settings of the test's choosing, counting the DbContexts it creates and disposes.</summary>
public class AssistantAppFactory : SocializerAppFactory
{
    private readonly IReadOnlyDictionary<string, string> ai;

    public AssistantAppFactory() : this(new Dictionary<string, string>()) { }

    internal AssistantAppFactory(IReadOnlyDictionary<string, string> ai) => this.ai = ai;

    public CountingDbContextFactory Contexts => Services.GetRequiredService<CountingDbContextFactory>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        foreach (var (key, value) in ai) builder.UseSetting($"AI:{key}", value);
        builder.ConfigureServices(services =>
        {
            var original = services.Single(d => d.ServiceType == typeof(IDbContextFactory<AppDbContext>));
            services.Remove(original);
            services.AddSingleton(sp => new CountingDbContextFactory(original.ImplementationFactory is { } create
                ? (IDbContextFactory<AppDbContext>)create(sp)
                : (IDbContextFactory<AppDbContext>)ActivatorUtilities.CreateInstance(sp, original.ImplementationType!)));
            services.AddSingleton<IDbContextFactory<AppDbContext>>(sp => sp.GetRequiredService<CountingDbContextFactory>());
        });
    }

    /// <summary>A port on loopback where nothing listens: connections are refused at once.</summary>
    public static int ClosedPort()
    {
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        return ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
    }
}
