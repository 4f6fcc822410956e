using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Logging;

namespace Socializer.Core.MultiInstance;

/// <summary>
/// The data-protection key ring in Redis (shared, so a cookie or encrypted field made on one instance opens on all)
/// with a copy in this instance's key folder. The keys also protect personal data at rest, so losing them loses that
/// data: the copy lets an instance start while Redis is away, and puts back keys a flushed Redis forgot.
/// </summary>
public sealed class MirroredKeyRepository(IXmlRepository shared, IXmlRepository localCopy, ILogger logger) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        var local = localCopy.GetAllElements();
        IReadOnlyCollection<XElement> remote;
        try
        {
            remote = shared.GetAllElements();
        }
        catch (Exception ex) when (RedisFailures.IsTransient(ex))
        {
            logger.LogWarning(ex, "Redis is unreachable: using this instance's copy of the data-protection keys");
            return local;
        }
        foreach (var element in local.Where(l => !remote.Any(r => Same(r, l))))
        {
            logger.LogWarning("Data-protection key {Key} was missing from Redis: putting it back from this instance's copy", Identify(element));
            TryStoreShared(element);
        }
        var onlyRemote = remote.Where(r => !local.Any(l => Same(r, l))).ToList();
        foreach (var element in onlyRemote) localCopy.StoreElement(element, FriendlyName(element));
        return [.. local, .. onlyRemote];
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        localCopy.StoreElement(element, friendlyName);
        TryStoreShared(element);
    }

    private void TryStoreShared(XElement element)
    {
        try
        {
            shared.StoreElement(element, FriendlyName(element));
        }
        catch (Exception ex) when (RedisFailures.IsTransient(ex))
        {
            logger.LogWarning(ex, "Redis is unreachable: data-protection key {Key} goes to Redis when it returns", Identify(element));
        }
    }

    private static bool Same(XElement a, XElement b) => Identify(a) == Identify(b);

    /// <summary>A key by its id; anything else (a revocation) by its whole text.</summary>
    private static string Identify(XElement element) =>
        element.Attribute("id")?.Value is { } id ? $"{element.Name.LocalName}:{id}" : element.ToString(SaveOptions.DisableFormatting);

    private static string FriendlyName(XElement element) =>
        element.Attribute("id")?.Value is { } id ? $"key-{id}" : $"{element.Name.LocalName}-{Guid.NewGuid():N}";
}
