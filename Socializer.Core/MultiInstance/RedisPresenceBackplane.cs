using Microsoft.Extensions.Logging;
using Socializer.Core.Chat;
using StackExchange.Redis;

namespace Socializer.Core.MultiInstance;

/// <summary>
/// Presence across instances, kept in Redis as state that expires:
/// <list type="bullet">
/// <item><c>{prefix}:instance:{id}</c>, a key with a TTL: the instance is alive while it exists;</item>
/// <item><c>{prefix}:presence:{id}</c>, the set of users connected to that instance, with the same TTL;</item>
/// <item><c>{prefix}:instances</c>, the set of instance ids, so others can find them.</item>
/// </list>
/// Every heartbeat rewrites this instance's entries (which also repairs them after a Redis outage) and reads the
/// others'. Changes travel at once on <c>{prefix}:presence</c>; the heartbeat only catches what pub/sub cannot say,
/// such as an instance that died: its keys expire and its users go offline everywhere within the TTL.
/// </summary>
public sealed class RedisPresenceBackplane : IPresenceBackplane
{
    // Rewrites this instance's entries in one step, so a reader never sees the user set half rebuilt.
    private const string RewriteScript = """
        redis.call('SET', KEYS[1], '1', 'PX', ARGV[1])
        redis.call('SADD', KEYS[2], ARGV[2])
        redis.call('DEL', KEYS[3])
        for i = 3, #ARGV do redis.call('SADD', KEYS[3], ARGV[i]) end
        if #ARGV > 2 then redis.call('PEXPIRE', KEYS[3], ARGV[1]) end
        return 1
        """;

    private readonly RedisConnection redis;
    private readonly InstanceIdentity instance;
    private readonly BusOptions options;
    private readonly TimeProvider clock;
    private readonly ILogger<RedisPresenceBackplane> logger;
    private readonly RedisChannel channel;
    private readonly RedisKey instancesKey;
    private readonly Lock gate = new();
    private readonly HashSet<string> localUsers = new(StringComparer.Ordinal);
    private Dictionary<string, HashSet<string>> remote = new(StringComparer.Ordinal);
    private readonly List<Func<string, Task>> handlers = [];
    private DateTimeOffset? lastRead;
    private bool subscribed;

    public RedisPresenceBackplane(BusOptions options, InstanceIdentity instance, RedisConnection redis, TimeProvider clock, ILogger<RedisPresenceBackplane> logger)
    {
        this.options = options;
        this.instance = instance;
        this.redis = redis;
        this.clock = clock;
        this.logger = logger;
        channel = RedisChannel.Literal($"{options.KeyPrefix}:presence");
        instancesKey = $"{options.KeyPrefix}:instances";
    }

    /// <summary>Raised with an instance id when that instance stopped or its entries expired.</summary>
    public event Func<string, Task>? InstanceGone;

    /// <summary>The other instances this one currently knows to be alive.</summary>
    public IReadOnlyList<string> OtherInstances
    {
        get { lock (gate) return [.. remote.Keys.Order(StringComparer.Ordinal)]; }
    }

    public bool IsOnlineElsewhere(string userId)
    {
        lock (gate) return remote.Values.Any(users => users.Contains(userId));
    }

    public IReadOnlyCollection<string> OnlineElsewhere
    {
        get { lock (gate) return remote.Values.SelectMany(users => users).ToHashSet(StringComparer.Ordinal); }
    }

    public IDisposable SubscribeToRemoteChanges(Func<string, Task> handler)
    {
        lock (gate) handlers.Add(handler);
        return new Unsubscriber(() => { lock (gate) handlers.Remove(handler); });
    }

    public Task LocalChangedAsync(string userId, bool isOnline)
    {
        lock (gate)
        {
            if (isOnline) localUsers.Add(userId);
            else localUsers.Remove(userId);
        }
        if (!redis.IsConnected) return Task.CompletedTask; // the heartbeat after reconnecting writes the whole set
        // Not awaited: connecting a circuit never waits for Redis. The next heartbeat repairs a lost update.
        _ = SendChangeAsync(userId, isOnline);
        return Task.CompletedTask;
    }

    private async Task SendChangeAsync(string userId, bool isOnline)
    {
        try
        {
            var db = redis.Database;
            var users = UsersKey(instance.Id);
            if (isOnline) await db.SetAddAsync(users, userId);
            else await db.SetRemoveAsync(users, userId);
            await db.KeyExpireAsync(users, options.PresenceTtl);
            await redis.Subscriber.PublishAsync(channel, $"{instance.Id}\n{(isOnline ? '+' : '-')}\n{userId}");
        }
        catch (Exception ex) when (RedisFailures.IsTransient(ex))
        {
            redis.MarkDown("announcing presence failed: " + ex.Message);
        }
    }

    public async Task<bool> EnsureSubscribedAsync()
    {
        lock (gate) if (subscribed) return true;
        try
        {
            var queue = await redis.Subscriber.SubscribeAsync(channel);
            queue.OnMessage(message => ReceiveAsync(message.Message.ToString()));
            lock (gate) subscribed = true;
            return true;
        }
        catch (Exception ex) when (RedisFailures.IsTransient(ex))
        {
            redis.MarkDown("subscribing to presence failed: " + ex.Message);
            return false;
        }
    }

