using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Socializer.Core.Translation;

public static class TranslationServiceCollectionExtensions
{
    /// <summary>Language detection, apertium behind <see cref="ITranslator"/> (options under Translation:Apertium), and the per-reader message cache.</summary>
    public static IServiceCollection AddSocializerTranslation(this IServiceCollection services, IConfiguration configuration)
    {
        var apertium = configuration.GetSection(ApertiumOptions.Section).Get<ApertiumOptions>() ?? new ApertiumOptions();
        services.AddSingleton(apertium);
        services.AddSingleton<ILanguageDetector, StopWordLanguageDetector>();
        services.AddSingleton<ITranslator, ApertiumTranslator>();
        services.AddSingleton<MessageTranslationService>();
        services.AddSingleton<UserLanguageService>();
        services.AddSingleton<Assistant.IAssistantToolSource, TranslationAssistantTools>();
        return services;
    }
}
