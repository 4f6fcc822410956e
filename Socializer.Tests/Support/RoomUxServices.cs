using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Socializer.Core.Accounts;
using Socializer.Core.Assistant;
using Socializer.Core.Chat;
using Socializer.Core.Translation;

namespace Socializer.Tests.Support;

/// <summary>What the chat's components need beyond the chat services: settings (reader language) and real translation (apertium).</summary>
public static class RoomUxServices
{
    public static IServiceCollection AddRoomUxServices(this IServiceCollection services, ChatFixture chat)
    {
        var detector = new StopWordLanguageDetector();
        var apertium = new ApertiumTranslator(TestApertium.Options(), detector, NullLogger<ApertiumTranslator>.Instance);
        services.AddSingleton<IChatBus>(chat.Bus);
        services.AddSingleton(chat.Rooms);
        services.AddSingleton(chat.Invites);
        services.AddSingleton(chat.Messages);
        services.AddSingleton(chat.Typing);
        services.AddSingleton(new UserSettingsService(chat.Database.Factory, new AssistantOptions(), chat.Bus));
        services.AddSingleton(new MessageTranslationService(chat.Database.Factory, apertium, detector));
        return services;
    }
}
