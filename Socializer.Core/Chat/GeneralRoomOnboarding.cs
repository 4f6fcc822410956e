using Socializer.Core.Accounts;

namespace Socializer.Core.Chat;

/// <summary>Every new account gets its seat in the general room.</summary>
public sealed class GeneralRoomOnboarding(RoomService rooms) : IUserOnboardingStep
{
    public Task OnUserCreatedAsync(string userId, CancellationToken ct) => rooms.EnsureGeneralMembershipAsync(userId, ct);
}
