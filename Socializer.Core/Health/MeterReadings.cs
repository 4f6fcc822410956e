using System.Diagnostics.Metrics;

namespace Socializer.Core.Health;

/// <summary>
/// Reads the framework's own meters in-process: EF Core's (process-wide), and this host's circuit and HTTP
/// meters (told apart from other hosts in the same process by their IMeterFactory scope).
/// </summary>
public sealed class MeterReadings : IDisposable
{
    public const string EfMeter = "Microsoft.EntityFrameworkCore";
    public const string CircuitsMeter = "Microsoft.AspNetCore.Components.Server.Circuits";
    public const string HostingMeter = "Microsoft.AspNetCore.Hosting";

    public const string EfQueries = "microsoft.entityframeworkcore.queries";
    public const string EfSaveChanges = "microsoft.entityframeworkcore.savechanges";
    public const string EfCacheHits = "microsoft.entityframeworkcore.compiled_query_cache_hits";
    public const string EfCacheMisses = "microsoft.entityframeworkcore.compiled_query_cache_misses";
    public const string EfExecutionFailures = "microsoft.entityframeworkcore.execution_strategy_operation_failures";
    public const string EfConcurrencyFailures = "microsoft.entityframeworkcore.optimistic_concurrency_failures";
    public const string EfActiveContexts = "microsoft.entityframeworkcore.active_dbcontexts";
    public const string ActiveCircuits = "aspnetcore.components.circuit.active";
    public const string HttpActiveRequests = "http.server.active_requests";

    private readonly MeterListener listener = new();
    private readonly object? scope;
    private readonly Lock gate = new();
    private readonly Dictionary<string, double> sums = [];
    private readonly Dictionary<string, double> observedRound = [];

    public MeterReadings(IMeterFactory? meterFactory = null)
    {
        scope = meterFactory;
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (Wanted(instrument)) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((i, value, _, _) => Record(i, value));
        listener.SetMeasurementEventCallback<int>((i, value, _, _) => Record(i, value));
        listener.SetMeasurementEventCallback<double>((i, value, _, _) => Record(i, value));
        listener.Start();
    }

    /// <summary>Current totals (counters) and levels (up-down counters) by instrument name.</summary>
    public IReadOnlyDictionary<string, double> Read()
    {
        lock (gate)
        {
            observedRound.Clear();
            listener.RecordObservableInstruments();
            var result = new Dictionary<string, double>(sums);
            foreach (var (name, value) in observedRound) result[name] = value;
            return result;
        }
    }

    private bool Wanted(Instrument instrument) => instrument.Meter.Name switch
    {
        EfMeter => true,
        CircuitsMeter => instrument.Name == ActiveCircuits && FromThisHost(instrument),
        HostingMeter => instrument.Name == HttpActiveRequests && FromThisHost(instrument),
        _ => false,
    };

    private bool FromThisHost(Instrument instrument) => scope is null || ReferenceEquals(instrument.Meter.Scope, scope);

    private void Record(Instrument instrument, double value)
    {
        lock (gate)
        {
            // Observable instruments report their current total per tag set; the others report deltas.
            var target = instrument.IsObservable ? observedRound : sums;
            target[instrument.Name] = target.GetValueOrDefault(instrument.Name) + value;
        }
    }

    public void Dispose() => listener.Dispose();
}
