using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Socializer.Core.Accounts;
using Socializer.Core.Assistant;
using Socializer.Core.Chat;
using Socializer.Core.Data;
using Socializer.Core.Memory;
using Socializer.Core.Privacy;

namespace Socializer.Tests.Support;

/// <summary>
/// The assistant's real services over a real migrated SQLite database, registered as the app registers them.
/// Pass AI settings to choose the provider; pass a model client factory to put a failing or slow model behind the pipeline.
/// </summary>
public sealed class AssistantTestHost : IAsyncDisposable
{
    private AssistantTestHost(TestDatabase database, ServiceProvider services, CountingDbContextFactory contexts)
    {
        Database = database;
        Services = services;
        Contexts = contexts;
    }

    public TestDatabase Database { get; }
    public ServiceProvider Services { get; }
    public CountingDbContextFactory Contexts { get; }

    public AssistantService Assistant => Services.GetRequiredService<AssistantService>();
    public ConversationStore Conversations => Services.GetRequiredService<ConversationStore>();
    public MemoryService Memory => Services.GetRequiredService<MemoryService>();
    public UserSettingsService Settings => Services.GetRequiredService<UserSettingsService>();
    public IChatBus Bus => Services.GetRequiredService<IChatBus>();

    public static async Task<AssistantTestHost> StartAsync(IDictionary<string, string?>? ai = null, IModelClientFactory? modelClients = null,
        Action<IServiceCollection>? configure = null)
    {
        var database = await TestDatabase.CreateMigratedAsync();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection((ai ?? new Dictionary<string, string?>()).ToDictionary(kv => $"AI:{kv.Key}", kv => kv.Value))
            .Build();
        var contexts = new CountingDbContextFactory(database.Factory);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IDbContextFactory<AppDbContext>>(contexts);
        services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        services.AddSingleton<PersonalDataProtector>();
        if (modelClients is not null) services.AddSingleton(modelClients);
        services.AddSocializerAssistant(configuration);
        configure?.Invoke(services);
        services.TryAddSingleton<IChatBus, InMemoryChatBus>(); // settings changes are published on it
        return new AssistantTestHost(database, services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true }), contexts);
    }

    /// <summary>Adds a user row directly (the account flow is tested elsewhere) and returns its id.</summary>
    public async Task<string> AddUserAsync(string userName)
    {
        await using var db = await Database.Factory.CreateDbContextAsync();
        var user = new AppUser { UserName = userName, NormalizedUserName = userName.ToUpperInvariant(), DisplayName = userName, Email = $"{userName}@example.com" };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user.Id;
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Database.DisposeAsync();
    }
}
