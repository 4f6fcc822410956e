using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Socializer.Core.Assistant;

namespace Socializer.Core.Translation;

public static class TranslationServiceCollectionExtensions
{
    /// <summary>
    /// Language detection, <see cref="ITranslator"/> as a chain of apertium (options under Translation:Apertium) and,
    /// when a real model is configured (AI:Provider = OpenAICompatible) and Translation:Model:Enabled, the model for
    /// the pairs apertium lacks; and the per-reader message cache.
    /// </summary>
    public static IServiceCollection AddSocializerTranslation(this IServiceCollection services, IConfiguration configuration)
    {
        var apertium = configuration.GetSection(ApertiumOptions.Section).Get<ApertiumOptions>() ?? new ApertiumOptions();
        var model = configuration.GetSection(ModelTranslatorOptions.Section).Get<ModelTranslatorOptions>() ?? new ModelTranslatorOptions();
        model.Validate();
        services.AddSingleton(apertium);
        services.AddSingleton(model);
        services.AddSingleton<ILanguageDetector, StopWordLanguageDetector>();
        services.AddSingleton<ApertiumTranslator>();
        var ai = configuration.GetSection(AssistantOptions.Section).Get<AssistantOptions>() ?? new AssistantOptions();
        if (!ai.IsOffline && model.Enabled) services.AddSingleton<ModelTranslator>();
        services.AddSingleton<ITranslator>(sp =>
        {
            ITranslator apertiumEngine = sp.GetRequiredService<ApertiumTranslator>();
            return new TranslatorChain(
                sp.GetService<ModelTranslator>() is { } modelEngine ? [apertiumEngine, modelEngine] : [apertiumEngine],
                sp.GetRequiredService<ILanguageDetector>());
        });
        services.AddSingleton<MessageTranslationService>();
        services.AddSingleton<UserLanguageService>();
        services.AddSingleton<IAssistantToolSource, TranslationAssistantTools>();
        return services;
    }
}
