using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Socializer.Core.Assistant;
using Socializer.Core.Translation;
using Socializer.Tests.Support;
using Socializer.Web.Components.Chat;

namespace Socializer.Tests.Components.Chat;

/// <summary>A room translation made by the configured model (a real OpenAI-compatible endpoint on loopback) is marked as AI translation; a broken model reads as "unavailable".</summary>
public sealed class ModelTranslationViewTests : MudTestContext, IAsyncLifetime
{
    private const string German = "Ich habe heute leider keine Zeit, danke schön.";
    private ChatFixture chat = null!;
    private ScriptedOpenAIServer server = null!;
    private AssistantChatClients clients = null!;
    private string ana = "", ben = "";

    async Task IAsyncLifetime.InitializeAsync()
    {
        chat = await ChatFixture.CreateAsync();
        ana = await chat.AddUserAsync("ana");
        ben = await chat.AddUserAsync("ben");
        server = await ScriptedOpenAIServer.StartAsync(_ => ScriptedOpenAIServer.Reply.Text("Unfortunately I have no time today, thank you."));
        clients = ScriptedOpenAIServer.ClientsFor(server.Options("test-model"));
        var detector = new StopWordLanguageDetector();
        var chain = new TranslatorChain(
        [
            new ApertiumTranslator(TestApertium.Options(), detector, NullLogger<ApertiumTranslator>.Instance),
            new ModelTranslator(clients, new ModelTranslatorOptions(), detector, NullLogger<ModelTranslator>.Instance),
        ], detector);
        Context.Services.AddRoomUxServices(chat);
        Context.Services.AddSingleton(new MessageTranslationService(chat.Database.Factory, chain, detector)); // replaces apertium alone

        await using var db = await chat.Database.Factory.CreateDbContextAsync();
        await db.Users.Where(u => u.Id == ana).ExecuteUpdateAsync(s => s
            .SetProperty(u => u.PreferredLanguage, "en").SetProperty(u => u.PassiveTranslationEnabled, true));
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        clients.Dispose();
        await server.DisposeAsync();
        await chat.DisposeAsync();
    }

    private IRenderedComponent<RoomView> RenderRoom() =>
        Render<RoomView>(p => p.Add(v => v.RoomId, 1).Add(v => v.UserId, ana).Add(v => v.UserName, "ana"));

    [Fact]
    public async Task A_model_translation_is_shown_marked_as_AI_translation()
    {
        await chat.Messages.PostAsync(1, ben, German);

        var view = RenderRoom();

        view.WaitForAssertion(() => Assert.Equal("Unfortunately I have no time today, thank you.", view.Find(".translation-text").TextContent), TimeSpan.FromSeconds(30));
        var caption = view.Find(".translation-caption");
        Assert.Equal("AI translation from German", caption.TextContent.Trim());
        Assert.Equal("Translated by AI model test-model; it may contain mistakes.", caption.GetAttribute("title"));
    }

    [Fact]
    public async Task A_broken_model_shows_that_translation_is_unavailable_right_now()
    {
        server.Script(_ => ScriptedOpenAIServer.Reply.Status(500));
        await chat.Messages.PostAsync(1, ben, German);

        var view = RenderRoom();

        view.WaitForAssertion(() => Assert.Equal(
            "AI translation from German to English is unavailable right now: the model request failed. Try again later.",
            view.Find(".translation-problem").TextContent), TimeSpan.FromSeconds(30));
        Assert.Empty(view.FindAll(".translation-text"));
    }
}
