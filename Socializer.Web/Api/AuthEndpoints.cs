using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Socializer.Core.Accounts;
using Socializer.Web.Accounts;

namespace Socializer.Web.Api;

public sealed record LoginRequest(string? Email, string? Password);
public sealed record RefreshRequest(string? RefreshToken);
public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);
public sealed record UserInfo(string Id, string Email, string UserName, string DisplayName, string[] Roles);

/// <summary>
/// Accounts over HTTP: register, log in (bearer token), refresh, log out (revokes every token of the user), me.
/// The token response is the bearer handler's own: {"tokenType":"Bearer","accessToken",...,"refreshToken"}.
/// </summary>
public static class AuthEndpoints
{
    public static void MapAuthEndpoints(this RouteGroupBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("Auth");

        auth.MapPost("/register", async Task<Results<Created<UserInfo>, ValidationProblem>> (
            RegistrationRequest request, AccountService accounts, UserManager<AppUser> users, CancellationToken ct) =>
        {
            var result = await accounts.RegisterAsync(request, ct);
            if (!result.Succeeded) return TypedResults.ValidationProblem(result.Errors, title: "Registration failed.");
            return TypedResults.Created("/api/auth/me", await ToInfoAsync(result.User!, users));
        }).RequireRateLimiting(Security.RateLimits.Auth);

        auth.MapPost("/login", async Task<Results<EmptyHttpResult, ValidationProblem, ProblemHttpResult>> (
            LoginRequest request, SignInManager<AppUser> signIn, UserManager<AppUser> users) =>
        {
            if (string.IsNullOrWhiteSpace(request.Email) || string.IsNullOrEmpty(request.Password))
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["credentials"] = ["Email and password are required."] });

            var user = await users.FindByEmailAsync(request.Email.Trim());
            if (user is null) return InvalidCredentials();

            signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
            var result = await signIn.PasswordSignInAsync(user, request.Password, isPersistent: false, lockoutOnFailure: true);
            if (result.Succeeded) return TypedResults.Empty; // the bearer handler has written the token
            if (result.IsLockedOut) return LockedOut(user);
            return result.IsNotAllowed
                ? TypedResults.Problem("This account may not sign in.", statusCode: StatusCodes.Status403Forbidden)
                : InvalidCredentials();
        }).RequireRateLimiting(Security.RateLimits.Auth);

        auth.MapPost("/refresh", async Task<Results<SignInHttpResult, ValidationProblem, ProblemHttpResult>> (
            RefreshRequest request, SignInManager<AppUser> signIn, IOptionsMonitor<BearerTokenOptions> bearer, TimeProvider clock) =>
        {
            if (string.IsNullOrWhiteSpace(request.RefreshToken))
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["refreshToken"] = ["A refresh token is required."] });

            var ticket = bearer.Get(IdentityConstants.BearerScheme).RefreshTokenProtector.Unprotect(request.RefreshToken);
            if (ticket?.Properties.ExpiresUtc is not { } expires || clock.GetUtcNow() >= expires
                || await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { } user)
                return TypedResults.Problem("The refresh token is invalid, expired or revoked.", statusCode: StatusCodes.Status401Unauthorized);

            var principal = await signIn.CreateUserPrincipalAsync(user);
            return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
        }).RequireRateLimiting(Security.RateLimits.Auth);

        auth.MapPost("/logout", async Task<Results<NoContent, UnauthorizedHttpResult>> (ClaimsPrincipal principal, UserManager<AppUser> users) =>
        {
            var user = await users.GetUserAsync(principal);
            if (user is null) return TypedResults.Unauthorized();
            await users.UpdateSecurityStampAsync(user); // every token issued so far now fails validation
            return TypedResults.NoContent();
        }).RequireAuthorization(ApiEndpoints.ApiPolicy);

        // A new password ends every session and token of the user (ChangePasswordAsync renews the security stamp).
        auth.MapPost("/password", async Task<Results<NoContent, ValidationProblem, UnauthorizedHttpResult>> (
            ChangePasswordRequest request, ClaimsPrincipal principal, UserManager<AppUser> users) =>
        {
            var user = await users.GetUserAsync(principal);
            if (user is null) return TypedResults.Unauthorized();
            if (string.IsNullOrEmpty(request.CurrentPassword) || string.IsNullOrEmpty(request.NewPassword))
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["password"] = ["The current and the new password are required."] });
            var result = await users.ChangePasswordAsync(user, request.CurrentPassword, request.NewPassword);
            return result.Succeeded
                ? TypedResults.NoContent()
                : TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["password"] = [.. result.Errors.Select(e => e.Description)] }, title: "The password was not changed.");
        }).RequireAuthorization(ApiEndpoints.ApiPolicy).RequireRateLimiting(Security.RateLimits.Auth);

        auth.MapGet("/me", async Task<Results<Ok<UserInfo>, UnauthorizedHttpResult>> (ClaimsPrincipal principal, UserManager<AppUser> users) =>
        {
            var user = await users.GetUserAsync(principal);
            return user is null ? TypedResults.Unauthorized() : TypedResults.Ok(await ToInfoAsync(user, users));
        }).RequireAuthorization(ApiEndpoints.ApiPolicy);
    }

    private static ProblemHttpResult InvalidCredentials() =>
        TypedResults.Problem("Invalid email or password.", statusCode: StatusCodes.Status401Unauthorized, title: "Login failed.");

    private static ProblemHttpResult LockedOut(AppUser user) =>
        TypedResults.Problem(
            $"Too many failed attempts: this account is locked until {user.LockoutEnd:HH:mm} UTC.",
            statusCode: StatusCodes.Status423Locked, title: "Account locked.");

    private static async Task<UserInfo> ToInfoAsync(AppUser user, UserManager<AppUser> users) =>
        new(user.Id, user.Email ?? "", user.UserName ?? "", user.DisplayName, [.. await users.GetRolesAsync(user)]);
}
