using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Socializer.Core.Accounts;
using Socializer.Core.Data;

namespace Socializer.Web.Accounts;

public static class AccountServiceCollectionExtensions
{
    /// <summary>
    /// ASP.NET Core Identity with two front doors: a cookie for the browser and bearer tokens for API clients.
    /// Bearer tokens are checked against the user's security stamp on every request, so logout revokes them.
    /// </summary>
    public static IServiceCollection AddSocializerAccounts(this IServiceCollection services)
    {
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingIdentityStateProvider>();

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddBearerToken(IdentityConstants.BearerScheme, options =>
            {
                options.BearerTokenExpiration = TimeSpan.FromHours(1);
                options.Events = new BearerTokenEvents { OnMessageReceived = BearerTokenRevocation.AuthenticateUnlessRevokedAsync };
            })
            .AddIdentityCookies();

        services.AddIdentityCore<AppUser>(options =>
            {
                // No mail server ships with a self-hosted install: accounts are usable at once.
                options.SignIn.RequireConfirmedAccount = false;
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 8;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/Account/Login";
            options.AccessDeniedPath = "/Account/AccessDenied";
            // The Blazor hub's WebSocket request lasts as long as the circuit, and resolving Identity's validator
            // creates a request-scoped context that would live that long. The circuit revalidates the security
            // stamp on its own scope instead (RevalidatingIdentityStateProvider), so skip the check there.
            options.Events.OnValidatePrincipal = context =>
                context.Request.Path.StartsWithSegments("/_blazor")
                    ? Task.CompletedTask
                    : SecurityStampValidator.ValidatePrincipalAsync(context);
        });

        // Bearer first, cookie last: an unauthenticated page request is still redirected to the login page.
        services.AddAuthorizationBuilder()
            .SetDefaultPolicy(new AuthorizationPolicyBuilder(IdentityConstants.BearerScheme, IdentityConstants.ApplicationScheme)
                .RequireAuthenticatedUser().Build())
            .AddPolicy(Roles.Admin, policy => policy
                .AddAuthenticationSchemes(IdentityConstants.BearerScheme, IdentityConstants.ApplicationScheme)
                .RequireRole(Roles.Admin));

        services.AddScoped<AccountService>();
        services.AddSingleton<SecurityStamps>();
        return services;
    }
}
