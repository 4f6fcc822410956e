using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Socializer.Core.Assistant;
using Socializer.Core.Health;
using Socializer.Core.Health.SelfTest;
using Socializer.Tests.Support;

namespace Socializer.Tests.Core.Assistant;

/// <summary>"Run load check" with the assistant's workload: the real pipeline, tools and database, as the synthetic user.</summary>
[Trait(TestCategories.Name, TestCategories.SqliteOnly)]
public sealed class AssistantSelfTestTests
{
    [Fact]
    public void The_assistant_replaces_the_database_default_workload()
    {
        var services = new ServiceCollection();
        services.AddSocializerHealthMonitoring();
        services.AddSocializerAssistant(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        Assert.Equal(typeof(AssistantSelfTestWorkload), services.Last(d => d.ServiceType == typeof(ISelfTestWorkload)).ImplementationType);
    }

    [Fact]
    public async Task A_load_check_through_the_assistant_succeeds_cleans_up_and_ends_with_no_live_context()
    {
        await using var database = await TrackedDatabase.CreateAsync();
        await using var host = await AssistantTestHost.StartAsync(configure: services =>
        {
            services.AddSingleton(database.AiRequests);
            services.AddSingleton(database.Factory);   // the tracked factory, so the runner sees every context
        });
        var runner = new SelfTestRunner(host.Services.GetRequiredService<IServiceScopeFactory>(), database.Factory,
            database.Contexts, database.Connections, NullLogger<SelfTestRunner>.Instance);

        var result = await runner.RunAsync(40, CancellationToken.None);

        Assert.NotNull(result);
        Assert.True(result.Failed == 0, string.Join("; ", result.Errors));
        Assert.Equal(40, result.Succeeded);
        Assert.StartsWith("The assistant pipeline (offline)", result.Workload);
        Assert.True(result.CleanedUp);
        Assert.True(result.ReturnedToBaseline);
        Assert.Equal(0, result.ContextsAfter);
        Assert.Equal(0, result.ConnectionsAfter);
        Assert.Equal(0, database.Contexts.LiveCount);
        Assert.Equal(80, database.AiRequests.Completed);   // two assistant answers per run, all through the tracker
        Assert.Equal(0, database.AiRequests.InFlight);

        await using var db = await database.Database.Factory.CreateDbContextAsync();
        Assert.Equal(0, await db.AiConversations.CountAsync());
        Assert.Equal(0, await db.AiMessages.CountAsync());
        Assert.Equal(0, await db.MemoryFacts.CountAsync());
        Assert.Equal(0, await db.Users.CountAsync(u => u.UserName == SelfTestRunner.SyntheticUserName));
    }
}
