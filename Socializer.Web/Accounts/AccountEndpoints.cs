using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Socializer.Core.Accounts;
using Socializer.Web.Components.Account.Pages;

namespace Socializer.Web.Accounts;

public static class AccountEndpoints
{
    /// <summary>
    /// Browser logout: a form POST (antiforgery-checked) that clears the cookie and goes to the login page. It also
    /// renews the security stamp, so a copy of the cookie and the user's bearer tokens stop working too.
    /// </summary>
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app) =>
        app.MapPost("/Account/Logout", async (SignInManager<AppUser> signIn, System.Security.Claims.ClaimsPrincipal principal, [FromForm] string? returnUrl) =>
        {
            if (await signIn.UserManager.GetUserAsync(principal) is { } user) await signIn.UserManager.UpdateSecurityStampAsync(user);
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect($"~/Account/Login?returnUrl={Uri.EscapeDataString(Login.LocalUrl(returnUrl))}");
        });
}
