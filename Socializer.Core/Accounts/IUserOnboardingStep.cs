namespace Socializer.Core.Accounts;

/// <summary>
/// Something every new account gets (a default training plan, a seat in the general room). Registration
/// runs every registered step after the user row is committed; a failing step is logged, not fatal.
/// </summary>
public interface IUserOnboardingStep
{
    Task OnUserCreatedAsync(string userId, CancellationToken ct);
}
