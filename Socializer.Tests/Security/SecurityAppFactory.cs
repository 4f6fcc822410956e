using Microsoft.AspNetCore.Hosting;
using Socializer.Tests.Support;

namespace Socializer.Tests.Security;

/// <summary>The app for the authorization matrix: every budget lifted, since the matrix sends hundreds of requests as a few users.</summary>
public sealed class MatrixAppFactory : SocializerAppFactory
{
    /// <summary>Signing in costs a password hash: the matrix signs each caller in once and keeps the token and the cookie session.</summary>
    internal Dictionary<string, string> Tokens { get; } = [];
    internal Dictionary<string, HttpClient> Browsers { get; } = [];
    internal bool Registered { get; set; }
    internal object? SharedWorld { get; set; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("AI:RequestsPerMinutePerUser", "100000");
        builder.UseSetting("RateLimits:MessagesPerMinutePerUser", "100000");
        builder.UseSetting("RateLimits:MessagesPerMinutePerIp", "100000");
        builder.UseSetting("RateLimits:AiPerMinutePerIp", "100000");
    }
}
