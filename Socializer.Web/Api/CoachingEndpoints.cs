using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Socializer.Core.Coaching;
using Socializer.Core.Memory;
using Socializer.Core.Translation;

namespace Socializer.Web.Api;

public sealed record TranslateRequest(string? Text, string? To, string? From);

/// <summary>A translation as the API returns it; <see cref="MachineTranslation"/> is always true for translated text.</summary>
public sealed record TranslateResponse(string Text, string SourceLanguage, string TargetLanguage, string? Engine, bool MachineTranslation, string? Caption);

/// <summary>
/// The signed-in user's training and life events, and text translation:
/// GET /api/me/training; GET/POST /api/me/life-events, GET /api/me/life-events/timeline,
/// GET/PUT/DELETE /api/me/life-events/{id}; POST /api/translate.
/// </summary>
public static class CoachingEndpoints
{
    public static void MapCoachingEndpoints(this RouteGroupBuilder root)
    {
        var api = root.MapGroup("").RequireAuthorization(ApiEndpoints.ApiPolicy);

        api.MapGet("/me/training", (ClaimsPrincipal user, CoachingService coaching, CancellationToken ct) =>
            coaching.GetTrainingAsync(ApiUser.Id(user), ct)).WithTags("Coaching");

        var events = api.MapGroup("/me/life-events").WithTags("Life events");
        events.MapGet("/", (ClaimsPrincipal user, LifeEventService service, CancellationToken ct) => service.ListAsync(ApiUser.Id(user), ct));
        events.MapGet("/timeline", (ClaimsPrincipal user, LifeEventService service, CancellationToken ct) => service.GetTimelineAsync(ApiUser.Id(user), ct));
        events.MapGet("/{id:int}", async Task<Results<Ok<LifeEventView>, ProblemHttpResult>> (int id, ClaimsPrincipal user, LifeEventService service, CancellationToken ct) =>
            await service.GetAsync(ApiUser.Id(user), id, ct) is { } found ? TypedResults.Ok(found) : LifeEventNotFound(id));
        events.MapPost("/", async Task<Results<Created<LifeEventView>, ValidationProblem>> (LifeEventInput input, ClaimsPrincipal user, LifeEventService service, CancellationToken ct) =>
        {
            try
            {
                var created = await service.AddAsync(ApiUser.Id(user), input, ct);
                return TypedResults.Created($"/api/me/life-events/{created.Id}", created);
            }
            catch (LifeEventValidationException invalid)
            {
                return Invalid(invalid);
            }
        });
        events.MapPut("/{id:int}", async Task<Results<Ok<LifeEventView>, ProblemHttpResult, ValidationProblem>> (int id, LifeEventInput input, ClaimsPrincipal user, LifeEventService service, CancellationToken ct) =>
        {
            try
            {
                return await service.UpdateAsync(ApiUser.Id(user), id, input, ct) is { } updated ? TypedResults.Ok(updated) : LifeEventNotFound(id);
            }
            catch (LifeEventValidationException invalid)
            {
                return Invalid(invalid);
            }
        });
        events.MapDelete("/{id:int}", async Task<Results<NoContent, ProblemHttpResult>> (int id, ClaimsPrincipal user, LifeEventService service, CancellationToken ct) =>
            await service.DeleteAsync(ApiUser.Id(user), id, ct) ? TypedResults.NoContent() : LifeEventNotFound(id));

        api.MapPost("/translate", async Task<Results<Ok<TranslateResponse>, ValidationProblem, ProblemHttpResult>> (TranslateRequest request, ITranslator translator, CancellationToken ct) =>
        {
            var errors = new Dictionary<string, string[]>();
            if (string.IsNullOrWhiteSpace(request.Text)) errors["text"] = ["Text is required."];
            else if (request.Text.Length > ApertiumTranslator.MaxTextLength) errors["text"] = [$"Text can have at most {ApertiumTranslator.MaxTextLength} characters."];
            if (Languages.Normalize(request.To) is null) errors["to"] = ["A target language code such as \"es\" is required."];
            if (request.From is not null && Languages.Normalize(request.From) is null) errors["from"] = ["\"from\" must be a language code such as \"en\"."];
            if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The translation request is not valid.");

            var result = await translator.TranslateAsync(request.Text!, request.To!, request.From, ct);
            return result.Status switch
            {
                TranslationStatus.Translated => TypedResults.Ok(new TranslateResponse(result.Text!, result.SourceLanguage!, result.TargetLanguage, result.Engine, true, result.Caption)),
                TranslationStatus.SameLanguage => TypedResults.Ok(new TranslateResponse(request.Text!, result.SourceLanguage!, result.TargetLanguage, null, false, null)),
                TranslationStatus.PairNotAvailable => TypedResults.Problem(result.Problem, statusCode: StatusCodes.Status422UnprocessableEntity, title: "Translation is not available for this pair."),
                _ => TypedResults.Problem(result.Problem, statusCode: StatusCodes.Status503ServiceUnavailable, title: "The translator is not working right now."),
            };
        }).WithTags("Translation");
    }

    private static ProblemHttpResult LifeEventNotFound(int id) =>
        TypedResults.Problem($"You have no life event {id}.", statusCode: StatusCodes.Status404NotFound, title: "Not found.");

    private static ValidationProblem Invalid(LifeEventValidationException invalid) =>
        TypedResults.ValidationProblem(invalid.Errors.ToDictionary(e => e.Key, e => e.Value), title: "The life event is not valid.");
}
