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

/// <summary>Any OpenAI-compatible server: Ollama, LM Studio, vLLM, llama.cpp's server, OpenAI.</summary>
public sealed class OpenAICompatibleModelClientFactory(AssistantOptions options) : IModelClientFactory
{
    public IChatClient Create(string model)
    {
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = new Uri(options.Endpoint!),
            NetworkTimeout = TimeSpan.FromSeconds(options.TimeoutSeconds),
            // One try: a user waiting on an answer is better served by a quick, clear error and a Retry button.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        };
        var key = string.IsNullOrWhiteSpace(options.ApiKey) ? "not-needed" : options.ApiKey;
        return new OpenAI.Chat.ChatClient(model, new ApiKeyCredential(key), clientOptions).AsIChatClient();
    }
}
