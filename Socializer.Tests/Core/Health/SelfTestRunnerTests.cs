using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Socializer.Core.Health.SelfTest;
using Socializer.Core.Privacy;
using Socializer.Tests.Support;

namespace Socializer.Tests.Core.Health;

[Trait(TestCategories.Name, TestCategories.SqliteOnly)]
public sealed class SelfTestRunnerTests
{
    [Fact]
    public async Task A_load_check_of_100_concurrent_operations_succeeds_cleans_up_and_ends_with_nothing_live()
    {
        await using var database = await TrackedDatabase.CreateAsync();
        var services = new ServiceCollection()
            .AddSingleton(database.Factory)
            .AddSingleton(new PersonalDataProtector(new EphemeralDataProtectionProvider()))
            .AddScoped<ISelfTestWorkload, DatabaseSelfTestWorkload>()
            .BuildServiceProvider();
        var runner = new SelfTestRunner(services.GetRequiredService<IServiceScopeFactory>(), database.Factory,
            database.Contexts, database.Connections, NullLogger<SelfTestRunner>.Instance);

        var result = await runner.RunAsync(100, CancellationToken.None);

        Assert.NotNull(result);
        Assert.True(result.Failed == 0, string.Join("; ", result.Errors));
        Assert.Equal(100, result.Succeeded);
        Assert.Contains("Database round trip", result.Workload);
        Assert.True(result.PeakContexts >= 1);
        Assert.True(result.ReturnedToBaseline);
        Assert.True(result.CleanedUp);
        Assert.Equal(0, result.ContextsAfter);
        Assert.Equal(0, result.ConnectionsAfter);
        Assert.Equal(0, database.Contexts.LiveCount);
        Assert.Equal(database.Contexts.Created, database.Contexts.Disposed);

        await using var db = await database.Database.Factory.CreateDbContextAsync();
        Assert.Equal(0, await db.AiConversations.CountAsync());
        Assert.Equal(0, await db.Users.CountAsync(u => u.UserName == SelfTestRunner.SyntheticUserName));
    }

    [Fact]
    public async Task A_count_out_of_range_is_refused_before_anything_runs()
    {
        await using var database = await TrackedDatabase.CreateAsync();
        var runner = new SelfTestRunner(new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>(),
            database.Factory, database.Contexts, database.Connections, NullLogger<SelfTestRunner>.Instance);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => runner.RunAsync(0, CancellationToken.None));
        Assert.Equal(0, database.Contexts.Created);
    }
}
