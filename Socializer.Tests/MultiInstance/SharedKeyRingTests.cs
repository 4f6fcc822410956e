using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Socializer.Core.Chat;
using Socializer.Core.MultiInstance;
using Socializer.Core.Privacy;
using Socializer.Tests.Support;
using StackExchange.Redis;

namespace Socializer.Tests.MultiInstance;

/// <summary>The data-protection key ring through Redis, with each instance's copy in its own key folder.</summary>
[Collection(RedisBusCollection.Name)]
public sealed class SharedKeyRingTests : IAsyncLifetime
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "socializer-keyring", Guid.NewGuid().ToString("N"));
    private readonly List<ServiceProvider> providers = [];
    private RedisServer redis = default!;

    public async Task InitializeAsync() => redis = await RedisServer.StartNewAsync();

    public async Task DisposeAsync()
    {
        foreach (var provider in providers) await provider.DisposeAsync();
        await redis.DisposeAsync();
        try { Directory.Delete(directory, recursive: true); }
        catch (IOException) { }
    }

    /// <summary>What Program.cs registers for privacy and the bus, for one instance with its own key folder.</summary>
    private PersonalDataProtector Instance(string name)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Bus:Provider"] = "Redis", ["Bus:Redis"] = redis.ConnectionString, ["Bus:KeyPrefix"] = "keys", ["Bus:InstanceName"] = name,
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddSocializerPrivacy(Path.Combine(directory, name));
        services.AddSocializerChat();
        services.AddSocializerBus(configuration);
        var provider = services.BuildServiceProvider();
        providers.Add(provider);
        return provider.GetRequiredService<PersonalDataProtector>();
    }

    [Fact]
    public async Task Data_encrypted_on_one_instance_opens_on_another_and_a_flushed_Redis_gets_its_keys_back()
    {
        var secret = Instance("a").Protect("Ana's birthday is in May");
        Assert.Equal("Ana's birthday is in May", Instance("b").Unprotect(secret));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(directory, "a"), "*.xml")); // A's copy of the ring

        // Redis loses everything (restarted without persistence): a new instance reads nothing from Redis,
        // but A's copy puts the key back as soon as A loads its ring again.
        await redis.StopAsync();
        await redis.StartAsync();
        using (var check = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString))
            Assert.Equal(0, await check.GetDatabase().ListLengthAsync("keys:dataprotection-keys"));
        Assert.Equal("Ana's birthday is in May", Instance("a").Unprotect(secret));
        Assert.Equal("Ana's birthday is in May", Instance("c").Unprotect(secret));
    }

    [Fact]
    public async Task With_Redis_away_an_instance_still_opens_data_with_its_copy_of_the_keys()
    {
        var secret = Instance("a").Protect("private note");
        await redis.StopAsync();
        Assert.Equal("private note", Instance("a").Unprotect(secret));
        var unknown = Instance("z"); // no copy, no Redis: it cannot read A's data, and says so
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => unknown.Unprotect(secret));
    }
}
