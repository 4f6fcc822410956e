using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Socializer.Tests.Browser;

public sealed class ChatJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public Task Two_people_see_each_others_messages_typing_and_presence_live() =>
        JourneyAsync(nameof(Two_people_see_each_others_messages_typing_and_presence_live), async () =>
    {
        var ann = await NewPageAsync();
        var ben = await NewPageAsync();
        await RegisterAsync(ann, "ann@example.com", "ann");
        await RegisterAsync(ben, "ben@example.com", "ben");
        await ann.OpenChatAsync();
        await ben.OpenChatAsync();

        await Expect(ann.Member("ben").Presence("online")).ToBeVisibleAsync();
        await Expect(ben.Member("ann").Presence("online")).ToBeVisibleAsync();

        await ann.SendMessageAsync("Hello from ann, live");
        await Expect(ben.GetByText("Hello from ann, live")).ToBeVisibleAsync();

        await ben.MessageBox().FillAsync("Hi ann, I am wri");
        await Expect(ann.GetByText("ben is typing…")).ToBeVisibleAsync();
        await ben.MessageBox().PressAsync("Enter");
        await Expect(ann.GetByText("Hi ann, I am wri")).ToBeVisibleAsync();

        await ben.CloseAsync(new() { RunBeforeUnload = true });
        await Expect(ann.Member("ben").Presence("offline")).ToBeVisibleAsync();
        await Expect(ann.Member("ann").Presence("online")).ToBeVisibleAsync();
    });

    [Fact]
    public Task A_password_group_is_open_to_invitees_and_closed_to_everyone_else() =>
        JourneyAsync(nameof(A_password_group_is_open_to_invitees_and_closed_to_everyone_else), async () =>
    {
        var ada = await NewPageAsync();
        var bob = await NewPageAsync();
        await RegisterAsync(ada, "ada.group@example.com", "adagroup");
        await RegisterAsync(bob, "bob.group@example.com", "bobgroup");
        await ada.OpenChatAsync();
        await bob.OpenChatAsync();

        await ada.GetByRole(AriaRole.Button, new() { Name = "New room" }).ClickAsync();
        var dialog = ada.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Name (optional)").FillAsync("Secret club");
        await dialog.GetByLabel("Invite people").FillAsync("bobgr");
        await ada.GetByText("bobgroup (bobgroup)").ClickAsync();
        await Expect(dialog.GetByText("bobgroup", new() { Exact = true })).ToBeVisibleAsync();
        await dialog.GetByLabel("Join password (optional)").FillAsync("open sesame");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Expect(ada.GetByRole(AriaRole.Heading, new() { Name = "Secret club" })).ToBeVisibleAsync();
        await Expect(ada.MessageBox()).ToBeEnabledAsync();
        var roomPath = new Uri(ada.Url).AbsolutePath;
        await ada.SendMessageAsync("Only for the club");

        // The invite arrives live; accepting it opens the room with its history.
        await Expect(bob.GetByText("Secret club")).ToBeVisibleAsync();
        await bob.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
        await Expect(bob.GetByRole(AriaRole.Heading, new() { Name = "Secret club" })).ToBeVisibleAsync();
        await Expect(bob.GetByText("Only for the club")).ToBeVisibleAsync();
        await Expect(bob.MessageBox()).ToBeEnabledAsync();
        await bob.SendMessageAsync("Glad to be in");
        await Expect(ada.GetByText("Glad to be in")).ToBeVisibleAsync();
        await ScreenshotForDocsAsync(ada, "chat.png");

        // Someone uninvited who knows the address sees a refusal and none of the messages.
        var cy = await NewPageAsync();
        await RegisterAsync(cy, "cy.group@example.com", "cygroup");
        await cy.GotoAsync(roomPath);
        await cy.Locator("[role=main][aria-busy=false]").WaitForAsync();
        await Expect(cy.GetByText("No such room, or you are not a member of it.")).ToBeVisibleAsync();
        await Expect(cy.GetByText("Only for the club")).ToHaveCountAsync(0);
        await Expect(cy.GetByText("Glad to be in")).ToHaveCountAsync(0);
        await Expect(cy.GetByRole(AriaRole.Heading, new() { Name = "Secret club" })).ToHaveCountAsync(0);
    });

    [Fact]
    public Task On_a_phone_the_drawer_collapses_and_chat_still_works() =>
        JourneyAsync(nameof(On_a_phone_the_drawer_collapses_and_chat_still_works), async () =>
    {
        var page = await NewPageAsync(390, 844);
        await RegisterAsync(page, "phone@example.com", "phoneuser");
        await page.OpenChatAsync();

        var navigation = page.GetByRole(AriaRole.Link, new() { Name = "Assistant", Exact = true });
        await Expect(navigation).Not.ToBeInViewportAsync();
        await OpenNavigationAsync(page, navigation);
        // A tap beside the open drawer (on its scrim) closes it, as on any phone app.
        await page.Mouse.ClickAsync(370, 600);
        await Expect(navigation).Not.ToBeInViewportAsync();

        await page.SendMessageAsync("Sent from a phone");
        await Expect(page.GetByText("Sent from a phone")).ToBeInViewportAsync();
    });

    [Fact]
    public Task Html_and_script_links_in_a_message_stay_inert() =>
        JourneyAsync(nameof(Html_and_script_links_in_a_message_stay_inert), async () =>
    {
        var page = await NewPageAsync();
        var dialogs = new List<string>();
        page.Dialog += (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            _ = dialog.DismissAsync();
        };
        await RegisterAsync(page, "xss@example.com", "xssuser");
        await page.OpenChatAsync();

        await page.SendMessageAsync("look <img src=x onerror=alert(1)> and [x](javascript:alert(1))");

        await Expect(page.GetByText("look <img src=x onerror=alert(1)> and")).ToBeVisibleAsync();
        var link = page.GetByRole(AriaRole.Link, new() { Name = "x", Exact = true });
        await Expect(link).ToBeVisibleAsync();
        Assert.DoesNotContain("javascript", await link.GetAttributeAsync("href") ?? "", StringComparison.OrdinalIgnoreCase);
        await link.ClickAsync();
        Assert.Equal(0, await page.Locator("img[src=x]").CountAsync());

        // Rendered again from the database after a reload, it is still only text.
        await page.ReloadAsync();
        await page.Locator("[role=main][aria-busy=false]").WaitForAsync();
        await Expect(page.GetByText("look <img src=x onerror=alert(1)> and")).ToBeVisibleAsync();
        Assert.Empty(dialogs);
    });

    /// <summary>
    /// Opens the phone drawer. A tap that lands while the drawer is still adapting to the screen size (MudBlazor's
    /// breakpoint check closes it on first render) is undone by that, so it is tried again.
    /// </summary>
    private static async Task OpenNavigationAsync(IPage page, ILocator link)
    {
        for (var attempt = 1; ; attempt++)
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Toggle navigation" }).ClickAsync();
            try
            {
                await Expect(link).ToBeInViewportAsync(new() { Timeout = 5_000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 3) { }
        }
    }
}
