using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Socializer.Core.Assistant;
using Socializer.Core.Translation;
using Socializer.Tests.Support;

namespace Socializer.Tests.Core.Translation;

/// <summary>
/// The translator chain with a real model behind it: an OpenAI-compatible endpoint on a loopback socket, reached
/// through the app's own OpenAI client and pipeline. apertium's pairs stay with apertium; the rest go to the model.
/// </summary>
public sealed class ModelTranslatorTests : IAsyncLifetime
{
    private const string German = "Ich habe heute leider keine Zeit, danke schön.";
    private const string English = "Unfortunately I have no time today, thank you.";
    private static readonly StopWordLanguageDetector Detector = new();
    private ScriptedOpenAIServer server = null!;
    private AssistantChatClients clients = null!;

    async Task IAsyncLifetime.InitializeAsync()
    {
        server = await ScriptedOpenAIServer.StartAsync(_ => ScriptedOpenAIServer.Reply.Text(English));
        clients = ScriptedOpenAIServer.ClientsFor(server.Options());
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        clients.Dispose();
        await server.DisposeAsync();
    }

    private TranslatorChain Chain(int timeoutSeconds = 20, AssistantChatClients? over = null) => new(
    [
        // A generous apertium timeout: on a busy machine a slow apertium would otherwise hand over to the model.
        new ApertiumTranslator(new ApertiumOptions { Timeout = TimeSpan.FromMinutes(2) }, Detector, NullLogger<ApertiumTranslator>.Instance),
        new ModelTranslator(over ?? clients, new ModelTranslatorOptions { TimeoutSeconds = timeoutSeconds }, Detector, NullLogger<ModelTranslator>.Instance),
    ], Detector);

    [Fact]
    public async Task A_pair_apertium_lacks_is_translated_by_the_model_with_a_strict_prompt_and_marked_as_AI()
    {
        var result = await Chain().TranslateAsync(German, "en", null, CancellationToken.None);

        Assert.Equal(TranslationStatus.Translated, result.Status);
        Assert.Equal(English, result.Text);
        Assert.Equal(("de", "en"), (result.SourceLanguage, result.TargetLanguage));
        Assert.Equal("AI model test-model", result.Engine);
        Assert.True(result.IsAiTranslation);
        Assert.Equal("Machine translation from German (AI model test-model)", result.Caption);

        var request = Assert.Single(server.Requests);
        Assert.Equal("test-model", request["model"]!.GetValue<string>());
        Assert.Equal(0, request["temperature"]!.GetValue<double>());
        var system = ScriptedOpenAIServer.MessageOf(request, "system");
        Assert.Contains("from German (de) into English (en)", system, StringComparison.Ordinal);
        Assert.Contains("reply with the translation only", system, StringComparison.Ordinal);
        Assert.Equal(German, ScriptedOpenAIServer.MessageOf(request, "user"));
    }

