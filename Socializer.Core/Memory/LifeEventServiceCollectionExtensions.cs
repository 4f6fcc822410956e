using Microsoft.Extensions.DependencyInjection;

namespace Socializer.Core.Memory;

public static class LifeEventServiceCollectionExtensions
{
    /// <summary>Life events (needs AddSocializerPrivacy for the encryption of titles and descriptions).</summary>
    public static IServiceCollection AddSocializerLifeEvents(this IServiceCollection services) =>
        services.AddSingleton<LifeEventService>();
}
