using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Socializer.Tests.Browser;

public sealed class SettingsJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public Task Temperature_and_language_are_saved_reach_an_open_chat_live_and_survive_a_reload() =>
        JourneyAsync(nameof(Temperature_and_language_are_saved_reach_an_open_chat_live_and_survive_a_reload), async () =>
    {
        var page = await NewPageAsync();
        await RegisterAsync(page, "settings@example.com", "settingsuser");

        // Someone writes in Spanish; the user's chat, open in another tab, shows it translated into English.
        const string spanish = "Mañana vamos a la playa con mis amigos.";
        var speaker = await NewPageAsync();
        await RegisterAsync(speaker, "hablante@example.com", "hablante");
        await speaker.OpenChatAsync();
        await speaker.SendMessageAsync(spanish);
        var chat = await page.Context.NewPageAsync();
        await chat.OpenChatAsync();
        var translation = chat.Locator(".message-item", new() { HasText = spanish }).Locator(".translation-text");
        await Expect(translation).ToHaveAttributeAsync("lang", "en", new() { Timeout = 30_000 }); // apertium on a busy machine

        await page.GotoAsync("/settings");
        await WaitUntilInteractiveAsync(page);

        var slider = page.GetByRole(AriaRole.Slider);
        await Expect(slider).ToBeEnabledAsync();
        await slider.FocusAsync();
        await slider.PressAsync("Home");
        for (var i = 0; i < 3; i++) await slider.PressAsync("ArrowRight");
        await Expect(page.GetByText("AI temperature: 0.3")).ToBeVisibleAsync();

        await page.GetByLabel("Preferred language").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "French (fr)" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Option, new() { Name = "French (fr)" })).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.GetByText("Settings saved.")).ToBeVisibleAsync();

        // The open chat follows at once, without a reload: the message is now translated into French.
        await Expect(translation).ToHaveAttributeAsync("lang", "fr", new() { Timeout = 30_000 });
        await Expect(translation).ToContainTextAsync("plage");

        await page.ReloadAsync();
        await WaitUntilInteractiveAsync(page);
        await Expect(page.GetByText("AI temperature: 0.3")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Slider)).ToHaveValueAsync("0.3");
        await page.GetByLabel("Preferred language").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Option, new() { Name = "French (fr)", Selected = true })).ToBeVisibleAsync();
    });
}
