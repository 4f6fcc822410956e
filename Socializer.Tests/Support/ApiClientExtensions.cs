using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Socializer.Tests.Support;

public sealed record TokenResponse(string TokenType, string AccessToken, int ExpiresIn, string RefreshToken);

public static class ApiClientExtensions
{
    public static Task<HttpResponseMessage> RegisterAsync(this HttpClient client, string email, string password = "Passw0rd!", string? userName = null) =>
        client.PostAsJsonAsync("/api/auth/register", new { email, password, userName = userName ?? email.Split('@')[0] });

    public static Task<HttpResponseMessage> LoginAsync(this HttpClient client, string email, string password = "Passw0rd!") =>
        client.PostAsJsonAsync("/api/auth/login", new { email, password });

    /// <summary>Registers (if needed), logs in and returns a client that sends the bearer token.</summary>
    public static async Task<(HttpClient Client, TokenResponse Token)> SignedInClientAsync(this Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> factory, string email, string password = "Passw0rd!")
    {
        var client = factory.CreateClient();
        await client.RegisterAsync(email, password);
        var login = await client.LoginAsync(email, password);
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<TokenResponse>())!;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);
        return (client, token);
    }

    public static async Task<JsonElement> ReadProblemAsync(this HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>
    /// The origin report's test: <paramref name="count"/> AI requests at once from four signed-in users, a JSON body sent
    /// as a form (as its curl loop does), half of them calling a database tool.
    /// </summary>
    public static async Task<HttpResponseMessage[]> OriginBurstAsync(this Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> factory, int count)
    {
        var users = new List<HttpClient>();
        for (var i = 0; i < 4; i++) users.Add((await factory.SignedInClientAsync($"burst{i}@test.local")).Client);
        return await Task.WhenAll(Enumerable.Range(0, count).Select(i => users[i % users.Count].PostAsync("/api/ai-chat",
            new StringContent(i % 2 == 0 ? """{"message": "Hello"}""" : """{"message": "remember that my lucky number is 7"}""",
                System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"))));
    }
}
