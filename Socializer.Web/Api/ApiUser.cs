using System.Security.Claims;

namespace Socializer.Web.Api;

internal static class ApiUser
{
    /// <summary>The signed-in user's id; every endpoint behind the API policy has one.</summary>
    public static string Id(ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("An authorized API request carries no user id claim.");
}
