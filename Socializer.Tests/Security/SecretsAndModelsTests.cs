using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Socializer.Tests.Support;

namespace Socializer.Tests.Security;

/// <summary>
/// Secrets stay out of the repository's appsettings.json and out of the logs; users choose only among the models the
/// operator listed, and nothing a user sends can point the server at another address.
/// </summary>
public sealed class SecretsAndModelsTests
{
    private const string Canary = "sk-canary-5b1e9d0c7f";

    [Fact]
    public void The_shipped_appsettings_json_holds_no_secret_and_the_dev_admin_password_lives_only_in_the_development_file()
    {
        var web = Path.Combine(RepositoryRoot(), "Socializer.Web");
        var production = Leaves(JsonDocument.Parse(File.ReadAllText(Path.Combine(web, "appsettings.json"))).RootElement, "");
        var development = Leaves(JsonDocument.Parse(File.ReadAllText(Path.Combine(web, "appsettings.Development.json"))).RootElement, "");

        Assert.DoesNotContain(production, leaf => IsSecretName(leaf.Key) && leaf.Value.Length > 0);
        Assert.DoesNotContain(production, leaf => leaf.Key.StartsWith("Seed:", StringComparison.Ordinal));
        Assert.Contains(development, leaf => leaf.Key == "Seed:AdminPassword" && leaf.Value.Length > 0);
        Assert.DoesNotContain(development, leaf => IsSecretName(leaf.Key) && leaf.Key != "Seed:AdminPassword" && leaf.Value.Length > 0);
    }

    [Fact]
    public async Task The_model_api_key_is_used_but_never_logged()
    {
        await using var model = await ScriptedOpenAIServer.StartAsync();
        var logs = new EverythingLogged();
        await using var app = new AssistantAppFactory(new Dictionary<string, string>
        {
            ["Provider"] = "OpenAICompatible", ["Endpoint"] = model.Endpoint, ["Model"] = "llama3.2", ["ApiKey"] = Canary,
        });
        await using var logged = app.WithWebHostBuilder(b => b
            .UseSetting("Logging:LogLevel:Default", "Trace")
            .ConfigureLogging(l => l.AddProvider(logs).SetMinimumLevel(LogLevel.Trace)));
        var (client, _) = await logged.SignedInClientAsync("secret-key@example.com");

        var answered = await client.PostAsJsonAsync("/api/ai-chat", new { message = "Hello" });
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        await model.GoDownAsync(); // now every call is refused and gets logged as an error
        var failed = await client.PostAsJsonAsync("/api/ai-chat", new { message = "Hello again" });
        Assert.True(failed.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout, $"{failed.StatusCode}");

        Assert.NotEmpty(logs.Lines);
        Assert.DoesNotContain(logs.Lines, line => line.Contains(Canary, StringComparison.Ordinal));
        Assert.DoesNotContain(Canary, await answered.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(Canary, await failed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Users_pick_only_models_the_operator_listed_and_the_choice_reaches_the_configured_endpoint()
    {
        await using var model = await ScriptedOpenAIServer.StartAsync();
        await using var app = new AssistantAppFactory(new Dictionary<string, string>
        {
            ["Provider"] = "OpenAICompatible", ["Endpoint"] = model.Endpoint, ["Model"] = "llama3.2", ["Models:0"] = "qwen2.5",
        });
        var (client, _) = await app.SignedInClientAsync("models@example.com");
        object Settings(string preferredModel) => new { preferredLanguage = "en", aiTemperature = 0.7, preferredModel, passiveTranslationEnabled = false, coachingHintsEnabled = true };

        foreach (var offLimits in new[] { "gpt-4o", "http://169.254.169.254/latest/meta-data", "qwen2.5 ", "QWEN2.5", "../qwen2.5" })
        {
            var refused = await client.PutAsJsonAsync("/api/me/settings", Settings(offLimits));
            Assert.True(refused.StatusCode == HttpStatusCode.BadRequest || offLimits == "qwen2.5 ", $"{offLimits}: {refused.StatusCode}");
        }
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync("/api/me/settings", Settings("qwen2.5"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/ai-chat", new { message = "Hello" })).StatusCode);

        Assert.Equal("qwen2.5", model.Requests.Last()["model"]!.GetValue<string>());
        // No request field names a model or an address: the assistant's body has exactly message and conversationId.
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync("/api/ai-chat", new { message = "Hello", model = "gpt-4o" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync("/api/ai-chat", new { message = "Hello", endpoint = "http://127.0.0.1:1/v1" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PutAsJsonAsync("/api/me/settings", new { preferredLanguage = "en", aiTemperature = 0.7, endpoint = "http://127.0.0.1:1/v1", passiveTranslationEnabled = false, coachingHintsEnabled = true })).StatusCode);
    }

    private static readonly string[] SecretWords = ["password", "apikey", "secret", "token", "key"];

    private static bool IsSecretName(string key) =>
        SecretWords.Any(word => key.Split(':')[^1].Contains(word, StringComparison.OrdinalIgnoreCase))
        && !key.EndsWith("KeysPath", StringComparison.Ordinal);

    private static List<KeyValuePair<string, string>> Leaves(JsonElement element, string path) => element.ValueKind switch
    {
        JsonValueKind.Object => [.. element.EnumerateObject().SelectMany(p => Leaves(p.Value, path.Length == 0 ? p.Name : $"{path}:{p.Name}"))],
        JsonValueKind.Array => [.. element.EnumerateArray().SelectMany((e, i) => Leaves(e, $"{path}:{i}"))],
        _ => [new(path, element.ToString())],
    };

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Socializer.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("Socializer.sln not found above the test binaries.");
    }

    /// <summary>Every log line at every level, with exceptions and scopes' messages.</summary>
    private sealed class EverythingLogged : ILoggerProvider
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose() { }

        private sealed class Logger(EverythingLogged owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull
            {
                owner.Lines.Enqueue($"{category} scope: {state}");
                return null;
            }

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner.Lines.Enqueue($"{category} {logLevel}: {formatter(state, exception)} {exception}");
        }
    }
}
