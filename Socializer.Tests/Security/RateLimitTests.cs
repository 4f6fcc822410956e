using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Socializer.Tests.Support;

namespace Socializer.Tests.Security;

/// <summary>
/// ASP.NET Core's rate limiter on sign-in (per address), chat messages (per user and per address) and the
/// assistant (per user and per address): past the budget a 429 problem with Retry-After, and other users are
/// unaffected. The defaults let one user send the origin incident's 100 concurrent assistant requests.
/// </summary>
public sealed class RateLimitTests
{
    /// <summary>The app with some budgets set small (the rest at their defaults, except as noted).</summary>
    private sealed class LimitedApp(Dictionary<string, string> settings) : SocializerAppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            foreach (var (key, value) in settings) builder.UseSetting(key, value);
        }
    }

    [Fact]
    public async Task Sign_in_attempts_from_one_address_are_limited_with_429_and_retry_after()
    {
        await using var app = new LimitedApp(new() { ["RateLimits:AuthPerMinutePerIp"] = "3" });
        var client = app.CreateClient();

        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++) codes.Add((await client.LoginAsync("nobody@example.com", $"guess-{i}")).StatusCode);

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], codes);
        var refused = await client.LoginAsync("nobody@example.com", "guess-5");
        await AssertTooManyAsync(refused, "sign-in");
        // Registering and the HTML login form share the budget.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.RegisterAsync("new@example.com")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.PostAsync("/Account/Login", new FormUrlEncodedContent([]))).StatusCode);
    }

    [Fact]
    public async Task Messages_are_limited_per_user_and_other_users_can_still_post()
    {
        await using var app = new LimitedApp(new() { ["RateLimits:MessagesPerMinutePerUser"] = "2" });
        var (ana, _) = await app.SignedInClientAsync("limit-ana@example.com");
        var (ben, _) = await app.SignedInClientAsync("limit-ben@example.com");

        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++) codes.Add((await ana.PostAsJsonAsync("/api/rooms/1/messages", new { content = $"hi {i}" })).StatusCode);

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests], codes);
        await AssertTooManyAsync(await ana.PostAsJsonAsync("/api/rooms/1/messages", new { content = "again" }), "messages");
        Assert.Equal(HttpStatusCode.Created, (await ben.PostAsJsonAsync("/api/rooms/1/messages", new { content = "hi" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ana.GetAsync("/api/rooms/1/messages")).StatusCode); // reading is not limited
    }

    [Fact]
    public async Task Messages_are_limited_per_address_across_users()
    {
        await using var app = new LimitedApp(new() { ["RateLimits:MessagesPerMinutePerIp"] = "3" });
        var (ana, _) = await app.SignedInClientAsync("ip-ana@example.com");
        var (ben, _) = await app.SignedInClientAsync("ip-ben@example.com");

        for (var i = 0; i < 2; i++) Assert.Equal(HttpStatusCode.Created, (await ana.PostAsJsonAsync("/api/rooms/1/messages", new { content = "a" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await ben.PostAsJsonAsync("/api/rooms/1/messages", new { content = "b" })).StatusCode);

        await AssertTooManyAsync(await ben.PostAsJsonAsync("/api/rooms/1/messages", new { content = "b" }), "messages");
    }

    [Fact]
    public async Task Assistant_requests_are_limited_per_user_by_AI_RequestsPerMinutePerUser_and_per_address()
    {
        await using var app = new LimitedApp(new() { ["AI:RequestsPerMinutePerUser"] = "2", ["RateLimits:AiPerMinutePerIp"] = "5" });
        var (ana, _) = await app.SignedInClientAsync("ai-ana@example.com");
        var (ben, _) = await app.SignedInClientAsync("ai-ben@example.com");

        Assert.Equal(HttpStatusCode.OK, (await ana.PostAsJsonAsync("/api/ai-chat", new { message = "Hello" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ana.PostAsJsonAsync("/api/ai-chat", new { message = "Hello" })).StatusCode);
        await AssertTooManyAsync(await ana.PostAsJsonAsync("/api/ai-chat", new { message = "Hello" }), "assistant");
        var bens = await ben.PostAsJsonAsync("/api/ai-chat", new { message = "Hello" });
        Assert.True(bens.StatusCode == HttpStatusCode.OK, await bens.Content.ReadAsStringAsync());
        await AssertTooManyAsync(await ben.PostAsJsonAsync("/api/ai-chat", new { message = "Hello" }), "assistant"); // the address is spent: a refused request costs it two permits (the limiter tries, then tries to queue)
    }

    [Fact]
    public async Task With_the_defaults_one_user_sends_100_concurrent_assistant_requests_and_all_succeed()
    {
        // The origin incident's check (DATABASE_CONNECTION_LEAK_FIX.md): 100 × `curl -X POST /api/ai-chat &` by one user.
        await using var app = new SocializerAppFactory();
        var (client, _) = await app.SignedInClientAsync("origin@example.com");

        var responses = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => client.PostAsJsonAsync("/api/ai-chat", new { message = "Hello" })));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
    }

    private static async Task AssertTooManyAsync(HttpResponseMessage response, string what)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        var retryAfter = Assert.Single(response.Headers.GetValues("Retry-After"));
        Assert.InRange(int.Parse(retryAfter, System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        var problem = await response.ReadProblemAsync();
        Assert.Contains(what, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
