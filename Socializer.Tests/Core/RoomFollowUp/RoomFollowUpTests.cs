using Microsoft.EntityFrameworkCore;
using Socializer.Core.Chat;
using Socializer.Core.RoomFollowUp;
using Socializer.Core.Translation;
using Socializer.Tests.Support;

namespace Socializer.Tests.Core.RoomFollowUp;

public sealed class RoomFollowUpTests : IAsyncLifetime
{
    private ChatFixture chat = null!;
    private string ana = "", ben = "";

    public async Task InitializeAsync()
    {
        chat = await ChatFixture.CreateAsync();
        ana = await chat.AddUserAsync("ana");
        ben = await chat.AddUserAsync("ben");
    }

    public async Task DisposeAsync() => await chat.DisposeAsync();

    private async Task<MessagePosted> PostAsync(string userId, string content, int roomId = 1)
    {
        var view = await chat.Messages.PostAsync(roomId, userId, content);
        return new MessagePosted(roomId, view, RoomAiEnabled: (await chat.Rooms.GetRoomAsync(roomId, userId)).AiEnabled);
    }

    [Fact]
    public async Task A_posted_message_is_stored_with_its_detected_language()
    {
        var spanish = await chat.Messages.PostAsync(1, ana, "Hola, ¿cómo estás? Yo estoy muy bien, gracias.");
        var english = await chat.Messages.PostAsync(1, ben, "I am fine, thanks for asking. What about you?");

        Assert.Equal(("es", "en"), (spanish.Language, english.Language));
        await using var db = await chat.Database.Factory.CreateDbContextAsync();
        Assert.Equal("es", await db.Messages.Where(m => m.Id == spanish.Id).Select(m => m.Language).SingleAsync());
        var history = await chat.Messages.HistoryAsync(1, ben);
        Assert.Equal(["es", "en"], history.Messages.Select(m => m.Language));
    }

    [Fact]
    public async Task Editing_redetects_the_language_and_drops_translations_of_the_old_text()
    {
        var message = await chat.Messages.PostAsync(1, ana, "Hola, ¿cómo estás? Yo estoy muy bien, gracias.");
        await using (var db = await chat.Database.Factory.CreateDbContextAsync())
        {
            db.MessageTranslations.Add(new MessageTranslation { MessageId = message.Id, SourceLanguage = "es", TargetLanguage = "en", Text = "Hi", Engine = "apertium" });
            await db.SaveChangesAsync();
        }

        var edited = await chat.Messages.EditAsync(message.Id, ana, "Sorry, I meant to write this in English for everyone.");

        Assert.Equal("en", edited.Language);
        await using var check = await chat.Database.Factory.CreateDbContextAsync();
        Assert.False(await check.MessageTranslations.AnyAsync(t => t.MessageId == message.Id));
    }

