namespace Socializer.Core.MultiInstance;

/// <summary>
/// This process among the app instances. <see cref="Id"/> is unique even when two instances share a name (a copied
/// config, a restarted container), because a bus that ignored a twin's events as its own echoes would lose them.
/// </summary>
public sealed record InstanceIdentity(string Name, string Id)
{
    public static InstanceIdentity Create(BusOptions options) =>
        new(options.InstanceName, $"{options.InstanceName}/{Guid.NewGuid().ToString("N")[..8]}");
}
