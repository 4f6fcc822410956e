using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Socializer.Tests.Browser;

public sealed class AccountJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public Task Register_log_out_and_log_in_again() => JourneyAsync(nameof(Register_log_out_and_log_in_again), async () =>
    {
        var page = await NewPageAsync();

        await RegisterAsync(page, "grace@example.com", "grace");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Welcome, grace" })).ToBeVisibleAsync();

        await LogOutAsync(page);

        await LogInAsync(page, "grace@example.com");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Welcome, grace" })).ToBeVisibleAsync();
    });

    [Fact]
    public Task A_wrong_password_shows_an_error_and_repeated_failures_lock_the_account() =>
        JourneyAsync(nameof(A_wrong_password_shows_an_error_and_repeated_failures_lock_the_account), async () =>
    {
        var page = await NewPageAsync();
        await RegisterAsync(page, "mallory@example.com", "mallory");
        await page.Context.ClearCookiesAsync();

        await LogInAsync(page, "mallory@example.com", "Wrong12345!");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Invalid email or password.");

        for (var i = 0; i < 4; i++) await LogInAsync(page, "mallory@example.com", "Wrong12345!");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Account locked" })).ToBeVisibleAsync();

        await LogInAsync(page, "mallory@example.com"); // the right password, too late
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Account locked" })).ToBeVisibleAsync();
    });

    [Fact]
    public Task An_anonymous_visitor_is_sent_to_log_in() => JourneyAsync(nameof(An_anonymous_visitor_is_sent_to_log_in), async () =>
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/");
        await page.WaitForURLAsync("**/Account/Login**");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Log in" })).ToBeVisibleAsync();
    });
}
