using System.Diagnostics.Metrics;

namespace Socializer.Core.Health;

/// <summary>The product's own gauges on the "Socializer" meter, for Prometheus/OpenTelemetry.</summary>
public sealed class SocializerMetrics
{
    public SocializerMetrics(IMeterFactory meterFactory, ContextTracker contexts, ConnectionTracker connections, PoolHealthMonitor monitor, TimeProvider time)
    {
        var meter = meterFactory.Create(AiRequestTracker.MeterName);
        meter.CreateObservableGauge("socializer.db.live_contexts", () => contexts.LiveCount, "{context}", "DbContexts created and not yet disposed");
        meter.CreateObservableCounter("socializer.db.contexts_created", () => contexts.Created, "{context}");
        meter.CreateObservableCounter("socializer.db.contexts_disposed", () => contexts.Disposed, "{context}");
        meter.CreateObservableCounter("socializer.db.contexts_collected_undisposed", () => contexts.CollectedUndisposed, "{context}", "DbContexts garbage-collected without Dispose");
        meter.CreateObservableGauge("socializer.db.open_connections", () => connections.OpenCount, "{connection}", "Connections EF holds open right now");
        meter.CreateObservableGauge("socializer.db.open_transactions", () => connections.TransactionCount, "{transaction}");
        meter.CreateObservableCounter("socializer.db.connections_opened", () => connections.Opened, "{connection}");
        meter.CreateObservableGauge("socializer.db.suspected_leaks", () => monitor.SuspectedLeaks(time.GetUtcNow()).Count, "{leak}");
    }
}
