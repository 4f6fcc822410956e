namespace Socializer.Tests.Support;

/// <summary>
/// Tests that deliberately block SQLite writers: a writer waiting for the lock sleeps inside SQLite on a
/// thread-pool thread, which on 2 cores starves whatever runs beside it. They run alone, after the rest.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialCollection
{
    public const string Name = "serial: blocks SQLite writers";
}