    [Fact]
    public async Task Wording_feedback_reaches_only_the_senders_subscription()
    {
        var (anaReceived, anaSubscription) = chat.Listen(ana);
        var (benReceived, benSubscription) = chat.Listen(ben);
        using var _ = anaSubscription;
        using var __ = benSubscription;
        var delivered = new TaskCompletionSource<SenderNotesReady>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var waiter = chat.Bus.SubscribeToUser(ana, e =>
        {
            if (e is SenderNotesReady notes) delivered.TrySetResult(notes);
            return Task.CompletedTask;
        });
        using var worker = chat.NewFollowUpWorker();
        await worker.StartAsync(CancellationToken.None);

        var posted = await chat.Messages.PostAsync(1, ana, "Oh whatever, calm down.");
        var notes = await delivered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await worker.StopAsync(CancellationToken.None);

        Assert.Equal((ana, 1, posted.Id), (notes.UserId, notes.RoomId, notes.MessageId));
        var note = Assert.Single(notes.Notes, n => n.Kind == SenderNoteKind.Sensitivity);
        Assert.Contains("whatever", note.Text, StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(note.SuggestedDraft);
        lock (anaReceived) Assert.Single(anaReceived.OfType<SenderNotesReady>());
        lock (benReceived) Assert.Empty(benReceived.OfType<SenderNotesReady>());
    }

    [Fact]
    public async Task A_kind_message_gets_no_notes_and_nothing_is_published()
    {
        var (received, subscription) = chat.Listen(ana);
        using var _ = subscription;

        var notes = await chat.NewFollowUp().HandleAsync(await PostAsync(ana, "Thanks, that sounds great!"), CancellationToken.None);

        Assert.Empty(notes);
        lock (received) Assert.Empty(received.OfType<SenderNotesReady>());
    }

    [Fact]
    public async Task Every_fifth_message_brings_a_coaching_hint()
    {
        var followUp = chat.NewFollowUp();
        var kinds = new List<IReadOnlyList<SenderNoteKind>>();
        for (var i = 1; i <= 5; i++)
            kinds.Add([.. (await followUp.HandleAsync(await PostAsync(ana, $"Thanks for the update number {i}, how are you feeling?"), CancellationToken.None)).Select(n => n.Kind)]);

        Assert.All(kinds.Take(4), k => Assert.DoesNotContain(SenderNoteKind.Coaching, k));
        Assert.Contains(SenderNoteKind.Coaching, kinds[4]);
    }

    [Fact]
    public async Task The_detected_language_becomes_the_preferred_one_when_the_user_did_not_choose()
    {
        var followUp = chat.NewFollowUp();
        var (received, subscription) = chat.Listen(ana);
        using var _ = subscription;
        IReadOnlyList<SenderNote> last = [];
        foreach (var text in new[] { "Hola a todos, ¿qué tal el día?", "Yo estoy muy bien, gracias por preguntar.", "Mañana vamos a la playa con mis amigos." })
            last = await followUp.HandleAsync(await PostAsync(ana, text), CancellationToken.None);

        Assert.Equal(("es", false), await chat.PreferredLanguageAsync(ana));
        Assert.Contains(last, n => n.Kind == SenderNoteKind.Language && n.Text.Contains("Spanish", StringComparison.Ordinal));
        // Her open chat pages learn the new language too, so translations for her switch at once.
        Assert.Equal("es", Assert.Single(received.OfType<Socializer.Core.Accounts.UserSettingsChanged>()).Settings.PreferredLanguage);
    }

    [Fact]
    public async Task The_detected_language_is_not_applied_when_the_user_chose_one()
    {
        await using (var db = await chat.Database.Factory.CreateDbContextAsync())
            await db.Users.Where(u => u.Id == ana).ExecuteUpdateAsync(s => s.SetProperty(u => u.PreferredLanguageIsExplicit, true));
        var followUp = chat.NewFollowUp();
        var notes = new List<SenderNote>();
        foreach (var text in new[] { "Hola a todos, ¿qué tal el día?", "Yo estoy muy bien, gracias por preguntar.", "Mañana vamos a la playa con mis amigos." })
            notes.AddRange(await followUp.HandleAsync(await PostAsync(ana, text), CancellationToken.None));

        Assert.Equal(("en", true), await chat.PreferredLanguageAsync(ana));
        Assert.DoesNotContain(notes, n => n.Kind == SenderNoteKind.Language);
    }

    [Fact]
    public async Task Confusion_in_an_ai_room_offers_to_ask_the_assistant_about_the_message_before()
    {
        await chat.Messages.PostAsync(1, ben, "That plan is a moot point now, let's table it.");

        var notes = await chat.NewFollowUp().HandleAsync(await PostAsync(ana, "???"), CancellationToken.None);

        var confusion = Assert.Single(notes, n => n.Kind == SenderNoteKind.Confusion);
        Assert.Equal("@ai what did ben mean by \"That plan is a moot point now, let's table it.\"?", confusion.SuggestedDraft);
    }

    [Fact]
    public async Task Confusion_in_a_room_without_the_assistant_offers_nothing()
    {
        var room = await chat.Rooms.CreateGroupAsync(ana, new NewGroupRoom("quiet", [], AiEnabled: false));
        await chat.Messages.PostAsync(room.Id, ana, "Table it, it's moot.");
        await chat.Rooms.OpenDirectAsync(ben, ana); // unrelated activity must not matter

        var notes = await chat.NewFollowUp().HandleAsync(await PostAsync(ana, "what do you mean?", room.Id), CancellationToken.None);

        Assert.DoesNotContain(notes, n => n.Kind == SenderNoteKind.Confusion);
    }

    [Theory]
    [InlineData("???", true)]
    [InlineData("?? ?", true)]
    [InlineData("What do you mean?", true)]
    [InlineData("sorry, I don't understand", true)]
    [InlineData("No entiendo nada", true)]
    [InlineData("huh?", true)]
    [InlineData("Where are we meeting?", false)]
    [InlineData("?", false)]
    [InlineData("I know what you mean, and I agree with every word you said there, it was a long day for all of us anyway.", false)]
    public void Confusion_is_recognised_in_short_messages_only(string text, bool expected) =>
        Assert.Equal(expected, ConfusionDetector.IsConfusion(text));

    [Fact]
    public async Task Choosing_a_language_in_settings_marks_it_explicit()
    {
        await using var host = await AssistantTestHost.StartAsync();
        var user = await host.AddUserAsync("cleo");

        await host.Settings.SetLanguageAsync(user, "French");

        await using var db = await host.Database.Factory.CreateDbContextAsync();
        var saved = await db.Users.SingleAsync(u => u.Id == user);
        Assert.Equal(("fr", true), (saved.PreferredLanguage, saved.PreferredLanguageIsExplicit));
    }
}
