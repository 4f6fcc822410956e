using Microsoft.AspNetCore.Identity;

namespace Socializer.Web.Security;

public static class SecurityServiceCollectionExtensions
{
    /// <summary>
    /// Rate limits, HSTS, and sessions that end at once: a changed security stamp (logout, password change, lock)
    /// rejects the old cookie on its next request instead of up to 30 minutes later.
    /// </summary>
    public static IServiceCollection AddSocializerSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSocializerRateLimits(configuration);
        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = true;
        });
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero);
        // The antiforgery cookie is Secure over HTTPS like the session cookie (its default is to never be Secure).
        services.AddAntiforgery(o => o.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest);
        return services;
    }

    /// <summary>HTTPS (outside Development), security headers, problem details for every API error, body-size limits, authentication and authorization, rate limits: in that order.</summary>
    public static WebApplication UseSocializerSecurity(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }
        app.UseSecurityHeaders();
        app.UseApiProblemResponses();
        app.UseRequestBodyLimit();
        // Placed here, not left to WebApplication (which would put them first): the headers and problem details
        // above must wrap their 401/403 answers, and the rate limiter below must know the signed-in user.
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        return app;
    }
}