    [Theory]
    [InlineData("My friends are happy.", "es", "apertium")]
    [InlineData("My friends are happy.", "pt", "apertium via Spanish")]
    public async Task Pairs_apertium_has_directly_or_through_its_pivot_never_reach_the_model(string text, string to, string engine)
    {
        var result = await Chain().TranslateAsync(text, to, "en", CancellationToken.None);

        Assert.Equal(TranslationStatus.Translated, result.Status);
        Assert.Equal(engine, result.Engine);
        Assert.False(result.IsAiTranslation);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task When_apertium_fails_on_its_own_pair_the_model_takes_over()
    {
        server.Script(_ => ScriptedOpenAIServer.Reply.Text("Mis amigos están felices."));
        var chain = new TranslatorChain(
        [
            new ApertiumTranslator(new ApertiumOptions { Executable = "/nonexistent/apertium" }, Detector, NullLogger<ApertiumTranslator>.Instance),
            new ModelTranslator(clients, new ModelTranslatorOptions(), Detector, NullLogger<ModelTranslator>.Instance),
        ], Detector);

        var result = await chain.TranslateAsync("My friends are happy.", "es", "en", CancellationToken.None);

        Assert.Equal(("Mis amigos están felices.", "AI model test-model"), (result.Text, result.Engine));
    }

    [Fact]
    public async Task Quotes_the_model_wraps_around_its_answer_are_removed()
    {
        server.Script(_ => ScriptedOpenAIServer.Reply.Text($"  \"{English}\"\n"));

        var result = await Chain().TranslateAsync(German, "en", "de", CancellationToken.None);

        Assert.Equal(English, result.Text);
    }

    public static TheoryData<string> BrokenModels => ["500", "503", "malformed", "empty", "commentary", "hang"];

    [Theory]
    [MemberData(nameof(BrokenModels))]
    public async Task A_broken_model_gives_a_clear_unavailable_result_never_an_exception(string broken)
    {
        server.Script(_ => broken switch
        {
            "500" => ScriptedOpenAIServer.Reply.Status(500),
            "503" => ScriptedOpenAIServer.Reply.Status(503),
            "malformed" => ScriptedOpenAIServer.Reply.Malformed(),
            "empty" => ScriptedOpenAIServer.Reply.Text("   "),
            "commentary" => ScriptedOpenAIServer.Reply.Text(string.Concat(Enumerable.Repeat("Here is a translation with some notes about German grammar. ", 10))),
            _ => ScriptedOpenAIServer.Reply.Hang(),
        });

        var result = await Chain(timeoutSeconds: broken == "hang" ? 1 : 20).TranslateAsync(German, "en", null, CancellationToken.None);

        Assert.Equal(TranslationStatus.Failed, result.Status);
        Assert.Null(result.Text);
        Assert.StartsWith("AI translation from German to English is unavailable right now: ", result.Problem, StringComparison.Ordinal);
        Assert.NotEmpty(server.Requests);
    }

    [Fact]
    public async Task A_model_that_refuses_connections_leaves_apertium_pairs_working_and_says_the_rest_is_unavailable()
    {
        var down = new AssistantOptions { Provider = AiProvider.OpenAICompatible, Endpoint = $"http://127.0.0.1:{AssistantAppFactory.ClosedPort()}/v1", Model = "test-model" };
        using var downClients = ScriptedOpenAIServer.ClientsFor(down);
        var chain = Chain(over: downClients);

        var apertium = await chain.TranslateAsync("My friends are happy.", "es", "en", CancellationToken.None);
        var model = await chain.TranslateAsync(German, "en", null, CancellationToken.None);

        Assert.Equal(TranslationStatus.Translated, apertium.Status);
        Assert.Equal("apertium", apertium.Engine);
        Assert.Equal(TranslationStatus.Failed, model.Status);
        Assert.Equal("AI translation from German to English is unavailable right now: the model request failed.", model.Problem);
    }

    [Fact]
    public async Task Without_a_configured_model_the_chain_is_apertium_alone_and_an_unknown_pair_stays_not_available()
    {
        var services = new ServiceCollection().AddLogging();
        var configuration = new ConfigurationBuilder().Build();
        services.AddSocializerTranslation(configuration);
        services.AddSocializerAssistant(configuration);
        await using var provider = services.BuildServiceProvider();

        var chain = Assert.IsType<TranslatorChain>(provider.GetRequiredService<ITranslator>());
        Assert.IsType<ApertiumTranslator>(Assert.Single(chain.Engines));
        Assert.Null(provider.GetService<ModelTranslator>());
        var result = await chain.TranslateAsync(German, "en", null, CancellationToken.None);
        Assert.Equal(TranslationStatus.PairNotAvailable, result.Status);
        Assert.Equal("Translation from German to English is not available.", result.Problem);

        // The offline assistant can never be made a translator.
        using var offline = new AssistantChatClients(new AssistantOptions(), new OfflineModelClientFactory(), NullLoggerFactory.Instance, provider);
        Assert.Throws<InvalidOperationException>(() => new ModelTranslator(offline, new ModelTranslatorOptions(), Detector, NullLogger<ModelTranslator>.Instance));
    }

    [Fact]
    public async Task With_a_configured_model_the_app_registers_apertium_then_the_model()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AI:Provider"] = "OpenAICompatible", ["AI:Endpoint"] = server.Endpoint, ["AI:Model"] = "test-model",
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddSocializerTranslation(configuration);
        services.AddSocializerAssistant(configuration);
        await using var provider = services.BuildServiceProvider();

        var chain = Assert.IsType<TranslatorChain>(provider.GetRequiredService<ITranslator>());
        Assert.Equal([typeof(ApertiumTranslator), typeof(ModelTranslator)], chain.Engines.Select(e => e.GetType()));
        Assert.True(chain.IsPairAvailable("de", "en"));
        Assert.Equal(English, (await chain.TranslateAsync(German, "en", null, CancellationToken.None)).Text);
    }

    [Fact]
    public async Task A_model_translation_of_a_room_message_is_cached_per_language_and_a_failure_is_not()
    {
        await using var chat = await ChatFixture.CreateAsync();
        var ben = await chat.AddUserAsync("ben");
        var message = await chat.Messages.PostAsync(1, ben, German);
        var translations = new MessageTranslationService(chat.Database.Factory, Chain(), Detector);

        server.Script(_ => ScriptedOpenAIServer.Reply.Status(500));
        var failed = await translations.TranslateForReaderAsync(message.Id, "en", CancellationToken.None);
        Assert.Equal(TranslationStatus.Failed, failed!.Status);

        server.Script(_ => ScriptedOpenAIServer.Reply.Text(English));
        var first = await translations.TranslateForReaderAsync(message.Id, "en", CancellationToken.None);
        var second = await translations.TranslateForReaderAsync(message.Id, "en-GB", CancellationToken.None);

        Assert.Equal(English, first!.Text);
        Assert.Equal(English, second!.Text);
        Assert.True(second.IsAiTranslation);
        Assert.Equal(2, server.Requests.Count); // the failure and the one translation; the second reader read the cache
    }
}
