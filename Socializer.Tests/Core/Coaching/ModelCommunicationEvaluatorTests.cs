using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Socializer.Core.Assistant;
using Socializer.Core.Coaching;
using Socializer.Tests.Support;

namespace Socializer.Tests.Core.Coaching;

public sealed class ModelCommunicationEvaluatorTests
{
    private static readonly EvaluatedMessage[] Messages = [new("Thanks, how did the interview go?", true), new("ok", false)];

    private static ModelCommunicationEvaluator NewEvaluator(IChatClient? client, AssistantOptions? options = null)
    {
        var services = new ServiceCollection();
        if (client is not null) services.AddScoped(_ => client);
        if (options is not null) services.AddSingleton(options);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        return new ModelCommunicationEvaluator(provider.GetRequiredService<IServiceScopeFactory>(), new HeuristicCommunicationEvaluator(), NullLogger<ModelCommunicationEvaluator>.Instance);
    }

    [Fact]
    public async Task Without_a_model_the_heuristic_evaluates()
    {
        var evaluation = await NewEvaluator(null).EvaluateAsync(Messages, CancellationToken.None);

        Assert.Equal(HeuristicCommunicationEvaluator.EvaluatorName, evaluation.Evaluator);
        Assert.Equal(HeuristicCommunicationEvaluator.Evaluate(Messages).Scores, evaluation.Scores);
    }

    [Fact]
    public async Task The_offline_assistant_is_never_asked_to_score()
    {
        var model = new ScriptedChatClient("offline", () => """{"empathy":81,"activeListening":72,"clarity":90,"engagement":64}""");

        var evaluation = await NewEvaluator(model, new AssistantOptions { Provider = AiProvider.Offline }).EvaluateAsync(Messages, CancellationToken.None);

        Assert.Equal(HeuristicCommunicationEvaluator.EvaluatorName, evaluation.Evaluator);
        Assert.Empty(model.Prompts);
    }

    [Fact]
    public async Task With_a_model_its_structured_scores_are_used_and_named_after_it()
    {
        var model = new ScriptedChatClient("coach-model",
            () => """{"empathy":81,"activeListening":72,"clarity":90,"engagement":64,"notes":"Warm and curious."}""");

        var evaluation = await NewEvaluator(model).EvaluateAsync(Messages, CancellationToken.None);

        Assert.Equal("coach-model", evaluation.Evaluator);
        Assert.Equal([81.0, 72.0, 90.0, 64.0], evaluation.Scores.OrderBy(s => s.SkillId).Select(s => s.Score));
        Assert.All(evaluation.Scores, s => Assert.Equal("Warm and curious.", s.Notes));
        Assert.Contains("(reply) Thanks, how did the interview go?", model.Prompts.Single(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("I'm sorry, I can't score messages.")]
    [InlineData("""{"empathy":180,"activeListening":72,"clarity":90,"engagement":64}""")]
    public async Task An_answer_out_of_shape_falls_back_to_the_heuristic(string answer)
    {
        var evaluation = await NewEvaluator(new ScriptedChatClient("coach-model", () => answer)).EvaluateAsync(Messages, CancellationToken.None);

        Assert.Equal(HeuristicCommunicationEvaluator.EvaluatorName, evaluation.Evaluator);
    }

    [Fact]
    public async Task A_failing_model_falls_back_to_the_heuristic()
    {
        var evaluation = await NewEvaluator(new ScriptedChatClient("coach-model", () => throw new HttpRequestException("model down")))
            .EvaluateAsync(Messages, CancellationToken.None);

        Assert.Equal(HeuristicCommunicationEvaluator.EvaluatorName, evaluation.Evaluator);
    }
}
