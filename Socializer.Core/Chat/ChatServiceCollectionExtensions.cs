using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Socializer.Core.Accounts;

namespace Socializer.Core.Chat;

public static class ChatServiceCollectionExtensions
{
    /// <summary>
    /// The people chat. The bus, presence and typing are singletons (shared by all circuits); the services are
    /// stateless singletons too, opening a context per operation.
    /// </summary>
    public static IServiceCollection AddSocializerChat(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IChatBus, InMemoryChatBus>();
        services.TryAddSingleton<IPresenceBackplane, SingleInstancePresence>();
        services.AddSingleton<PresenceTracker>();
        services.AddSingleton<TypingTracker>();
        services.AddSingleton<IPasswordHasher<Room>, PasswordHasher<Room>>();
        services.AddSingleton<RoomService>();
        services.AddSingleton<InviteService>();
        services.AddSingleton<MessageService>();
        services.AddTransient<IUserOnboardingStep, GeneralRoomOnboarding>();
        return services;
    }
}
