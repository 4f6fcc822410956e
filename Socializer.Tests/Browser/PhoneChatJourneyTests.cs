using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Socializer.Tests.Browser;

public sealed class PhoneChatJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public Task On_a_phone_the_rooms_are_a_drawer_and_a_spanish_message_arrives_translated() =>
        JourneyAsync(nameof(On_a_phone_the_rooms_are_a_drawer_and_a_spanish_message_arrives_translated), async () =>
    {
        var phone = await NewPageAsync(390, 844);
        await RegisterAsync(phone, "paula@example.com", "paula");
        await phone.GotoAsync("/chat/1");
        await WaitUntilInteractiveAsync(phone);

        // Click events rather than mouse clicks: the sign-in training snackbar may briefly cover the top of a phone screen.
        // The room list is not beside the room on a phone; its button opens it as a drawer, and picking a room closes it.
        var visibleRooms = phone.Locator("[data-room-id]:visible");
        await Expect(phone.Locator("[data-room-id]")).ToHaveCountAsync(1); // exists for wider screens...
        await Expect(visibleRooms).ToHaveCountAsync(0);                     // ...but not shown on this one
        await phone.GetByRole(AriaRole.Button, new() { Name = "Show rooms" }).DispatchEventAsync("click");
        await Expect(visibleRooms).ToHaveCountAsync(1);
        await visibleRooms.GetByText("general").DispatchEventAsync("click");
        await Expect(visibleRooms).ToHaveCountAsync(0);

        await phone.GetByLabel("Message", new() { Exact = true }).FillAsync("Hello from my phone");
        await phone.GetByLabel("Message", new() { Exact = true }).PressAsync("Enter");
        await Expect(phone.GetByRole(AriaRole.Log, new() { Name = "Messages" })).ToContainTextAsync("Hello from my phone");

        var desktop = await NewPageAsync();
        await RegisterAsync(desktop, "sofia@example.com", "sofia");
        await desktop.GotoAsync("/chat/1");
        await WaitUntilInteractiveAsync(desktop);
        await desktop.GetByLabel("Message", new() { Exact = true }).FillAsync("Hola, ¿cómo estás? Mañana vamos a la playa con mis amigos.");
        await desktop.GetByLabel("Message", new() { Exact = true }).PressAsync("Enter");

        // A guard, not a timing assertion: apertium starts a pipeline of processes, slow on a loaded 2-core machine.
        await Expect(phone.GetByText("machine translation from Spanish")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(phone.Locator(".translation-text")).ToContainTextAsync("beach");
        await ScreenshotForDocsAsync(phone, "chat-phone.png");
    });
}
