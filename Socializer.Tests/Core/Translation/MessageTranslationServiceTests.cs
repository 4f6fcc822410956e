using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Socializer.Core.Translation;
using Socializer.Tests.Support;

namespace Socializer.Tests.Core.Translation;

public sealed class MessageTranslationServiceTests : IAsyncLifetime, IDisposable
{
    private TestDatabase database = null!;
    private ApertiumTranslator apertium = null!;
    private CountingTranslator translator = null!;
    private MessageTranslationService service = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateMigratedAsync();
        apertium = new ApertiumTranslator(TestApertium.Options(), new StopWordLanguageDetector(), NullLogger<ApertiumTranslator>.Instance);
        translator = new CountingTranslator(apertium);
        service = new MessageTranslationService(database.Factory, translator, new StopWordLanguageDetector());
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    public void Dispose() => apertium.Dispose();

    [Fact]
    public async Task A_second_reader_of_the_same_language_gets_the_cached_translation_without_a_second_call()
    {
        var ana = await database.AddUserAsync("ana");
        var messageId = await database.AddRoomMessageAsync(ana, "I would like to eat with my friends tonight.");

        var first = await service.TranslateForReaderAsync(messageId, "es", CancellationToken.None);
        var second = await service.TranslateForReaderAsync(messageId, "es-MX", CancellationToken.None);

        Assert.Equal(1, translator.Calls);
        Assert.Equal(TranslationStatus.Translated, first!.Status);
        Assert.Equal(first.Text, second!.Text);
        Assert.Equal("apertium", second.Engine);
        await using var db = await database.Factory.CreateDbContextAsync();
        var row = await db.MessageTranslations.SingleAsync();
        Assert.Equal((messageId, "en", "es"), (row.MessageId, row.SourceLanguage, row.TargetLanguage));
        Assert.Equal("en", (await db.Messages.SingleAsync(m => m.Id == messageId)).Language);
    }

    [Fact]
    public async Task Readers_arriving_together_share_one_translation()
    {
        var ana = await database.AddUserAsync("ana");
        var messageId = await database.AddRoomMessageAsync(ana, "The weather is beautiful today.", language: "en");

        var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => service.TranslateForReaderAsync(messageId, "es", CancellationToken.None)));

        Assert.Equal(1, translator.Calls);
        Assert.All(results, r => Assert.Equal(results[0]!.Text, r!.Text));
    }

    [Fact]
    public async Task Another_language_is_a_separate_translation()
    {
        var ana = await database.AddUserAsync("ana");
        var messageId = await database.AddRoomMessageAsync(ana, "Hola, ¿cómo estás?", language: "es");

        var english = await service.TranslateForReaderAsync(messageId, "en", CancellationToken.None);
        var portuguese = await service.TranslateForReaderAsync(messageId, "pt", CancellationToken.None);

        Assert.Equal(2, translator.Calls);
        Assert.Equal(TranslationStatus.Translated, english!.Status);
        Assert.Equal(TranslationStatus.Translated, portuguese!.Status);
        Assert.NotEqual(english.Text, portuguese.Text);
    }

    [Fact]
    public async Task Unavailable_pairs_and_same_language_are_reported_and_not_cached()
    {
        var ana = await database.AddUserAsync("ana");
        var messageId = await database.AddRoomMessageAsync(ana, "Guten Morgen, wie geht es dir?");

        var japanese = await service.TranslateForReaderAsync(messageId, "ja", CancellationToken.None);
        var german = await service.TranslateForReaderAsync(messageId, "de", CancellationToken.None);

        Assert.Equal(TranslationStatus.PairNotAvailable, japanese!.Status);
        Assert.Equal(TranslationStatus.SameLanguage, german!.Status);
        await using var db = await database.Factory.CreateDbContextAsync();
        Assert.Empty(await db.MessageTranslations.ToListAsync());
    }

    [Fact]
    public async Task A_missing_message_has_no_translation()
    {
        Assert.Null(await service.TranslateForReaderAsync(424242, "es", CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => service.TranslateForReaderAsync(1, "no such language", CancellationToken.None));
    }
}
