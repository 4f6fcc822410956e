namespace Socializer.Core.Health;

/// <summary>
/// The contexts a DI scope (an HTTP request) created for Identity's stores. A snapshot taken inside a request
/// leaves those out: the bearer-token check itself holds one until the request ends.
/// </summary>
public sealed class RequestContextRegistry
{
    private readonly List<Guid> ids = [];

    public IReadOnlyList<Guid> Ids
    {
        get { lock (ids) return [.. ids]; }
    }

    public void Add(Guid contextId)
    {
        lock (ids) ids.Add(contextId);
    }
}
