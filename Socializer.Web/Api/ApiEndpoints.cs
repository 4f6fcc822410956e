using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Identity;
using Socializer.Core.Accounts;

namespace Socializer.Web.Api;

public static class ApiEndpoints
{
    public const string ApiPolicy = "Api";
    public const string ApiAdminPolicy = "ApiAdmin";

    /// <summary>JSON that is strict about its input (unknown fields are an error) and problem-details errors.</summary>
    public static IServiceCollection AddSocializerApi(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.Configure<Microsoft.AspNetCore.Http.Json.JsonOptions>(o =>
        {
            o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            o.SerializerOptions.Converters.Add(new Security.UserTextJsonConverter());
        });
        // Malformed bodies raise BadHttpRequestException in every environment, so ApiExceptionHandler answers them.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiPolicy, p => p.AddAuthenticationSchemes(IdentityConstants.BearerScheme).RequireAuthenticatedUser())
            .AddPolicy(ApiAdminPolicy, p => p.AddAuthenticationSchemes(IdentityConstants.BearerScheme).RequireRole(Roles.Admin));
        return services;
    }

    /// <summary>
    /// Every HTTP API route lives under /api. API clients authenticate with bearer tokens only (the browser UI
    /// talks to services directly), so cookies can't be used for cross-site requests against the API.
    /// </summary>
    public static RouteGroupBuilder MapSocializerApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api")
            .DisableCookieRedirect()
            .WithMetadata(new SkipStatusCodePagesAttribute());
        api.MapAuthEndpoints();
        api.MapRoomEndpoints();
        api.MapCoachingEndpoints();
        api.MapAssistantEndpoints();
        return api;
    }
}