    /// <summary>"{instance}\n+\n{user}", "{instance}\n-\n{user}" or "{instance}\n!\n" (the instance stopped).</summary>
    public async Task ReceiveAsync(string message)
    {
        var parts = message.Split('\n');
        if (parts.Length != 3 || parts[0] == instance.Id) return;
        var (origin, change, userId) = (parts[0], parts[1], parts[2]);
        if (change == "!")
        {
            Dictionary<string, HashSet<string>> next;
            lock (gate) next = remote.Where(r => r.Key != origin).ToDictionary(StringComparer.Ordinal);
            await ReplaceAsync(next);
            return;
        }
        if (change is not ("+" or "-") || userId.Length == 0) return;
        bool before, after;
        lock (gate)
        {
            before = remote.Values.Any(users => users.Contains(userId));
            if (!remote.TryGetValue(origin, out var users)) remote[origin] = users = new(StringComparer.Ordinal);
            if (change == "+") users.Add(userId);
            else users.Remove(userId);
            after = remote.Values.Any(u => u.Contains(userId));
        }
        if (before != after) await NotifyAsync([userId]);
    }

    /// <summary>Renews this instance's entries and re-reads the others'. Never throws for Redis being away.</summary>
    public async Task HeartbeatAsync()
    {
        RedisValue[] arguments;
        lock (gate) arguments = [(long)options.PresenceTtl.TotalMilliseconds, instance.Id, .. localUsers.Select(u => (RedisValue)u)];
        try
        {
            var db = redis.Database;
            await db.ScriptEvaluateAsync(RewriteScript, [AliveKey(instance.Id), instancesKey, UsersKey(instance.Id)], arguments);

            var others = (await db.SetMembersAsync(instancesKey)).Select(v => v.ToString()).Where(id => id != instance.Id).ToList();
            var alive = await Task.WhenAll(others.Select(id => db.KeyExistsAsync(AliveKey(id))));
            var dead = others.Where((_, i) => !alive[i]).Select(id => (RedisValue)id).ToArray();
            if (dead.Length > 0) await db.SetRemoveAsync(instancesKey, dead);
            var live = others.Where((_, i) => alive[i]).ToList();
            var users = await Task.WhenAll(live.Select(id => db.SetMembersAsync(UsersKey(id))));
            var next = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            for (var i = 0; i < live.Count; i++) next[live[i]] = users[i].Select(v => v.ToString()).ToHashSet(StringComparer.Ordinal);
            lock (gate) lastRead = clock.GetUtcNow();
            await ReplaceAsync(next);
        }
        catch (Exception ex) when (RedisFailures.IsTransient(ex))
        {
            redis.MarkDown("presence heartbeat failed: " + ex.Message);
            bool stale;
            lock (gate) stale = lastRead is null || clock.GetUtcNow() - lastRead > options.PresenceTtl;
            // Past the TTL this instance can no longer vouch for anyone on the others: show only its own users.
            if (stale) await ReplaceAsync(new Dictionary<string, HashSet<string>>(StringComparer.Ordinal));
        }
    }

    /// <summary>A clean stop: remove this instance's entries and tell the others now rather than after the TTL.</summary>
    public async Task LeaveAsync()
    {
        if (!redis.IsConnected) return;
        try
        {
            var db = redis.Database;
            await db.KeyDeleteAsync([AliveKey(instance.Id), UsersKey(instance.Id)]);
            await db.SetRemoveAsync(instancesKey, instance.Id);
            await redis.Subscriber.PublishAsync(channel, $"{instance.Id}\n!\n");
        }
        catch (Exception ex) when (RedisFailures.IsTransient(ex))
        {
            logger.LogWarning(ex, "Could not remove instance {Instance} from Redis; its entries expire by themselves", instance.Id);
        }
    }

    private async Task ReplaceAsync(Dictionary<string, HashSet<string>> next)
    {
        HashSet<string> changed;
        List<string> gone;
        lock (gate)
        {
            var before = remote.Values.SelectMany(u => u).ToHashSet(StringComparer.Ordinal);
            var after = next.Values.SelectMany(u => u).ToHashSet(StringComparer.Ordinal);
            before.SymmetricExceptWith(after);
            changed = before;
            gone = [.. remote.Keys.Where(id => !next.ContainsKey(id))];
            remote = next;
        }
        foreach (var id in gone)
        {
            logger.LogInformation("Instance {Instance} is gone", id);
            if (InstanceGone is { } handler) await handler(id);
        }
        await NotifyAsync(changed);
    }

    private async Task NotifyAsync(IEnumerable<string> userIds)
    {
        Func<string, Task>[] targets;
        lock (gate) targets = [.. handlers];
        foreach (var userId in userIds)
            foreach (var handler in targets)
                await handler(userId);
    }

    private RedisKey AliveKey(string id) => $"{options.KeyPrefix}:instance:{id}";

    private RedisKey UsersKey(string id) => $"{options.KeyPrefix}:presence:{id}";

    private sealed class Unsubscriber(Action unsubscribe) : IDisposable
    {
        private Action? pending = unsubscribe;
        public void Dispose() => Interlocked.Exchange(ref pending, null)?.Invoke();
    }
}
