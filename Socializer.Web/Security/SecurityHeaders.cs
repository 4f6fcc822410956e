using System.Security.Cryptography;

namespace Socializer.Web.Security;

/// <summary>
/// Headers on every response: a Content-Security-Policy the app satisfies (scripts only from this origin, plus the
/// import map Blazor writes inline, allowed by a per-request nonce; inline styles are allowed because MudBlazor
/// sets style attributes; the circuit's WebSocket is same-origin), no framing, no MIME sniffing, and a referrer
/// that never carries paths to other sites.
/// </summary>
public static class SecurityHeaders
{
    private const string NonceKey = "Socializer.CspNonce";

    /// <summary>The nonce of this response's policy, for the inline import map (App.razor).</summary>
    public static string CspNonce(HttpContext http)
    {
        if (http.Items[NonceKey] is string nonce) return nonce;
        // Hex, not base64: Razor HTML-encodes "+" and "/" in the attribute, and the CSP header and the markup should read the same.
        nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        http.Items[NonceKey] = nonce;
        return nonce;
    }

    public static string ContentSecurityPolicy(string nonce) =>
        "default-src 'self'; " +
        $"script-src 'self' 'nonce-{nonce}'; " +
        "style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data:; " +
        "font-src 'self' data:; " +
        "connect-src 'self'; " +
        "object-src 'none'; " +
        "base-uri 'self'; " +
        "form-action 'self'; " +
        "frame-ancestors 'none'";

    /// <summary>
    /// Set when the response starts, so nothing later (an error handler clearing headers, Blazor adding its own
    /// frame-ancestors policy as a second header) leaves a response without them or with two policies.
    /// </summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy(CspNonce(http));
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            return Task.CompletedTask;
        });
        return next(http);
    });
}
