using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Socializer.Core.Chat;
using Socializer.Core.RoomFollowUp;
using Socializer.Tests.Support;
using Socializer.Web.Components.Chat;
using Socializer.Web.Components.Layout;

namespace Socializer.Tests.Components.Chat;

/// <summary>The chat's private hints, translations under messages and the frame's unread badge and presence, over real services.</summary>
public sealed class RoomUxTests : MudTestContext, IAsyncLifetime
{
    private const string Spanish = "Hola, ¿cómo estás? Mañana vamos a la playa con mis amigos.";
    private ChatFixture chat = null!;
    private string ana = "", ben = "";

    async Task IAsyncLifetime.InitializeAsync()
    {
        chat = await ChatFixture.CreateAsync();
        ana = await chat.AddUserAsync("ana");
        ben = await chat.AddUserAsync("ben");
        Context.Services.AddRoomUxServices(chat);
        Context.Services.AddSingleton(new PresenceTracker(chat.Bus));
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await chat.DisposeAsync();
    }

    private IRenderedComponent<RoomView> RenderRoom(string userId, int roomId = 1) =>
        Render<RoomView>(p => p.Add(v => v.RoomId, roomId).Add(v => v.UserId, userId).Add(v => v.UserName, userId));

    private async Task SetReaderAsync(string userId, string language, bool passive)
    {
        await using var db = await chat.Database.Factory.CreateDbContextAsync();
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s
            .SetProperty(u => u.PreferredLanguage, language).SetProperty(u => u.PassiveTranslationEnabled, passive));
    }

    [Fact]
    public async Task A_private_hint_is_shown_to_its_sender_only_and_can_be_dismissed()
    {
        var anaView = RenderRoom(ana);
        var benView = RenderRoom(ben);
        var message = await chat.Messages.PostAsync(1, ana, "Oh whatever.");

        await chat.Bus.PublishAsync(new SenderNotesReady(ana, 1, message.Id,
            [new SenderNote(SenderNoteKind.Sensitivity, "\"whatever\": Sounds dismissive.", "I see your point.")]));

        anaView.WaitForAssertion(() => Assert.Contains("Sounds dismissive", anaView.Find(".private-hint").TextContent, StringComparison.Ordinal));
        Assert.Contains("Only you can see this", anaView.Find(".private-hint").TextContent, StringComparison.Ordinal);
        Assert.Empty(benView.FindAll(".private-hint"));
        Assert.DoesNotContain("Sounds dismissive", benView.Markup, StringComparison.Ordinal);

        await anaView.Find("button[aria-label='Dismiss hint']").ClickAsync(new());
        anaView.WaitForAssertion(() => Assert.Empty(anaView.FindAll(".private-hint")));
    }

    [Fact]
    public async Task A_hint_for_another_room_is_not_shown_here()
    {
        var view = RenderRoom(ana);
        var other = await chat.Rooms.CreateGroupAsync(ana, new NewGroupRoom("other", []));
        var message = await chat.Messages.PostAsync(other.Id, ana, "hey");

        await chat.Bus.PublishAsync(new SenderNotesReady(ana, other.Id, message.Id, [new SenderNote(SenderNoteKind.Coaching, "Ask a question.")]));
        await chat.Bus.PublishAsync(new SenderNotesReady(ana, 1, message.Id, [new SenderNote(SenderNoteKind.Coaching, "Acknowledge feelings.")]));

        view.WaitForAssertion(() => Assert.Single(view.FindAll(".private-hint")));
        Assert.Contains("Acknowledge feelings.", view.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Ask a question.", view.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_confusion_hint_puts_a_question_for_the_assistant_into_the_input()
    {
        var view = RenderRoom(ana);
        var message = await chat.Messages.PostAsync(1, ana, "???");
        const string draft = "@ai what did ben mean by \"it's moot\"?";

        await chat.Bus.PublishAsync(new SenderNotesReady(ana, 1, message.Id,
            [new SenderNote(SenderNoteKind.Confusion, "Not sure what ben meant? Ask the assistant to explain.", draft)]));
        view.WaitForAssertion(() => Assert.NotEmpty(view.FindAll(".hint-action")));
        Assert.Contains("Ask the assistant to explain", view.Find(".hint-action").TextContent, StringComparison.Ordinal);

        await view.Find(".hint-action").ClickAsync(new());

        view.WaitForAssertion(() => Assert.Equal(draft, view.Find("textarea[aria-label='Message']").GetAttribute("value")));
        Assert.Empty(view.FindAll(".private-hint"));
        Assert.Single((await chat.Messages.HistoryAsync(1, ana)).Messages); // nothing was sent for her
    }

    [Fact]
    public async Task A_spanish_message_is_translated_for_an_english_reader_with_passive_translation_on()
    {
        await SetReaderAsync(ana, "en", passive: true);
        await chat.Messages.PostAsync(1, ben, Spanish);

        var view = RenderRoom(ana);

        view.WaitForAssertion(() => Assert.NotEmpty(view.FindAll(".translation-text")), TimeSpan.FromSeconds(30));
        Assert.Contains("beach", view.Find(".translation-text").TextContent, StringComparison.Ordinal);
        Assert.Equal("machine translation from Spanish", view.Find(".translation-caption").TextContent.Trim());

        await view.Find("button[aria-label='Hide translation']").ClickAsync(new());
        view.WaitForAssertion(() => Assert.Empty(view.FindAll(".translation-text")));
        Assert.NotEmpty(view.FindAll("button[aria-label='Show translation']"));
    }

    [Fact]
    public async Task With_passive_translation_off_nothing_is_translated_until_asked()
    {
        await SetReaderAsync(ana, "en", passive: false);
        await chat.Messages.PostAsync(1, ben, Spanish);

        var view = RenderRoom(ana);

        Assert.Empty(view.FindAll(".message-translation"));
        await view.Find("button[aria-label='Translate message']").ClickAsync(new());
        view.WaitForAssertion(() => Assert.Contains("beach", view.Find(".translation-text").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Messages_in_the_readers_own_language_and_own_messages_get_no_translation()
    {
        await SetReaderAsync(ana, "es", passive: true);
        await chat.Messages.PostAsync(1, ben, Spanish);
        await chat.Messages.PostAsync(1, ana, "I am writing in English today, sorry about that.");

        var view = RenderRoom(ana);

        Assert.Empty(view.FindAll(".message-translation"));
        Assert.Single(view.FindAll("button[aria-label='Translate message']")); // ben's, not her own
    }

    [Fact]
    public async Task A_pair_without_a_translator_says_so()
    {
        await SetReaderAsync(ana, "en", passive: true);
        await chat.Messages.PostAsync(1, ben, "Ich habe heute leider keine Zeit, danke schön.");

        var view = RenderRoom(ana);

        view.WaitForAssertion(() => Assert.Contains("Translation from German to English is not available.",
            view.Find(".translation-problem").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task The_unread_badge_counts_every_room_live()
    {
        var badge = Render<UnreadBadge>(p => p.Add(b => b.UserId, ana));
        Assert.NotEmpty(badge.FindAll("a[aria-label='No unread messages'], button[aria-label='No unread messages']"));
        var room = await chat.Rooms.OpenDirectAsync(ben, ana);

        await chat.Messages.PostAsync(1, ben, "hi all");
        await chat.Messages.PostAsync(room.Id, ben, "hi ana");

        badge.WaitForAssertion(() => Assert.NotEmpty(badge.FindAll("[aria-label='2 unread messages']")));
        Assert.Contains("2", badge.Find(".mud-badge").TextContent, StringComparison.Ordinal);

        await chat.Rooms.MarkReadAsync(1, ana);
        badge.WaitForAssertion(() => Assert.NotEmpty(badge.FindAll("[aria-label='1 unread message']")));
    }

    [Fact]
    public async Task The_layout_keeps_a_signed_in_user_online_while_it_is_open()
    {
        Context.AddAuthorization().SetAuthorized("ana").SetClaims(new Claim(ClaimTypes.NameIdentifier, ana));
        var presence = Context.Services.GetRequiredService<PresenceTracker>();

        var layout = Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddMarkupContent(0, "<p>page</p>"))));

        layout.WaitForAssertion(() => Assert.True(presence.IsOnline(ana)));
        Assert.NotEmpty(layout.FindAll("[aria-label='No unread messages']"));
        Assert.NotNull(layout.Find("[role='main'][aria-busy='false']"));

        await Context.DisposeComponentsAsync();
        Assert.False(presence.IsOnline(ana));
    }
}
