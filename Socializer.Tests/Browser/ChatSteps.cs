using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Socializer.Tests.Browser;

/// <summary>What a user does in the chat, said with roles and labels so layout changes don't break the journeys.</summary>
internal static class ChatSteps
{
    public static ILocator MessageBox(this IPage page) =>
        page.GetByRole(AriaRole.Textbox, new() { Name = "Message", Exact = true });

    /// <summary>Opens a room (general by default) and waits until the message box takes input.</summary>
    public static async Task OpenChatAsync(this IPage page, string path = "/chat")
    {
        await page.GotoAsync(path);
        await page.Locator("[role=main][aria-busy=false]").WaitForAsync();
        await Expect(page.MessageBox()).ToBeEnabledAsync();
    }

    /// <summary>Types a message and sends it with Enter, then waits until the box is empty again (the message is stored).</summary>
    public static async Task SendMessageAsync(this IPage page, string text)
    {
        var box = page.MessageBox();
        await box.FillAsync(text);
        await box.PressAsync("Enter");
        await Expect(page.MessageBox()).ToHaveValueAsync("");
    }

    /// <summary>One person in the room's member list.</summary>
    public static ILocator Member(this IPage page, string name) =>
        page.GetByRole(AriaRole.Listbox, new() { Name = "Members" }).GetByRole(AriaRole.Option)
            .Filter(new() { Has = page.GetByText(name, new() { Exact = true }) });

    public static ILocator Presence(this ILocator member, string state) =>
        member.GetByRole(AriaRole.Img, new() { Name = state, Exact = true });
}
