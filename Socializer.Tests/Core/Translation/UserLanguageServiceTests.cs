using Socializer.Core.Translation;
using Socializer.Tests.Support;

namespace Socializer.Tests.Core.Translation;

public sealed class UserLanguageServiceTests
{
    [Fact]
    public async Task Finds_the_language_a_user_mostly_writes_in()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        var lucia = await database.AddUserAsync("lucia");
        foreach (var text in new[] { "Hola, ¿qué tal estáis?", "Me gusta mucho esta idea", "ok", "Nos vemos mañana en la estación", "thanks!" })
            await database.AddRoomMessageAsync(lucia, text);

        var guess = await new UserLanguageService(database.Factory, new StopWordLanguageDetector()).DetectUserLanguageAsync(lucia, CancellationToken.None);

        Assert.Equal("es", guess.Language);
        Assert.InRange(guess.Confidence, 0.5, 1.0);
    }

    [Fact]
    public async Task Says_unknown_until_there_are_enough_messages()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        var newcomer = await database.AddUserAsync("newcomer");
        await database.AddRoomMessageAsync(newcomer, "Bonjour à tous, je suis nouveau ici");
        await database.AddRoomMessageAsync(newcomer, "Merci beaucoup pour votre accueil");

        var guess = await new UserLanguageService(database.Factory, new StopWordLanguageDetector()).DetectUserLanguageAsync(newcomer, CancellationToken.None);

        Assert.Equal(LanguageGuess.Unknown, guess);
    }
}
