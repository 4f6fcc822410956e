using Microsoft.Extensions.DependencyInjection;

namespace Socializer.Core.RoomFollowUp;

public static class RoomFollowUpServiceCollectionExtensions
{
    /// <summary>Private follow-ups of room messages for their senders. Needs the chat, coaching and translation services.</summary>
    public static IServiceCollection AddSocializerRoomFollowUp(this IServiceCollection services)
    {
        services.AddSingleton<RoomMessageFollowUp>();
        services.AddHostedService<RoomFollowUpWorker>();
        return services;
    }
}
