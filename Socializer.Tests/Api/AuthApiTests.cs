using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Socializer.Core.Data;
using Socializer.Tests.Support;

namespace Socializer.Tests.Api;

public sealed class AuthApiTests(SocializerAppFactory app) : IClassFixture<SocializerAppFactory>
{
    private async Task<int> UserCountAsync()
    {
        var factory = app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return await db.Users.CountAsync();
    }

    [Fact]
    public async Task Register_then_login_returns_a_bearer_token_that_reaches_me()
    {
        var client = app.CreateClient();
        var registered = await client.RegisterAsync("ana@example.com", userName: "ana");
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);

        var login = await client.LoginAsync("ana@example.com");
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var token = await login.Content.ReadFromJsonAsync<TokenResponse>();
        Assert.Equal("Bearer", token!.TokenType);

        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);
        var me = await client.GetFromJsonAsync<Dictionary<string, object>>("/api/auth/me");
        Assert.Equal("ana", me!["userName"].ToString());
        Assert.Contains("User", me["roles"].ToString());
    }

    [Theory]
    [InlineData("""{"email":"","password":"Passw0rd!","userName":"empty"}""", "email")]
    [InlineData("""{"email":"not-an-email","password":"Passw0rd!","userName":"bademail"}""", "email")]
    [InlineData("""{"email":"weak@example.com","password":"short","userName":"weak"}""", "password")]
    [InlineData("""{"email":"noname@example.com","password":"Passw0rd!","userName":"  "}""", "userName")]
    [InlineData("""{"email":"nopass@example.com","userName":"nopass"}""", "password")]
    public async Task Register_with_bad_input_is_400_with_the_field_named_and_stores_nothing(string body, string field)
    {
        var before = await UserCountAsync();
        var response = await app.CreateClient().PostAsync("/api/auth/register", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadProblemAsync();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}: {problem}");
        Assert.Equal(before, await UserCountAsync());
    }

    [Theory]
    [InlineData("""{"email":"x@example.com",""")]                                       // malformed
    [InlineData("""{"email":42,"password":"Passw0rd!","userName":"x"}""")]                // wrong type
    [InlineData("""{"email":"x@example.com","password":"Passw0rd!","userName":"x","isAdmin":true}""")] // unknown field
    [InlineData("")]                                                                      // empty body
    public async Task Register_with_unreadable_json_is_400_problem_details_and_stores_nothing(string body)
    {
        var before = await UserCountAsync();
        var response = await app.CreateClient().PostAsync("/api/auth/register", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadProblemAsync();
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.DoesNotContain("   at ", problem.ToString()); // no stack trace
        Assert.Equal(before, await UserCountAsync());
    }

    [Fact]
    public async Task Register_with_a_taken_email_is_400_and_keeps_one_account()
    {
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.Created, (await client.RegisterAsync("dup@example.com", userName: "dup1")).StatusCode);
        var before = await UserCountAsync();

        var again = await client.RegisterAsync("dup@example.com", userName: "dup2");

        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.True((await again.ReadProblemAsync()).GetProperty("errors").TryGetProperty("email", out _));
        Assert.Equal(before, await UserCountAsync());
    }

    [Fact]
    public async Task Login_with_a_wrong_password_or_unknown_email_is_401_problem()
    {
        var client = app.CreateClient();
        await client.RegisterAsync("wrongpw@example.com");

        var wrongPassword = await client.LoginAsync("wrongpw@example.com", "Nope12345!");
        var unknown = await client.LoginAsync("nobody@example.com");

        Assert.Equal(HttpStatusCode.Unauthorized, wrongPassword.StatusCode);
        Assert.Equal("Invalid email or password.", (await wrongPassword.ReadProblemAsync()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
    }

    [Fact]
    public async Task Login_with_missing_fields_is_400()
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = "" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_for_the_right_one()
    {
        var client = app.CreateClient();
        await client.RegisterAsync("locked@example.com");
        for (var i = 0; i < 5; i++) await client.LoginAsync("locked@example.com", "Wrong12345!");

        var right = await client.LoginAsync("locked@example.com");

        Assert.Equal((HttpStatusCode)423, right.StatusCode);
        Assert.Contains("locked", (await right.ReadProblemAsync()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Logout_revokes_the_token_at_once()
    {
        var (client, _) = await app.SignedInClientAsync("logout@example.com");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/auth/me")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/api/auth/logout", null)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task Refresh_issues_a_new_token_until_logout()
    {
        var (client, token) = await app.SignedInClientAsync("refresh@example.com");
        var anonymous = app.CreateClient();

        var refreshed = await anonymous.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = token.RefreshToken });
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        Assert.NotNull((await refreshed.Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken);

        await client.PostAsync("/api/auth/logout", null);
        var afterLogout = await anonymous.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = token.RefreshToken });
        Assert.Equal(HttpStatusCode.Unauthorized, afterLogout.StatusCode);
    }

    [Fact]
    public async Task A_garbage_token_is_401_not_500()
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "garbage");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task The_seeded_admin_has_the_admin_role()
    {
        var client = app.CreateClient();
        var login = await client.LoginAsync(SocializerAppFactory.AdminEmail, SocializerAppFactory.AdminPassword);
        var token = await login.Content.ReadFromJsonAsync<TokenResponse>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);

        var me = await client.GetFromJsonAsync<Dictionary<string, object>>("/api/auth/me");
        Assert.Contains("Admin", me!["roles"].ToString());
    }

    [Fact]
    public async Task Health_reports_the_database_healthy()
    {
        var response = await app.CreateClient().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<Dictionary<string, object>>();
        Assert.Equal("Healthy", body!["status"].ToString());
        Assert.Contains("database", body["entries"].ToString());
    }

    [Fact]
    public async Task Pages_redirect_anonymous_users_to_login_and_api_answers_401()
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var page = await client.GetAsync("/");
        var api = await client.GetAsync("/api/auth/me");

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/Account/Login", page.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }
}
