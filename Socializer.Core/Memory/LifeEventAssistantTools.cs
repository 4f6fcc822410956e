using System.ComponentModel;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Socializer.Core.Assistant;

namespace Socializer.Core.Memory;

/// <summary>The assistant's life-event tools (add, timeline, update, delete), bound to the signed-in user.</summary>
public sealed class LifeEventAssistantTools(LifeEventService lifeEvents, TimeProvider clock, ILogger<LifeEventAssistantTools> logger) : IAssistantToolSource
{
    private const string DateHelp = "When it happened: yyyy-mm-dd, 'today' or 'yesterday'; empty for today.";

    public IEnumerable<AITool> CreateTools(AssistantToolContext context)
    {
        var userId = context.UserId;

        yield return AIFunctionFactory.Create(
            ([Description("What happened, in a few words.")] string title,
             [Description(DateHelp)] string? date = null,
             [Description("One of: general, family, work, education, health, travel, milestone.")] string? category = null,
             CancellationToken ct = default) =>
                ToolCall.SafeAsync(logger, "log that life event", () => AddAsync(userId, title, date, category, ct)),
            AssistantToolNames.AddLifeEvent, "Log a life event (a new job, a move, a birth...) on the signed-in user's timeline.");

        yield return AIFunctionFactory.Create(
            (CancellationToken ct) => ToolCall.SafeAsync(logger, "read your life events", () => TimelineAsync(userId, ct)),
            AssistantToolNames.ListLifeEvents, "The signed-in user's life events as a timeline, by year, with their numbers.");

        yield return AIFunctionFactory.Create(
            ([Description("The event's number, as the timeline shows it.")] int id,
             [Description("The new title; empty keeps it.")] string? title = null,
             [Description(DateHelp + " Empty keeps it.")] string? date = null,
             [Description("The new category; empty keeps it.")] string? category = null,
             CancellationToken ct = default) =>
                ToolCall.SafeAsync(logger, "change that life event", () => UpdateAsync(userId, id, title, date, category, ct)),
            AssistantToolNames.UpdateLifeEvent, "Change one of the signed-in user's life events.");

        yield return AIFunctionFactory.Create(
            ([Description("The event's number, as the timeline shows it.")] int id, CancellationToken ct) =>
                ToolCall.SafeAsync(logger, "delete that life event", async () =>
                    await lifeEvents.DeleteAsync(userId, id, ct) ? $"Deleted life event #{id}." : $"You have no life event #{id}."),
            AssistantToolNames.DeleteLifeEvent, "Delete one of the signed-in user's life events.");
    }

    private async Task<string> AddAsync(string userId, string title, string? date, string? category, CancellationToken ct)
    {
        var saved = await Validated(() => lifeEvents.AddAsync(userId, new LifeEventInput(title, null, category, ParseDate(date)), ct));
        return $"Logged on your timeline: **{saved.Title}** ({Describe(saved)}, #{saved.Id}).";
    }

    private async Task<string> TimelineAsync(string userId, CancellationToken ct)
    {
        var years = await lifeEvents.GetTimelineAsync(userId, ct);
        if (years.Count == 0) return "Your timeline is empty. Tell me, for example: \"log a life event: I started a new job\".";
        var text = new StringBuilder("Your life events:\n");
        foreach (var year in years)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n**{year.Year}**\n");
            foreach (var e in year.Events) text.Append(CultureInfo.InvariantCulture, $"- #{e.Id} {e.Title} ({Describe(e)})\n");
        }
        return text.ToString().TrimEnd();
    }

    private async Task<string> UpdateAsync(string userId, int id, string? title, string? date, string? category, CancellationToken ct)
    {
        var current = await lifeEvents.GetAsync(userId, id, ct);
        if (current is null) return $"You have no life event #{id}.";
        var input = new LifeEventInput(
            string.IsNullOrWhiteSpace(title) ? current.Title : title, current.Description,
            string.IsNullOrWhiteSpace(category) ? current.Category : category,
            string.IsNullOrWhiteSpace(date) ? current.OccurredOn : ParseDate(date));
        var saved = await Validated(() => lifeEvents.UpdateAsync(userId, id, input, ct));
        return saved is null ? $"You have no life event #{id}." : $"Updated #{id}: **{saved.Title}** ({Describe(saved)}).";
    }

    private DateOnly ParseDate(string? date)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var text = date?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(text) || text == "today") return today;
        if (text == "yesterday") return today.AddDays(-1);
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
            ? parsed
            : throw new ArgumentException($"\"{date}\" is not a date I understand; use yyyy-mm-dd, 'today' or 'yesterday'.", nameof(date));
    }

    private static async Task<T> Validated<T>(Func<Task<T>> save)
    {
        try { return await save(); }
        catch (LifeEventValidationException e) { throw new ArgumentException(string.Join(" ", e.Errors.SelectMany(x => x.Value)), e); }
    }

    private static string Describe(LifeEventView e) =>
        string.Create(CultureInfo.InvariantCulture, $"{e.OccurredOn:d MMMM yyyy}, {e.Category}");
}
