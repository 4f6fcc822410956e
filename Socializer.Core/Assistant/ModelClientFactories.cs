using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using OpenAI;

namespace Socializer.Core.Assistant;

/// <summary>Creates the innermost client that talks to one model; the pipeline around it is built by <see cref="AssistantChatClients"/>.</summary>
public interface IModelClientFactory
{
    IChatClient Create(string model);
}

public sealed class OfflineModelClientFactory : IModelClientFactory
{
    public IChatClient Create(string model) => new Offline.OfflineChatClient();
}

/// <summary>
/// Any OpenAI-compatible server: Ollama, LM Studio, vLLM, llama.cpp's server, OpenAI. HTTP goes through the
/// <see cref="ModelHttpClient"/> named client, whose resilience handler owns the timeout and the circuit breaker.
/// </summary>
public sealed class OpenAICompatibleModelClientFactory(AssistantOptions options, IHttpClientFactory httpClients) : IModelClientFactory
{
    public IChatClient Create(string model)
    {
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = new Uri(options.Endpoint!),
            Transport = new HttpClientPipelineTransport(httpClients.CreateClient(ModelHttpClient.Name)),
            // The resilience handler times out each call; the SDK's own timer would only race it.
            NetworkTimeout = Timeout.InfiniteTimeSpan,
            // No SDK retries either: see ModelHttpClient for why an interactive call gets one try.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        };
        var key = string.IsNullOrWhiteSpace(options.ApiKey) ? "not-needed" : options.ApiKey;
        return new OpenAI.Chat.ChatClient(model, new ApiKeyCredential(key), clientOptions).AsIChatClient();
    }
}
