using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Socializer.Core.Coaching;
using Socializer.Core.Memory;
using Socializer.Core.Translation;

namespace Socializer.Tests.Support;

/// <summary>Registers the features whose tools the assistant uses (coaching, life events, translation), as Program.cs does.</summary>
public static class AssistantFeatures
{
    public static void Register(IServiceCollection services)
    {
        services.AddSocializerCoaching();
        services.AddSocializerLifeEvents();
        services.AddSocializerTranslation(new ConfigurationBuilder().AddInMemoryCollection([TestApertium.Setting]).Build());
    }

    public static Task<AssistantTestHost> StartHostAsync(Action<IServiceCollection>? configure = null) =>
        AssistantTestHost.StartAsync(configure: services =>
        {
            Register(services);
            configure?.Invoke(services);
        });
}
