using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Socializer.Core.Accounts;
using Socializer.Core.Health;
using Socializer.Core.Health.SelfTest;
using Socializer.Core.Memory;

namespace Socializer.Core.Assistant;

public static class AssistantServiceCollectionExtensions
{
    /// <summary>
    /// The assistant from the <c>AI</c> section: the offline assistant unless <c>AI:Provider</c> is OpenAICompatible.
    /// Everything here is a singleton holding no user state and no DbContext; tools are built per request for the
    /// signed-in user. Also registers the memory and personal-settings services the tools use, and a default
    /// <see cref="IChatClient"/> (the operator's default model) for other features.
    /// </summary>
    public static IServiceCollection AddSocializerAssistant(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(AssistantOptions.Section).Get<AssistantOptions>() ?? new AssistantOptions();
        options.Validate();
        services.AddSingleton(options);
        services.TryAddSingleton<IModelClientFactory>(sp => options.IsOffline
            ? new OfflineModelClientFactory()
            : new OpenAICompatibleModelClientFactory(options, sp.GetRequiredService<IHttpClientFactory>()));
        services.AddModelHttpClient(options);
        services.TryAddSingleton<AiRequestTracker>(); // the pool-health page reads the same tracker
        services.AddSingleton<AssistantChatClients>();
        services.AddSingleton<IChatClient>(sp => sp.GetRequiredService<AssistantChatClients>().For(null));

        services.AddSingleton<MemoryService>();
        services.AddSingleton<UserSettingsService>();
        services.AddSingleton<ConversationStore>();
        services.AddSingleton<AssistantPrompt>();
        services.AddSingleton<AssistantToolbox>();
        services.AddSingleton<AssistantService>();
        // Replaces the health feature's database-only default (registered with TryAddScoped): the load check drives the real pipeline.
        services.AddScoped<ISelfTestWorkload, AssistantSelfTestWorkload>();
        return services;
    }
}
