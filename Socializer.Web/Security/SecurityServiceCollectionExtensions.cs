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
        return services;
    }

    /// <summary>HTTPS (outside Development), security headers, problem details for every API error, body-size limits, rate limits: in that order.</summary>
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
        app.UseRateLimiter();
        return app;
    }
}
