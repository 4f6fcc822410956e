using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Socializer.Tests.Browser;

public sealed class AssistantJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public Task The_assistant_remembers_a_name_across_conversations_and_shows_its_tools() =>
        JourneyAsync(nameof(The_assistant_remembers_a_name_across_conversations_and_shows_its_tools), async () =>
    {
        var page = await NewPageAsync();
        await RegisterAsync(page, "ada.assistant@example.com", "adaassist");
        await OpenAssistantAsync(page);

        await AskAsync(page, "remember that my name is Ada");
        await Expect(page.GetByText("remember_fact", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/assistant/\d+$"));

        await page.GetByRole(AriaRole.Button, new() { Name = "New conversation" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/assistant$"));
        await Expect(page.GetByText("Try one of these:")).ToBeVisibleAsync();

        await AskAsync(page, "what is my name?");
        await Expect(page.GetByText("recall_facts", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByText(new Regex(@"Your name is\W+Ada"))).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Send" })).ToBeVisibleAsync();
        // Two conversations now, both listed.
        await Expect(page.GetByRole(AriaRole.Listbox, new() { Name = "Conversations" }).GetByRole(AriaRole.Option)).ToHaveCountAsync(2);
        await ScreenshotForDocsAsync(page, "assistant.png");
    });

    [Fact]
    public Task Stop_interrupts_a_streaming_answer_and_keeps_what_arrived() =>
        JourneyAsync(nameof(Stop_interrupts_a_streaming_answer_and_keeps_what_arrived), async () =>
    {
        var page = await NewPageAsync();
        await RegisterAsync(page, "stopper@example.com", "stopper");
        await OpenAssistantAsync(page);

        await AskAsync(page, "What can you do?");
        var stop = page.GetByRole(AriaRole.Button, new() { Name = "Stop" });
        await Expect(stop).ToBeVisibleAsync();
        await Expect(page.GetByText("Here is what I can do offline")).ToBeVisibleAsync();
        await stop.ClickAsync();

        await Expect(page.GetByText("(stopped)")).ToBeVisibleAsync();
        await Expect(stop).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Send" })).ToBeVisibleAsync();
        // The end of the answer never came.
        await Expect(page.GetByText("cultural checks")).ToHaveCountAsync(0);

        // What was kept is saved: it is still there after a reload.
        await page.ReloadAsync();
        await WaitUntilInteractiveAsync(page);
        await Expect(page.GetByText("(stopped)")).ToBeVisibleAsync();
    });

    private static async Task OpenAssistantAsync(IPage page)
    {
        await page.GotoAsync("/assistant");
        await WaitUntilInteractiveAsync(page);
        await Expect(page.GetByLabel("Message the assistant")).ToBeEnabledAsync();
    }

    private static async Task AskAsync(IPage page, string message)
    {
        var box = page.GetByLabel("Message the assistant");
        await Expect(box).ToBeEnabledAsync();
        await box.FillAsync(message);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Expect(page.GetByText(message, new() { Exact = true })).ToBeVisibleAsync();
    }
}
