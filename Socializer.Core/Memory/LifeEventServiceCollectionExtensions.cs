using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Socializer.Core.Assistant;

namespace Socializer.Core.Memory;

public static class LifeEventServiceCollectionExtensions
{
    /// <summary>Life events and the assistant's tools for them (needs AddSocializerPrivacy for the encryption of titles and descriptions).</summary>
    public static IServiceCollection AddSocializerLifeEvents(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<LifeEventService>();
        services.AddSingleton<IAssistantToolSource, LifeEventAssistantTools>();
        return services;
    }
}
