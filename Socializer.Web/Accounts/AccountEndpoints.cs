using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Socializer.Core.Accounts;
using Socializer.Web.Components.Account.Pages;

namespace Socializer.Web.Accounts;

public static class AccountEndpoints
{
    /// <summary>
    /// Browser logout: a form POST (antiforgery-checked) that clears the cookie and goes to the login page. It also
    /// renews the security stamp, so a copy of the cookie and the user's bearer tokens stop working too.
    /// The form is read by hand: a POST without a body or without a valid token is a plain 400, never a binding crash.
    /// </summary>
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app) =>
        app.MapPost("/Account/Logout", async Task<IResult> (HttpContext http, SignInManager<AppUser> signIn) =>
        {
            if (http.Features.Get<IAntiforgeryValidationFeature>() is not { IsValid: true } || !http.Request.HasFormContentType)
                return TypedResults.Problem("The logout form was not sent from this site (its antiforgery token is missing or wrong).",
                    statusCode: StatusCodes.Status400BadRequest, title: "Not logged out.");
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            if (await signIn.UserManager.GetUserAsync(http.User) is { } user) await signIn.UserManager.UpdateSecurityStampAsync(user);
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect($"~/Account/Login?returnUrl={Uri.EscapeDataString(Login.LocalUrl(form["returnUrl"]))}");
        }).WithMetadata(new RequireAntiforgeryTokenAttribute());
}
