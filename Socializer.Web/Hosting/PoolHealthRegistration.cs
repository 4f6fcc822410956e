using System.Net;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;
using Socializer.Core.Administration;
using Socializer.Core.Health;
using Socializer.Web.Api;

namespace Socializer.Web.Hosting;

/// <summary>Whether the leak drill may run here: Development, or Health:DrillsEnabled=true.</summary>
public sealed record DrillAvailability(bool Enabled);

public static class PoolHealthRegistration
{
    public const string MetricsPath = "/metrics";

    /// <summary>Pool health (sampler, snapshot, self-test, leak drill), Admin → Users, metrics for Prometheus, live/ready checks.</summary>
    public static IServiceCollection AddSocializerHealth(this IServiceCollection services, IHostEnvironment environment)
    {
        services.AddSocializerHealthMonitoring();
        services.AddSingleton(sp => new DrillAvailability(sp.GetRequiredService<HealthOptions>().DrillsEnabled ?? environment.IsDevelopment()));
        services.AddSingleton<UserAdministrationService>();
        services.AddHealthChecks().AddCheck<PoolHealthCheck>("pool", tags: ["ready"]);
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(AiRequestTracker.MeterName, MeterReadings.EfMeter, MeterReadings.CircuitsMeter, MeterReadings.HostingMeter, "Microsoft.AspNetCore.Server.Kestrel")
            .AddPrometheusExporter());
        return services;
    }

    /// <summary>/api/admin/*, /metrics (loopback only unless Health:MetricsAllowRemote), /health/live and /health/ready.</summary>
    public static void MapSocializerPoolHealth(this WebApplication app)
    {
        app.Services.GetRequiredService<SocializerMetrics>(); // creates the product's instruments
        var allowRemote = app.Services.GetRequiredService<HealthOptions>().MetricsAllowRemote;
        app.UseOpenTelemetryPrometheusScrapingEndpoint(context =>
            context.Request.Path == MetricsPath && (allowRemote || IsLocal(context.Connection.RemoteIpAddress)));
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { ResponseWriter = HealthEndpoint.WriteJsonAsync });
        app.MapAdminApi();
    }

    /// <summary>In-process test servers have no remote address.</summary>
    private static bool IsLocal(IPAddress? address) => address is null || IPAddress.IsLoopback(address);
}

/// <summary>Ready means no leak holds a connection: Degraded on warnings, Unhealthy when critical.</summary>
public sealed class PoolHealthCheck(PoolHealthMonitor monitor) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var verdict = monitor.Snapshot().Verdict;
        return Task.FromResult(verdict.Level switch
        {
            HealthLevel.Healthy => HealthCheckResult.Healthy(verdict.Summary),
            HealthLevel.Warning => HealthCheckResult.Degraded(verdict.Summary),
            _ => HealthCheckResult.Unhealthy(verdict.Summary),
        });
    }
}
