using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Socializer.Tests.Support;

namespace Socializer.Tests.Security;

/// <summary>
/// Logging out (API or the browser's form) and changing the password end every session of the user at once: all
/// bearer tokens (checked against the security stamp on each request) and all cookie sessions (the stamp is
/// validated on every request, not every 30 minutes).
/// </summary>
public sealed class SessionRevocationTests(SocializerAppFactory app) : IClassFixture<SocializerAppFactory>
{
    [Fact]
    public async Task Api_logout_revokes_every_token_and_every_browser_session()
    {
        var (phone, _) = await app.SignedInClientAsync("revoke-logout@example.com");
        var (laptop, _) = await app.SignedInClientAsync("revoke-logout@example.com");
        var browser = await app.BrowserAsync("revoke-logout@example.com");
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/settings")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await phone.PostAsync("/api/auth/logout", null)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await phone.GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await laptop.GetAsync("/api/auth/me")).StatusCode);
        await AssertSentToLoginAsync(browser);
    }

    [Fact]
    public async Task Browser_logout_revokes_the_other_sessions_and_the_tokens_too()
    {
        var (api, _) = await app.SignedInClientAsync("revoke-form@example.com");
        var here = await app.BrowserAsync("revoke-form@example.com");
        var elsewhere = await app.BrowserAsync("revoke-form@example.com");

        var logout = await here.PostAsync("/Account/Logout", await CookieLogin.FormAsync(here, "/Account/Login", "logout", []));
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);

        await AssertSentToLoginAsync(here);
        await AssertSentToLoginAsync(elsewhere);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task The_logout_form_needs_its_antiforgery_token()
    {
        var browser = await app.BrowserAsync((await RegisteredAsync("revoke-csrf@example.com")));

        var forged = await browser.PostAsync("/Account/Logout", new FormUrlEncodedContent([]));
        var bodiless = await browser.PostAsync("/Account/Logout", null);

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bodiless.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/settings")).StatusCode);
    }

    [Fact]
    public async Task A_password_change_revokes_tokens_and_sessions_and_the_new_password_works()
    {
        var (api, _) = await app.SignedInClientAsync("revoke-password@example.com");
        var (other, _) = await app.SignedInClientAsync("revoke-password@example.com");
        var browser = await app.BrowserAsync("revoke-password@example.com");

        var changed = await api.PostAsJsonAsync("/api/auth/password", new { currentPassword = "Passw0rd!", newPassword = "N3w-Passw0rd!" });
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await other.GetAsync("/api/auth/me")).StatusCode);
        await AssertSentToLoginAsync(browser);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().LoginAsync("revoke-password@example.com")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().LoginAsync("revoke-password@example.com", "N3w-Passw0rd!")).StatusCode);
    }

    [Fact]
    public async Task A_wrong_current_password_changes_nothing()
    {
        var (api, _) = await app.SignedInClientAsync("revoke-wrong@example.com");

        var refused = await api.PostAsJsonAsync("/api/auth/password", new { currentPassword = "not-it", newPassword = "N3w-Passw0rd!" });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task A_refresh_token_dies_with_the_session()
    {
        var (api, token) = await app.SignedInClientAsync("revoke-refresh@example.com");
        await api.PostAsync("/api/auth/logout", null);

        var refreshed = await app.CreateClient().PostAsJsonAsync("/api/auth/refresh", new { refreshToken = token.RefreshToken });

        Assert.Equal(HttpStatusCode.Unauthorized, refreshed.StatusCode);
    }

    private async Task<string> RegisteredAsync(string email)
    {
        (await app.CreateClient().RegisterAsync(email)).Dispose();
        return email;
    }

    private static async Task AssertSentToLoginAsync(HttpClient browser)
    {
        var response = await browser.GetAsync("/settings");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }
}
