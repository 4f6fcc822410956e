using System.Collections.Concurrent;
using Microsoft.Playwright;
using Socializer.Tests.Browser;
using Socializer.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Socializer.Tests.Security;

/// <summary>
/// The policy must be one the app actually satisfies: Chromium walks every page (account forms, chat, assistant,
/// profile, settings, admin) under the real headers, and no Content-Security-Policy violation may be reported,
/// neither as a securitypolicyviolation event nor on the console.
/// </summary>
public sealed class ContentSecurityPolicyBrowserTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private static readonly string[] UserPages = ["/settings", "/profile/memory", "/profile/training", "/profile/life-events", "/"];
    private static readonly string[] AdminPages = ["/admin/health", "/admin/users"];

    [Fact]
    public Task Every_page_runs_under_the_policy_without_a_single_violation() =>
        JourneyAsync(nameof(Every_page_runs_under_the_policy_without_a_single_violation), async () =>
    {
        var violations = new ConcurrentQueue<string>();
        var page = await NewPageAsync();
        await page.Context.ExposeFunctionAsync("reportCspViolation", (string v) => violations.Enqueue(v));
        await page.Context.AddInitScriptAsync(
            "document.addEventListener('securitypolicyviolation', e => window.reportCspViolation(`${e.violatedDirective} blocked ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`));");
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) violations.Enqueue(message.Text);
        };
        var policies = new ConcurrentQueue<string>();
        page.Response += (_, response) =>
        {
            if (response.Request.ResourceType == "document" && response.Headers.TryGetValue("content-security-policy", out var csp)) policies.Enqueue(csp);
        };

        await RegisterAsync(page, "csp@example.com", "cspwalker");
        await page.OpenChatAsync();
        await page.SendMessageAsync("**bold** [a link](https://example.com) and <b>markup</b>");
        await Expect(page.GetByText("bold", new() { Exact = true })).ToBeVisibleAsync();

        await page.GotoAsync("/assistant");
        await WaitUntilInteractiveAsync(page);
        var box = page.GetByLabel("Message the assistant");
        await Expect(box).ToBeEnabledAsync();
        await box.FillAsync("remember that my favourite colour is green");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Expect(page.GetByText("remember_fact", new() { Exact = true })).ToBeVisibleAsync();

        foreach (var path in UserPages)
        {
            await page.GotoAsync(path);
            await WaitUntilInteractiveAsync(page);
        }
        await LogOutAsync(page);

        await LogInAsync(page, SocializerAppFactory.AdminEmail, SocializerAppFactory.AdminPassword);
        await page.WaitForURLAsync(url => !url.Contains("/Account/", StringComparison.Ordinal));
        foreach (var path in AdminPages)
        {
            await page.GotoAsync(path);
            await WaitUntilInteractiveAsync(page);
        }
        await page.WaitForTimeoutAsync(500); // let late reports (fonts, styles applied after render) arrive

        Assert.NotEmpty(policies);
        Assert.All(policies, p => Assert.Contains("script-src 'self' 'nonce-", p, StringComparison.Ordinal));
        Assert.True(violations.IsEmpty, "CSP violations:\n" + string.Join("\n", violations));
    });
}
