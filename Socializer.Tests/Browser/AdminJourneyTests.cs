using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Socializer.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Socializer.Tests.Browser;

public sealed class AdminJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private static readonly string[] OtherGauges = ["Open connections", "Physical connections", "Active circuits", "AI in flight"];

    [Fact]
    public Task Pool_health_shows_live_gauges_and_the_self_test_returns_to_zero() =>
        JourneyAsync(nameof(Pool_health_shows_live_gauges_and_the_self_test_returns_to_zero), async () =>
    {
        var page = await NewPageAsync();
        await LogInAsync(page, SocializerAppFactory.AdminEmail, SocializerAppFactory.AdminPassword);
        await page.WaitForURLAsync(url => !url.Contains("/Account/", StringComparison.Ordinal));
        await page.GotoAsync("/admin/health");
        await WaitUntilInteractiveAsync(page);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Pool health" })).ToBeVisibleAsync();

        var liveContexts = page.GetByRole(AriaRole.Group, new() { Name = "Live contexts", Exact = true });
        foreach (var gauge in OtherGauges)
            await Expect(page.GetByRole(AriaRole.Group, new() { Name = gauge, Exact = true })).ToBeVisibleAsync();
        await Expect(liveContexts).ToContainTextAsync("created");
        var before = await liveContexts.InnerTextAsync();

        await page.GetByLabel("Operations").FillAsync("20");
        await page.GetByRole(AriaRole.Button, new() { Name = "Run load check" }).ClickAsync();

        var result = page.GetByRole(AriaRole.Table).Filter(new() { HasText = "Back to baseline" });
        await Expect(result).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(result.GetByRole(AriaRole.Row).Filter(new() { HasText = "Succeeded / failed" })).ToContainTextAsync("20 / 0 of 20");
        await Expect(result.GetByRole(AriaRole.Row).Filter(new() { HasText = "Back to baseline" })).ToContainTextAsync("yes");
        await Expect(result.GetByRole(AriaRole.Row).Filter(new() { HasText = "Live contexts" })).ToContainTextAsync(new Regex(@"(\d+) before, peak \d+, \1 after"));
        await Expect(result.GetByRole(AriaRole.Row).Filter(new() { HasText = "Open connections" })).ToContainTextAsync("0 before, 0 after");

        // The gauges moved without a reload (they count the contexts the self-test created) and show no open connection.
        await Expect(liveContexts).Not.ToHaveTextAsync(before);
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "Open connections", Exact = true }).GetByText("0", new() { Exact = true })).ToBeVisibleAsync();
        // Nothing is left behind, not even by the admin's own circuit (its hub request holds no Identity context).
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Healthy: 0 live contexts, 0 open connections");
        await ScreenshotForDocsAsync(page, "pool-health.png");
    });

    [Fact]
    public Task Someone_who_is_not_an_admin_is_refused_the_admin_pages() =>
        JourneyAsync(nameof(Someone_who_is_not_an_admin_is_refused_the_admin_pages), async () =>
    {
        var page = await NewPageAsync();
        await RegisterAsync(page, "not.admin@example.com", "notadmin");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Pool health" })).ToHaveCountAsync(0);

        await page.GotoAsync("/admin/health");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Access denied" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Pool health" })).ToHaveCountAsync(0);
        await Expect(page.GetByText("Self-test")).ToHaveCountAsync(0);
    });
}
