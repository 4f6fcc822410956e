using Microsoft.AspNetCore.Diagnostics;
using Socializer.Core.Data;

namespace Socializer.Web.Api;

/// <summary>
/// Turns exceptions under /api into RFC 7807 problem details: bad requests keep their 4xx code, a busy
/// database is a 503 the client can retry, and anything else is a 500 with no stack trace outside Development.
/// Pages are left to the /Error page.
/// </summary>
internal sealed class ApiExceptionHandler(IProblemDetailsService problemDetails, IHostEnvironment environment, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        // The middleware has already re-pointed Request.Path at the error page: ask for the original one.
        var path = context.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? context.Request.Path.Value;
        if (path is null || !path.StartsWith("/api/", StringComparison.OrdinalIgnoreCase)) return false;

        var (status, title, detail) = exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, "The request could not be read.",
                bad.InnerException is System.Text.Json.JsonException json ? $"{bad.Message} {json.Message}" : bad.Message),
            _ when DatabaseBusy.Is(exception) => (StatusCodes.Status503ServiceUnavailable,
                "The database is busy.", "Nothing was changed. Please try again in a moment."),
            _ => (StatusCodes.Status500InternalServerError, "An unexpected error occurred.",
                environment.IsDevelopment() ? exception.ToString() : "The error has been logged."),
        };
        if (status >= 500) logger.LogError(exception, "Unhandled API error on {Path}", path);
        if (status == StatusCodes.Status503ServiceUnavailable) context.Response.Headers.RetryAfter = "2";

        context.Response.StatusCode = status;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }
}
