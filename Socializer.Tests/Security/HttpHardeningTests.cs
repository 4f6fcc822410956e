using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Socializer.Tests.Support;

namespace Socializer.Tests.Security;

/// <summary>
/// Security headers on pages and API answers, HSTS and HTTPS redirection outside Development (and not in it),
/// and the flags of the session and antiforgery cookies.
/// </summary>
public sealed partial class HttpHardeningTests(SocializerAppFactory app) : IClassFixture<SocializerAppFactory>
{
    private sealed class AppIn(string environment, string? httpsPort = null) : SocializerAppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment(environment);
            if (httpsPort is not null) builder.UseSetting("https_port", httpsPort);
        }
    }

    [Fact]
    public async Task Pages_carry_a_content_security_policy_whose_nonce_is_on_the_inline_import_map()
    {
        var response = await app.CreateClient().GetAsync("/Account/Login");
        var html = await response.Content.ReadAsStringAsync();

        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        var nonce = Nonce().Match(csp).Groups[1].Value;
        Assert.NotEmpty(nonce);
        Assert.Matches($"<script[^>]*type=\"importmap\"[^>]*nonce=\"{Regex.Escape(nonce)}\"|<script[^>]*nonce=\"{Regex.Escape(nonce)}\"[^>]*type=\"importmap\"", html);
        // Every other script is external (same origin), so it needs no nonce.
        Assert.DoesNotMatch("<script(?![^>]*(src=|type=\"importmap\"))[^>]*>", html);

        var second = Nonce().Match(Assert.Single((await app.CreateClient().GetAsync("/Account/Login")).Headers.GetValues("Content-Security-Policy"))).Groups[1].Value;
        Assert.NotEqual(nonce, second);
    }

    [Theory]
    [InlineData("/Account/Login")]
    [InlineData("/api/auth/me")]
    [InlineData("/health")]
    public async Task Every_answer_forbids_sniffing_and_framing_and_keeps_referrers_short(string path)
    {
        var response = await app.CreateClient().GetAsync(path);

        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Contains("frame-ancestors 'none'", Assert.Single(response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_api_call_without_a_token_gets_a_401_problem_that_says_what_to_do()
    {
        var response = await app.CreateClient().GetAsync("/api/rooms");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("bearer token", (await response.ReadProblemAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outside_development_https_is_enforced_with_a_redirect_and_hsts()
    {
        await using var production = new AppIn("Production", httpsPort: "443");
        var http = production.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("http://socializer.example") });
        var https = production.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://socializer.example") });

        var redirected = await http.GetAsync("/Account/Login");
        var secure = await https.GetAsync("/Account/Login");

        Assert.Equal(HttpStatusCode.TemporaryRedirect, redirected.StatusCode);
        Assert.Equal("https://socializer.example/Account/Login", redirected.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.OK, secure.StatusCode);
        Assert.Equal("max-age=31536000; includeSubDomains", Assert.Single(secure.Headers.GetValues("Strict-Transport-Security")));
    }

    [Fact]
    public async Task In_development_plain_http_is_served_without_hsts()
    {
        await using var development = new AppIn("Development", httpsPort: "443");
        var http = development.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("http://socializer.example") });
        var https = development.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://socializer.example") });

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/Account/Login")).StatusCode);
        Assert.False((await https.GetAsync("/Account/Login")).Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Over_https_the_session_and_antiforgery_cookies_are_secure_http_only_and_same_site()
    {
        await (app.CreateClient()).RegisterAsync("cookies@example.com");
        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });

        var page = await browser.GetAsync("/Account/Login");
        var antiforgery = Assert.Single(page.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        var login = await browser.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = "cookies@example.com",
            ["Input.Password"] = "Passw0rd!",
            ["__RequestVerificationToken"] = CookieLogin.AntiforgeryToken(await page.Content.ReadAsStringAsync()),
            ["_handler"] = "login",
        }));
        var session = Assert.Single(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Identity.Application=", StringComparison.Ordinal));

        foreach (var cookie in new[] { antiforgery, session })
        {
            Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.Matches("samesite=(lax|strict)", cookie.ToLowerInvariant());
        }
    }

    [GeneratedRegex("'nonce-([^']+)'")]
    private static partial Regex Nonce();
}
