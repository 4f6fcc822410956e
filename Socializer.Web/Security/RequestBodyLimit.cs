using Microsoft.AspNetCore.Http.Features;

namespace Socializer.Web.Security;

/// <summary>
/// Caps request bodies: 64 KB under /api (the largest valid JSON request is a 4,000-character message), 1 MB for
/// anything else (the account forms). A declared oversize body is refused before it is read; an undeclared one
/// (chunked) is cut off by the server's own limit, which Kestrel turns into a 413 when the body is read.
/// </summary>
public static class RequestBodyLimit
{
    public const long ApiMaxBytes = 64 * 1024;
    public const long PageMaxBytes = 1024 * 1024;

    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var max = http.Request.Path.StartsWithSegments("/api") ? ApiMaxBytes : PageMaxBytes;
        if (http.Request.ContentLength > max)
        {
            http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails =
                {
                    Status = StatusCodes.Status413PayloadTooLarge,
                    Title = "The request is too large.",
                    Detail = $"The body may have at most {max / 1024:N0} KB; nothing was stored.",
                },
            });
            return;
        }
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size && (size.MaxRequestBodySize ?? long.MaxValue) > max)
            size.MaxRequestBodySize = max;
        await next(http);
    });
}
