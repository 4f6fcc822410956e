namespace Socializer.Core.Health.SelfTest;

/// <summary>
/// One unit of the "Run load check" self-test, run N times concurrently as a synthetic user, each time in its own
/// DI scope. The assistant registers its pipeline as the workload (services.AddScoped&lt;ISelfTestWorkload, ...&gt;());
/// until then <see cref="DatabaseSelfTestWorkload"/> runs.
/// </summary>
public interface ISelfTestWorkload
{
    /// <summary>Shown on the page, so the operator knows what ran.</summary>
    string Name { get; }

    Task RunOnceAsync(string syntheticUserId, int index, CancellationToken ct);

    /// <summary>Removes everything the runs stored for the synthetic user (the user itself is removed afterwards).</summary>
    Task CleanupAsync(string syntheticUserId, CancellationToken ct);
}
