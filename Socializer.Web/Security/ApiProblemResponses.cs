using Microsoft.AspNetCore.Diagnostics;

namespace Socializer.Web.Security;

/// <summary>
/// Under /api every error is problem details, including the ones nobody wrote a body for: an unknown path (404), a
/// wrong method (405), a body that is not JSON (415), a missing or revoked token (401). Without this the HTML
/// status-code page would answer them, and a POST re-executed into a page fails antiforgery as a bare 400.
/// </summary>
public static class ApiProblemResponses
{
    public static IApplicationBuilder UseApiProblemResponses(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (!http.Request.Path.StartsWithSegments("/api"))
        {
            await next(http);
            return;
        }
        if (http.Features.Get<IStatusCodePagesFeature>() is { } pages) pages.Enabled = false;
        await next(http);

        var status = http.Response.StatusCode;
        if (status < 400 || http.Response.HasStarted || http.Response.ContentLength > 0 || http.Response.ContentType is not null) return;
        var (title, detail) = status switch
        {
            StatusCodes.Status401Unauthorized => ("Sign in first.", "Send a valid bearer token (POST /api/auth/login); it may have expired or been revoked."),
            StatusCodes.Status403Forbidden => ("Not allowed.", "Your account may not do this."),
            StatusCodes.Status404NotFound => ("Not found.", $"There is no API endpoint {http.Request.Method} {http.Request.Path}."),
            StatusCodes.Status405MethodNotAllowed => ("Method not allowed.", $"{http.Request.Path} does not accept {http.Request.Method}."),
            StatusCodes.Status415UnsupportedMediaType => ("Unsupported body.", "Send the body as JSON with Content-Type: application/json."),
            _ => ("The request failed.", $"The request failed with status {status}."),
        };
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    });
}
