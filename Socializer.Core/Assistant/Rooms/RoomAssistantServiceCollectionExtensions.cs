using Microsoft.Extensions.DependencyInjection;

namespace Socializer.Core.Assistant.Rooms;

public static class RoomAssistantServiceCollectionExtensions
{
    /// <summary>The assistant in rooms (needs AddSocializerAssistant and AddSocializerChat): a hosted singleton answering "@ai" mentions.</summary>
    public static IServiceCollection AddSocializerRoomAssistant(this IServiceCollection services, Action<RoomAssistantOptions>? configure = null)
    {
        var options = new RoomAssistantOptions();
        configure?.Invoke(options);
        services.AddSingleton(options);
        services.AddSingleton<RoomAssistant>();
        services.AddSingleton<RoomAssistantService>();
        services.AddHostedService(sp => sp.GetRequiredService<RoomAssistantService>());
        return services;
    }
}
