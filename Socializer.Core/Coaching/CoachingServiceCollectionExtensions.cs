using Microsoft.Extensions.DependencyInjection;
using Socializer.Core.Accounts;
using Socializer.Core.Assistant;

namespace Socializer.Core.Coaching;

public static class CoachingServiceCollectionExtensions
{
    /// <summary>
    /// Coaching (plan, evaluation, hints) and the cultural-sensitivity checker. Evaluation uses the model when an
    /// IChatClient is registered, the offline heuristic otherwise; the wording check uses the model when AI:Provider is
    /// OpenAICompatible, the lexicon otherwise (and as its fallback).
    /// </summary>
    public static IServiceCollection AddSocializerCoaching(this IServiceCollection services)
    {
        services.AddSingleton<HeuristicCommunicationEvaluator>();
        services.AddSingleton<ICommunicationEvaluator, ModelCommunicationEvaluator>();
        services.AddSingleton<LexiconSensitivityChecker>();
        // The model checks wording only when a real one is configured; the offline assistant never poses as a checker.
        services.AddSingleton<ICulturalSensitivityChecker>(sp => sp.GetService<AssistantOptions>() is { IsOffline: false }
            ? ActivatorUtilities.CreateInstance<ModelSensitivityChecker>(sp)
            : sp.GetRequiredService<LexiconSensitivityChecker>());
        services.AddSingleton<CoachingService>();
        services.AddSingleton<IAssistantToolSource, CoachingAssistantTools>();
        services.AddSingleton<IUserOnboardingStep, DefaultPlanOnboardingStep>();
        return services;
    }
}

/// <summary>Gives every new account the default training plan.</summary>
internal sealed class DefaultPlanOnboardingStep(CoachingService coaching) : IUserOnboardingStep
{
    public Task OnUserCreatedAsync(string userId, CancellationToken ct) => coaching.EnsurePlanAsync(userId, ct);
}
