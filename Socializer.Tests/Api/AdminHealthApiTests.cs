using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Socializer.Core.Accounts;
using Socializer.Tests.Support;
using Socializer.Web.Components.Admin;

namespace Socializer.Tests.Api;

public sealed class AdminHealthApiTests(SocializerAppFactory app) : IClassFixture<SocializerAppFactory>
{
    private async Task<HttpClient> AdminClientAsync()
    {
        var client = app.CreateClient();
        var login = await client.LoginAsync(SocializerAppFactory.AdminEmail, SocializerAppFactory.AdminPassword);
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<TokenResponse>())!;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);
        return client;
    }

    [Theory]
    [InlineData("/api/admin/pool-health")]
    [InlineData("/api/admin/health")]
    public async Task Anonymous_callers_get_401_and_non_admins_403(string path)
    {
        var anonymous = await app.CreateClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        var (user, _) = await app.SignedInClientAsync($"plain{Guid.NewGuid():N}"[..20] + "@test.local");
        var forbidden = await user.GetAsync(path);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    [Fact]
    public async Task An_admin_gets_the_snapshot_with_nothing_live_outside_the_request()
    {
        var admin = await AdminClientAsync();

        var json = await admin.GetFromJsonAsync<JsonElement>("/api/admin/pool-health");

        Assert.Equal(0, json.GetProperty("liveContexts").GetInt32());
        Assert.Equal(0, json.GetProperty("openConnections").GetInt32());
        Assert.True(json.GetProperty("contextsCreated").GetInt64() >= json.GetProperty("contextsDisposed").GetInt64());
        Assert.Equal(0, json.GetProperty("suspectedLeaks").GetArrayLength());
        Assert.Equal("Sqlite", json.GetProperty("provider").GetString());
        Assert.Equal("Healthy", json.GetProperty("verdict").GetProperty("level").GetString());
        Assert.True(json.TryGetProperty("activeCircuits", out _));
        Assert.True(json.TryGetProperty("aiRequestsInFlight", out _));
        Assert.DoesNotContain("Password", json.GetProperty("connectionSettings").GetRawText(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task After_200_concurrent_assistant_requests_the_snapshot_shows_no_live_context_and_no_open_connection()
    {
        var responses = await app.OriginBurstAsync(200);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var snapshot = await (await AdminClientAsync()).GetFromJsonAsync<JsonElement>("/api/admin/pool-health");
        Assert.Equal(0, snapshot.GetProperty("liveContexts").GetInt32());
        Assert.Equal(0, snapshot.GetProperty("openConnections").GetInt32());
        Assert.Equal(0, snapshot.GetProperty("aiRequestsInFlight").GetInt32());
        Assert.True(snapshot.GetProperty("contextsCreated").GetInt64() >= 200);
    }

    [Fact]
    public async Task The_self_test_runs_100_concurrent_operations_and_contexts_return_to_zero()
    {
        var admin = await AdminClientAsync();

        var response = await admin.PostAsJsonAsync("/api/admin/self-test", new { count = 100 });
        response.EnsureSuccessStatusCode();
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(100, result.GetProperty("succeeded").GetInt32());
        Assert.Equal(0, result.GetProperty("failed").GetInt32());
        Assert.StartsWith("The assistant pipeline", result.GetProperty("workload").GetString());
        Assert.True(result.GetProperty("returnedToBaseline").GetBoolean());
        var after = await admin.GetFromJsonAsync<JsonElement>("/api/admin/pool-health");
        Assert.Equal(0, after.GetProperty("liveContexts").GetInt32());
        Assert.Equal(0, after.GetProperty("openConnections").GetInt32());
    }

    [Fact]
    public async Task Bad_self_test_counts_are_a_400_and_the_drill_is_not_there_outside_development()
    {
        var admin = await AdminClientAsync();

        var bad = await admin.PostAsJsonAsync("/api/admin/self-test", new { count = 0 });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.ReadProblemAsync()).GetProperty("errors").TryGetProperty("count", out _));

        var drill = await admin.PostAsJsonAsync("/api/admin/drills/leak", new { seconds = 5 });
        Assert.Equal(HttpStatusCode.NotFound, drill.StatusCode);
    }

    [Fact]
    public async Task Metrics_are_scrapeable_and_the_live_and_ready_checks_answer()
    {
        var client = app.CreateClient();

        var metrics = await client.GetStringAsync("/metrics");
        Assert.Contains("socializer_db_live_contexts", metrics, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task The_admin_pages_refuse_anonymous_visitors_and_non_admins()
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        foreach (var path in new[] { "/admin/health", "/admin/users" })
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/Account/Login", response.Headers.Location?.ToString(), StringComparison.Ordinal);
        }

        var authorization = app.Services.GetRequiredService<IAuthorizationService>();
        foreach (var page in new[] { typeof(PoolHealth), typeof(Users) })
        {
            var policy = Assert.Single(page.GetCustomAttributes(typeof(AuthorizeAttribute), true).Cast<AuthorizeAttribute>()).Policy!;
            var user = Principal(Roles.User);
            var admin = Principal(Roles.Admin);
            Assert.False((await authorization.AuthorizeAsync(user, policy)).Succeeded);
            Assert.True((await authorization.AuthorizeAsync(admin, policy)).Succeeded);
        }
    }

    private static ClaimsPrincipal Principal(string role) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, role), new Claim(ClaimTypes.Role, role)], IdentityConstants.ApplicationScheme));
}

/// <summary>The app with the leak drill enabled (as in Development).</summary>
public sealed class DrillAppFactory : SocializerAppFactory
{
    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Health:DrillsEnabled", "true");
    }
}

[Collection(SerialCollection.Name)]
public sealed class LeakDrillApiTests(DrillAppFactory app) : IClassFixture<DrillAppFactory>
{
    [Fact]
    public async Task The_drill_leaks_a_transaction_the_snapshot_shows_it_and_release_brings_it_back_to_zero()
    {
        var client = app.CreateClient();
        var login = await client.LoginAsync(SocializerAppFactory.AdminEmail, SocializerAppFactory.AdminPassword);
        var token = (await login.Content.ReadFromJsonAsync<TokenResponse>())!;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);

        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync("/api/admin/drills/leak", new { seconds = 0 })).StatusCode);
        var leak = await client.PostAsJsonAsync("/api/admin/drills/leak", new { seconds = 60 });
        leak.EnsureSuccessStatusCode();

        var during = await client.GetFromJsonAsync<JsonElement>("/api/admin/pool-health");
        Assert.Equal(1, during.GetProperty("liveContexts").GetInt32());
        Assert.Equal(1, during.GetProperty("openConnections").GetInt32());
        Assert.Equal(1, during.GetProperty("openTransactions").GetInt32());

        var released = await client.PostAsync("/api/admin/drills/release", null);
        Assert.Equal(1, await released.Content.ReadFromJsonAsync<int>());
        var after = await client.GetFromJsonAsync<JsonElement>("/api/admin/pool-health");
        Assert.Equal(0, after.GetProperty("liveContexts").GetInt32());
        Assert.Equal(0, after.GetProperty("openConnections").GetInt32());
    }
}
