using StackExchange.Redis;

namespace Socializer.Core.MultiInstance;

internal static class RedisFailures
{
    /// <summary>What Redis being away looks like to the client; anything else is a bug and is not caught.</summary>
    public static bool IsTransient(Exception ex) =>
        ex is RedisException or TimeoutException or ObjectDisposedException;
}
