using Microsoft.Playwright;
using Socializer.Tests.Browser;
using static Microsoft.Playwright.Assertions;

namespace Socializer.Tests.Reliability;

/// <summary>
/// A reader's connection drops (the browser goes offline and its circuit's socket is cut) while someone else posts;
/// when it comes back the missed message is there and the half-typed text is still in the box.
/// </summary>
public sealed class DisconnectJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public Task A_dropped_connection_gets_the_missed_messages_back_and_keeps_the_draft() =>
        JourneyAsync(nameof(A_dropped_connection_gets_the_missed_messages_back_and_keeps_the_draft), async () =>
    {
        var ann = await NewPageAsync();
        var ben = await NewPageAsync();
        await RegisterAsync(ann, "ann.offline@example.com", "annoffline");
        await RegisterAsync(ben, "ben.offline@example.com", "benoffline");
        await ann.OpenChatAsync();
        await ben.OpenChatAsync();
        await ann.MessageBox().FillAsync("A half-written thought");

        // Offline blocks new connections; Playwright's offline mode leaves open WebSockets alone, so cut the circuit's too.
        await ann.Context.SetOfflineAsync(true);
        await ann.EvaluateAsync("() => Blazor._internal.forceCloseConnection()");
        await Expect(ann.Locator("#components-reconnect-modal")).ToBeVisibleAsync();

        await ben.SendMessageAsync("Posted while ann was offline");

        await ann.Context.SetOfflineAsync(false);
        await Expect(ann.GetByText("Posted while ann was offline")).ToBeVisibleAsync(new() { Timeout = 90_000 });
        await Expect(ann.Locator("#components-reconnect-modal")).Not.ToBeVisibleAsync();
        await Expect(ann.MessageBox()).ToHaveValueAsync("A half-written thought");

        await ann.MessageBox().PressAsync("Enter");
        await Expect(ben.GetByText("A half-written thought")).ToBeVisibleAsync();
    });

    [Fact]
    public Task When_the_circuit_is_gone_the_page_reloads_with_the_missed_messages_and_the_draft() =>
        JourneyAsync(nameof(When_the_circuit_is_gone_the_page_reloads_with_the_missed_messages_and_the_draft), async () =>
    {
        var ann = await NewPageAsync();
        var ben = await NewPageAsync();
        await RegisterAsync(ann, "ann.reload@example.com", "annreload");
        await RegisterAsync(ben, "ben.reload@example.com", "benreload");
        await ann.OpenChatAsync();
        await ben.OpenChatAsync();
        await ann.MessageBox().FillAsync("Text typed before the server forgot me");
        await ben.SendMessageAsync("Posted while ann's circuit was gone");

        // When the server no longer has the circuit (restart, retention over) the client reloads the page
        // (ReconnectModal.razor.js): the same as this reload.
        await ann.ReloadAsync();
        await ann.Locator("[role=main][aria-busy=false]").WaitForAsync();

        await Expect(ann.GetByText("Posted while ann's circuit was gone")).ToBeVisibleAsync();
        await Expect(ann.MessageBox()).ToHaveValueAsync("Text typed before the server forgot me");
        await Expect(ann.MessageBox()).ToBeEnabledAsync();
        await ann.MessageBox().PressAsync("Enter");
        await Expect(ben.GetByText("Text typed before the server forgot me")).ToBeVisibleAsync();

        // Sent drafts are forgotten: another reload starts with an empty box.
        await ann.ReloadAsync();
        await ann.OpenChatAsync();
        await Expect(ann.MessageBox()).ToHaveValueAsync("");
    });
}
