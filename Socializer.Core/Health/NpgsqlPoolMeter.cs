using System.Diagnostics.Metrics;

namespace Socializer.Core.Health;

/// <summary>This instance's Npgsql pool at one moment: connections idle and in use, the maximum, requests waiting, timeouts so far.</summary>
public sealed record NpgsqlPoolStats(string PoolName, int Idle, int Used, int Max, int PendingRequests, long Timeouts);

/// <summary>
/// Reads this instance's PostgreSQL pool from Npgsql's meter ("Npgsql"), which is process-wide: measurements are kept
/// only for the pool named in <see cref="DatabaseDescription.PoolName"/>. On SQLite there is no such pool and
/// <see cref="Read"/> answers null.
/// </summary>
public sealed class NpgsqlPoolMeter : IDisposable
{
    public const string MeterName = "Npgsql";
    public const string ConnectionCount = "db.client.connection.count";
    public const string ConnectionMax = "db.client.connection.max";
    public const string PendingRequests = "db.client.connection.npgsql.pending_requests";
    public const string Timeouts = "db.client.connection.npgsql.timeouts";
    private const string PoolNameTag = "db.client.connection.pool.name";
    private const string StateTag = "db.client.connection.state";

    private readonly string? poolName;
    private readonly MeterListener? listener;
    private readonly Lock gate = new();
    private int idle;
    private int used;
    private int max;
    private int pending;
    private long timeouts;

    public NpgsqlPoolMeter(DatabaseDescription database)
    {
        poolName = database.PoolName;
        if (poolName is null) return;
        listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == MeterName && instrument.Name is ConnectionCount or ConnectionMax or PendingRequests or Timeouts)
                    l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument.Name, value, tags));
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument.Name, value, tags));
        listener.Start();
    }

    public NpgsqlPoolStats? Read()
    {
        if (listener is null) return null;
        lock (gate)
        {
            // The observable instruments report levels: start from zero so a pool that reports nothing reads as empty.
            idle = used = max = 0;
            listener.RecordObservableInstruments();
            return new NpgsqlPoolStats(poolName!, idle, used, max, pending, timeouts);
        }
    }

    private void Record(string instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string? pool = null, state = null;
        foreach (var (key, tagValue) in tags)
        {
            if (key == PoolNameTag) pool = tagValue as string;
            else if (key == StateTag) state = tagValue as string;
        }
        if (pool != poolName) return;
        lock (gate)
        {
            switch (instrument)
            {
                case ConnectionCount when state == "idle": idle = (int)value; break;
                case ConnectionCount when state == "used": used = (int)value; break;
                case ConnectionMax: max = (int)value; break;
                case PendingRequests: pending += (int)value; break; // an up-down counter: +1 when a request starts waiting, -1 when it ends
                case Timeouts: timeouts += value; break;
            }
        }
    }

    public void Dispose() => listener?.Dispose();
}
