using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Socializer.Tests.Security;

/// <summary>Signs in through the real login form (antiforgery token and all), as a browser would.</summary>
public static partial class CookieLogin
{
    public static async Task<HttpClient> BrowserAsync(this WebApplicationFactory<Program> app, string? email = null, string password = "Passw0rd!", string baseAddress = "http://localhost")
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri(baseAddress) });
        if (email is null) return client;
        var response = await client.PostAsync("/Account/Login", await FormAsync(client, "/Account/Login", "login", new()
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.OriginalString.Contains("Account", StringComparison.Ordinal) == true)
            throw new InvalidOperationException($"Cookie login of {email} failed: {response.StatusCode} {response.Headers.Location}");
        return client;
    }

    /// <summary>The fields of a form on <paramref name="page"/>, with its antiforgery token and handler name.</summary>
    public static async Task<FormUrlEncodedContent> FormAsync(HttpClient client, string page, string handler, Dictionary<string, string> fields)
    {
        var html = await client.GetStringAsync(page);
        fields["__RequestVerificationToken"] = AntiforgeryToken(html);
        fields["_handler"] = handler;
        return new FormUrlEncodedContent(fields);
    }

    public static string AntiforgeryToken(string html) =>
        TokenField().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new InvalidOperationException("The page has no antiforgery token.");

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
