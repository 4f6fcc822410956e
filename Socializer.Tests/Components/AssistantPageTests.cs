using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Socializer.Core.Assistant;
using Socializer.Tests.Support;
using Socializer.Web.Components.Assistant;

namespace Socializer.Tests.Components;

public sealed class AssistantPageTests : MudTestContext
{
    private async Task<(AssistantTestHost Host, string UserId)> StartAsync(IModelClientFactory? model = null)
    {
        var host = await AssistantTestHost.StartAsync(modelClients: model);
        var userId = await host.AddUserAsync("ana");
        Context.Services.AddSingleton(host.Assistant);
        Context.Services.AddSingleton(host.Conversations);
        Context.Services.AddSingleton(host.Settings);
        Context.Services.AddSingleton(host.Memory);
        Context.AddAuthorization().SetAuthorized("ana").SetClaims(new Claim(ClaimTypes.NameIdentifier, userId));
        return (host, userId);
    }

    private static async Task TypeAndSendAsync(IRenderedComponent<AssistantPage> page, string text)
    {
        await page.Find("input[aria-label='Message the assistant']").InputAsync(new() { Value = text });
        await page.Find("button.send-button").ClickAsync(new());
    }

    [Fact]
    public async Task Sending_shows_the_answer_with_its_tool_chips_and_moves_to_the_conversation_address()
    {
        var (host, userId) = await StartAsync();
        await using var _ = host;
        var page = Render<AssistantPage>();
        Assert.Contains("Offline assistant: connect a model in settings for open conversation", page.Find(".model-banner").TextContent);
        Assert.NotEmpty(page.FindAll(".suggestions .mud-chip"));

        await TypeAndSendAsync(page, "remember that my name is Ana");

        page.WaitForAssertion(() => Assert.Contains("I'll remember that your name is", page.Markup));
        Assert.Single(page.FindAll("[data-tool='remember_fact']"));
        var conversation = Assert.Single(await host.Conversations.ListAsync(userId));
        Assert.EndsWith($"/assistant/{conversation.Id}", Context.Services.GetRequiredService<NavigationManager>().Uri);
        Assert.Empty(page.FindAll(".suggestions"));
    }

    [Fact]
    public async Task A_saved_conversation_reloads_with_its_messages()
    {
        var (host, userId) = await StartAsync();
        await using var _ = host;
        var reply = await host.Assistant.AskAsync(userId, "set my temperature to 0.4", null);

        var page = Render<AssistantPage>(p => p.Add(x => x.ConversationId, reply.ConversationId));

        Assert.Contains("set my temperature to 0.4", page.Markup);
        Assert.Contains("Your AI temperature is now 0.4", page.Markup);
        Assert.Single(page.FindAll("[data-tool='set_my_temperature']"));
    }

    [Fact]
    public async Task While_streaming_Stop_is_offered_and_stops_the_answer()
    {
        var model = new PausingModelClients();
        var (host, _) = await StartAsync(model);
        await using var _ = host;
        var page = Render<AssistantPage>();

        var sending = TypeAndSendAsync(page, "help");
        await model.FirstChunkSent.Task.WaitAsync(TimeSpan.FromSeconds(10));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll(".streaming-bubble")));
        Assert.True(page.Find("input[aria-label='Message the assistant']").HasAttribute("disabled"));

        await page.Find("button.stop-button").ClickAsync(new());
        await sending;

        page.WaitForAssertion(() => Assert.Contains("(stopped)", page.Markup));
        Assert.Empty(page.FindAll(".streaming-bubble"));
        Assert.Empty(page.FindAll("button.stop-button"));
    }

    [Fact]
    public async Task A_failed_answer_shows_the_error_and_Retry_answers_it()
    {
        var (host, userId) = await StartAsync(TestModelClients.FailingFirst(1));
        await using var _ = host;
        var page = Render<AssistantPage>();

        await TypeAndSendAsync(page, "who am I?");

        page.WaitForAssertion(() => Assert.Contains(AssistantService.UnavailableMessage, page.Find(".assistant-failure").TextContent));
        Assert.Contains("who am I?", page.Markup); // the message stays

        await page.FindAll(".assistant-failure button").Single(b => b.TextContent.Contains("Retry", StringComparison.Ordinal)).ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains("You are **ana**".Replace("**", "", StringComparison.Ordinal), page.Markup.Replace("<strong>", "", StringComparison.Ordinal).Replace("</strong>", "", StringComparison.Ordinal)));
        Assert.Empty(page.FindAll(".assistant-failure"));
        var messages = (await host.Conversations.GetAsync(userId, (await host.Conversations.ListAsync(userId)).Single().Id))!.Messages;
        Assert.Equal([AiMessageRole.User, AiMessageRole.Assistant], messages.Select(m => m.Role));
    }

    [Fact]
    public async Task Deleting_a_conversation_asks_first()
    {
        var (host, userId) = await StartAsync();
        await using var _ = host;
        await host.Assistant.AskAsync(userId, "hello", null);
        var dialogs = Context.Render<MudDialogProvider>();
        var page = Render<AssistantPage>();

        var deleting = page.Find("button[aria-label='Delete hello']").ClickAsync(new()); // completes once the dialog is answered
        dialogs.WaitForAssertion(() => Assert.Contains("cannot be undone", dialogs.Markup));
        await dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Delete").ClickAsync(new());
        await deleting.WaitAsync(TimeSpan.FromSeconds(10));

        page.WaitForAssertion(() => Assert.Contains("No conversations yet", page.Markup));
        Assert.Empty(await host.Conversations.ListAsync(userId));
    }
}
