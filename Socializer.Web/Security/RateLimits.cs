using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Socializer.Core.Assistant;

namespace Socializer.Web.Security;

/// <summary>
/// The <c>RateLimits</c> configuration section: per-IP budgets per minute. The per-user assistant budget stays
/// <c>AI:RequestsPerMinutePerUser</c> (one knob for it, as before); the per-account login limit is Identity's lockout.
/// The defaults let one user fire 100 concurrent assistant requests (the origin incident's curl loop).
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Logins, registrations and token refreshes (API and the login/register forms) from one address.</summary>
    public int AuthPerMinutePerIp { get; set; } = 30;

    public int MessagesPerMinutePerUser { get; set; } = 120;

    public int MessagesPerMinutePerIp { get; set; } = 1200;

    public int AiPerMinutePerIp { get; set; } = 1200;
}

/// <summary>
/// ASP.NET Core's rate limiter for the three things worth brute-forcing or flooding: sign-in, chat messages and
/// assistant requests. A named policy limits each user; a global limiter adds a per-address budget for the endpoints
/// carrying those policies (and the HTML login/register forms). A request refused by the user's budget still
/// costs the address (two permits: the middleware tries, then tries to queue with a queue of 0). A refusal is a 429 problem with <c>Retry-After</c>.
/// </summary>
public static class RateLimits
{
    public const string Auth = "auth";
    public const string Messages = "messages";
    public const string Ai = "ai";

    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public static IServiceCollection AddSocializerRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.Section))
            .Validate(o => o.AuthPerMinutePerIp > 0 && o.MessagesPerMinutePerUser > 0 && o.MessagesPerMinutePerIp > 0 && o.AiPerMinutePerIp > 0,
                "Every RateLimits value must be positive.")
            .ValidateOnStart();
        services.AddRateLimiter(options =>
        {
            options.OnRejected = RejectAsync;
            // Sign-in has no user yet: its budget is the per-address one below, shared by the API and the HTML forms.
            options.AddPolicy(Auth, _ => RateLimitPartition.GetNoLimiter(""));
            options.AddPolicy(Messages, http => PerMinute($"user:{UserKey(http)}", Limits(http).MessagesPerMinutePerUser));
            options.AddPolicy(Ai, http => PerMinute($"user:{UserKey(http)}",
                Math.Max(1, http.RequestServices.GetRequiredService<AssistantOptions>().RequestsPerMinutePerUser)));
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(PerAddress);
        });
        return services;
    }

    /// <summary>The per-address budget of the endpoint's category; everything else is not limited.</summary>
    private static RateLimitPartition<string> PerAddress(HttpContext http)
    {
        var limits = Limits(http);
        var (category, limit) = Category(http) switch
        {
            Messages => (Messages, limits.MessagesPerMinutePerIp),
            Ai => (Ai, limits.AiPerMinutePerIp),
            Auth => (Auth, limits.AuthPerMinutePerIp),
            _ when IsAccountFormPost(http) => (Auth, limits.AuthPerMinutePerIp),
            _ => ("", 0),
        };
        return limit == 0 ? RateLimitPartition.GetNoLimiter("") : PerMinute($"{category}:ip:{Address(http)}", limit);
    }

    private static string? Category(HttpContext http) =>
        http.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName;

    private static bool IsAccountFormPost(HttpContext http) =>
        HttpMethods.IsPost(http.Request.Method)
        && (http.Request.Path.Equals("/Account/Login", StringComparison.OrdinalIgnoreCase)
            || http.Request.Path.Equals("/Account/Register", StringComparison.OrdinalIgnoreCase));

    private static RateLimitPartition<string> PerMinute(string key, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = Window,
            QueueLimit = 0,
        });

    private static RateLimitOptions Limits(HttpContext http) => http.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;

    /// <summary>The API's authorization has run by now, so the bearer token's user is known; without one, the address.</summary>
    private static string UserKey(HttpContext http) => http.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? $"anonymous:{Address(http)}";

    private static string Address(HttpContext http) => (http.Connection.RemoteIpAddress ?? IPAddress.Loopback).ToString();

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken ct)
    {
        var http = context.HttpContext;
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : Window;
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var what = Category(http) switch
        {
            Ai => "assistant requests",
            Messages => "messages",
            _ => "sign-in attempts",
        };
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Slow down.",
                Detail = $"Too many {what}: please wait {seconds} seconds and try again.",
            },
        });
    }
}
