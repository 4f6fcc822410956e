using Microsoft.Extensions.DependencyInjection;
using Socializer.Core.Accounts;
using Socializer.Core.Assistant;

namespace Socializer.Core.Coaching;

public static class CoachingServiceCollectionExtensions
{
    /// <summary>
    /// Coaching (plan, evaluation, hints) and the cultural-sensitivity checker. Evaluation uses the model when an
    /// IChatClient is registered, the offline heuristic otherwise.
    /// </summary>
    public static IServiceCollection AddSocializerCoaching(this IServiceCollection services)
    {
        services.AddSingleton<HeuristicCommunicationEvaluator>();
        services.AddSingleton<ICommunicationEvaluator, ModelCommunicationEvaluator>();
        services.AddSingleton<ICulturalSensitivityChecker, LexiconSensitivityChecker>();
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
