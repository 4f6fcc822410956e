using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Socializer.Core.Accounts;
using Socializer.Web.Components.Account.Pages;

namespace Socializer.Web.Accounts;

public static class AccountEndpoints
{
    /// <summary>Browser logout: a form POST (antiforgery-checked) that clears the cookie and goes to the login page.</summary>
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app) =>
        app.MapPost("/Account/Logout", async (SignInManager<AppUser> signIn, [FromForm] string? returnUrl) =>
        {
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect($"~/Account/Login?returnUrl={Uri.EscapeDataString(Login.LocalUrl(returnUrl))}");
        });
}
