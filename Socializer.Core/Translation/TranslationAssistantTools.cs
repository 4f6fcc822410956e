using System.ComponentModel;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Socializer.Core.Accounts;
using Socializer.Core.Assistant;

namespace Socializer.Core.Translation;

/// <summary>The assistant's translate tool; without a target language it translates into the signed-in user's preferred one.</summary>
public sealed class TranslationAssistantTools(ITranslator translator, UserSettingsService settings, ILogger<TranslationAssistantTools> logger)
    : IAssistantToolSource
{
    public IEnumerable<AITool> CreateTools(AssistantToolContext context)
    {
        var userId = context.UserId;
        yield return AIFunctionFactory.Create(
            ([Description("The text to translate.")] string text,
             [Description("Target language name or code, e.g. 'Spanish' or 'es'; empty for the user's preferred language.")] string? to = null,
             CancellationToken ct = default) =>
                ToolCall.SafeAsync(logger, "translate that", () => TranslateAsync(userId, text, to, ct)),
            AssistantToolNames.TranslateText, "Translate a text into another language (machine translation).");
    }

    private async Task<string> TranslateAsync(string userId, string text, string? to, CancellationToken ct)
    {
        var target = string.IsNullOrWhiteSpace(to)
            ? (await settings.GetAsync(userId, ct))?.PreferredLanguage ?? "en"
            : Accounts.Languages.Normalize(to) ?? throw new ArgumentException($"\"{to}\" is not a language I know.", nameof(to));
        var result = await translator.TranslateAsync(text, target, null, ct);
        var name = Accounts.Languages.NameOf(target);
        return result.Status switch
        {
            TranslationStatus.Translated => $"In {name}: \"{result.Text}\"\n\n*{result.Caption}.*",
            TranslationStatus.SameLanguage => $"That is already in {name}.",
            TranslationStatus.PairNotAvailable => $"Sorry, translation into {name} is not available here. {result.Problem}".TrimEnd(),
            _ => $"Sorry, the translation into {name} failed. {result.Problem}".TrimEnd(),
        };
    }
}
