using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Socializer.Core.Accounts;
using Socializer.Core.RoomFollowUp;
using Socializer.Tests.Support;
using Socializer.Web.Components.Chat;

namespace Socializer.Tests.Components.Chat;

/// <summary>An open room follows the reader's settings as they are saved elsewhere (settings page, API, assistant), without a reload.</summary>
public sealed class LiveSettingsTests : MudTestContext, IAsyncLifetime
{
    private const string Spanish = "Hola, ¿cómo estás? Mañana vamos a la playa con mis amigos.";
    private ChatFixture chat = null!;
    private UserSettingsService settings = null!;
    private string ana = "", ben = "";

    async Task IAsyncLifetime.InitializeAsync()
    {
        chat = await ChatFixture.CreateAsync();
        ana = await chat.AddUserAsync("ana");
        ben = await chat.AddUserAsync("ben");
        Context.Services.AddRoomUxServices(chat);
        settings = Context.Services.GetRequiredService<UserSettingsService>();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await chat.DisposeAsync();
    }

    private IRenderedComponent<RoomView> RenderRoom(string userId) =>
        Render<RoomView>(p => p.Add(v => v.RoomId, 1).Add(v => v.UserId, userId).Add(v => v.UserName, userId));

    private static readonly TimeSpan ApertiumWait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Turning_passive_translation_on_and_changing_language_retranslates_the_open_room()
    {
        await settings.UpdateAsync(ana, new UserSettings("en", 0.7, null, PassiveTranslationEnabled: false, CoachingHintsEnabled: true));
        await chat.Messages.PostAsync(1, ben, Spanish);
        var view = RenderRoom(ana);
        Assert.Empty(view.FindAll(".message-translation"));

        await settings.SetPassiveTranslationAsync(ana, true); // as the assistant's "start translating" does

        view.WaitForAssertion(() => Assert.Contains("beach", view.Find(".translation-text").TextContent, StringComparison.Ordinal), ApertiumWait);

        await settings.SetLanguageAsync(ana, "French");

        view.WaitForAssertion(() => Assert.Contains("plage", view.Find(".translation-text").TextContent, StringComparison.Ordinal), ApertiumWait);
        Assert.Equal("fr", view.Find(".translation-text").GetAttribute("lang"));

        await settings.UpdateAsync(ana, new UserSettings("fr", 0.7, null, PassiveTranslationEnabled: false, CoachingHintsEnabled: true));

        view.WaitForAssertion(() => Assert.Empty(view.FindAll(".message-translation")));
        Assert.Single(view.FindAll("button[aria-label='Translate message']"));
    }

    [Fact]
    public async Task Switching_to_the_messages_own_language_removes_its_translation()
    {
        await settings.UpdateAsync(ana, new UserSettings("en", 0.7, null, true, true));
        await chat.Messages.PostAsync(1, ben, Spanish);
        var view = RenderRoom(ana);
        view.WaitForAssertion(() => Assert.NotEmpty(view.FindAll(".translation-text")), ApertiumWait);

        await settings.SetLanguageAsync(ana, "es");

        view.WaitForAssertion(() => Assert.Empty(view.FindAll(".message-translation")));
    }

    [Fact]
    public async Task Turning_coaching_hints_off_clears_coaching_and_wording_hints_but_not_the_others()
    {
        var view = RenderRoom(ana);
        var message = await chat.Messages.PostAsync(1, ana, "Oh whatever ???");
        await chat.Bus.PublishAsync(new SenderNotesReady(ana, 1, message.Id,
        [
            new SenderNote(SenderNoteKind.Coaching, "Try asking a question."),
            new SenderNote(SenderNoteKind.Sensitivity, "\"whatever\": Sounds dismissive.", "I see your point."),
            new SenderNote(SenderNoteKind.Confusion, "Not sure what ben meant? Ask the assistant to explain.", "@ai what did ben mean?"),
        ]));
        view.WaitForAssertion(() => Assert.Equal(3, view.FindAll(".private-hint").Count));

        await settings.UpdateAsync(ana, new UserSettings("en", 0.7, null, true, CoachingHintsEnabled: false));

        view.WaitForAssertion(() => Assert.Single(view.FindAll(".private-hint")));
        Assert.Equal("Confusion", view.Find(".private-hint").GetAttribute("data-kind"));
    }

    [Fact]
    public async Task Another_users_settings_leave_this_room_alone()
    {
        await settings.UpdateAsync(ana, new UserSettings("en", 0.7, null, false, true));
        await chat.Messages.PostAsync(1, ben, Spanish);
        var view = RenderRoom(ana);
        var before = view.Markup;

        await settings.UpdateAsync(ben, new UserSettings("en", 0.7, null, true, true));

        Assert.Empty(view.FindAll(".message-translation"));
        Assert.Equal(before, view.Markup);
    }
}
