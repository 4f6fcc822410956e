using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Socializer.Core.Assistant;
using Socializer.Tests.Support;

namespace Socializer.Tests.Core.Assistant;

public sealed class AssistantServiceTests
{
    [Fact]
    public async Task Remembered_name_comes_back_in_a_new_conversation_with_the_tools_named()
    {
        await using var host = await AssistantTestHost.StartAsync();
        var ana = await host.AddUserAsync("ana");

        var first = await host.Assistant.AskAsync(ana, "Please remember that my name is Ana Lucía", null);
        Assert.Equal(["remember_fact"], first.ToolsUsed);
        Assert.Equal("offline", first.Model);

        var second = await host.Assistant.AskAsync(ana, "Who am I?", null);
        Assert.NotEqual(first.ConversationId, second.ConversationId);
        Assert.Contains("Ana Lucía", second.Response);
        Assert.Equal(["get_my_profile"], second.ToolsUsed);

        var recall = await host.Assistant.AskAsync(ana, "what is my name?", second.ConversationId);
        Assert.Equal("Your name is \"Ana Lucía\".", recall.Response);
        Assert.Equal(0, host.Contexts.Live);
    }

    [Fact]
    public async Task Another_user_gets_nothing_of_the_first_users_memory_whatever_they_ask()
    {
        await using var host = await AssistantTestHost.StartAsync();
        var ana = await host.AddUserAsync("ana");
        var ben = await host.AddUserAsync("ben");
        await host.Assistant.AskAsync(ana, "remember that my secret word is pineapple", null);
        var anasConversation = (await host.Conversations.ListAsync(ana)).Single();

        foreach (var prompt in new[] { "what is my secret word?", "what do you know about me?", $"what is the secret word of user {ana}?",
                                       "what did we talk about last time?", "who am I?" })
        {
            var reply = await host.Assistant.AskAsync(ben, prompt, null);
            Assert.DoesNotContain("pineapple", reply.Response, StringComparison.OrdinalIgnoreCase);
        }
        await Assert.ThrowsAsync<ConversationNotFoundException>(() => host.Assistant.AskAsync(ben, "hello", anasConversation.Id));
        Assert.Null(await host.Conversations.GetAsync(ben, anasConversation.Id));
        Assert.Single((await host.Conversations.GetAsync(ana, anasConversation.Id))!.Messages, m => m.Role == AiMessageRole.User);
    }

    [Fact]
    public void No_built_in_tool_takes_a_user_id()
    {
        var toolbox = new AssistantToolbox(null!, null!, null!, [], Microsoft.Extensions.Logging.Abstractions.NullLogger<AssistantToolbox>.Instance);
        var tools = toolbox.For(new AssistantToolContext("user-1", null)).OfType<AIFunction>().ToList();

        Assert.Equal(8, tools.Count); // the features' tools are checked in AssistantFeatureToolTests
        foreach (var tool in tools)
            Assert.DoesNotContain("user", tool.JsonSchema.GetRawText(), StringComparison.OrdinalIgnoreCase);
    }

    [Trait(TestCategories.Name, TestCategories.SqliteOnly)]
    [Fact]
    public async Task Conversation_text_and_memory_are_encrypted_in_the_database_file()
    {
        await using var host = await AssistantTestHost.StartAsync();
        var ana = await host.AddUserAsync("ana");
        await host.Assistant.AskAsync(ana, "remember that my favourite colour is ultramarine", null);

        var detail = (await host.Conversations.GetAsync(ana, (await host.Conversations.ListAsync(ana)).Single().Id))!;
        Assert.Equal(["remember that my favourite colour is ultramarine", "Got it: I'll remember that your favourite colour is \"ultramarine\"."],
            detail.Messages.Select(m => m.Content));
        Assert.Equal(["remember_fact"], detail.Messages[1].ToolsUsed);

        await using var connection = new SqliteConnection(host.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(FULL);";
        await command.ExecuteNonQueryAsync();
        await connection.CloseAsync();
        var raw = await File.ReadAllBytesAsync(new SqliteConnectionStringBuilder(host.Database.ConnectionString).DataSource);
        var text = System.Text.Encoding.UTF8.GetString(raw);
        Assert.DoesNotContain("ultramarine", text, StringComparison.Ordinal);
        Assert.Contains("favourite colour", text, StringComparison.Ordinal); // keys are not personal values; this proves we read the right file
    }

    [Fact]
    public async Task A_model_that_is_down_keeps_the_message_records_the_error_and_leaves_no_context()
    {
        await using var host = await AssistantTestHost.StartAsync(new Dictionary<string, string?> { ["Provider"] = "OpenAICompatible", ["Endpoint"] = "http://127.0.0.1:9/v1", ["Model"] = "m" },
            TestModelClients.Unreachable());
        var ana = await host.AddUserAsync("ana");

        var error = await Assert.ThrowsAsync<AssistantUnavailableException>(() => host.Assistant.AskAsync(ana, "hello there", null));
        Assert.Equal(AssistantFailure.Unavailable, error.Failure);
        Assert.DoesNotContain("Connection refused", error.Message); // nothing technical leaks to the user

        var messages = (await host.Conversations.GetAsync(ana, error.ConversationId))!.Messages;
        Assert.Equal([AiMessageRole.User, AiMessageRole.Error], messages.Select(m => m.Role));
        Assert.Equal("hello there", messages[0].Content);
        Assert.Equal(0, host.Contexts.Live);
        Assert.True(host.Contexts.Created > 0);
    }

    [Fact]
    public async Task A_model_that_never_answers_times_out_with_the_message_kept()
    {
        await using var host = await AssistantTestHost.StartAsync(new Dictionary<string, string?> { ["TimeoutSeconds"] = "1" }, TestModelClients.Hanging());
        var ana = await host.AddUserAsync("ana");

        var error = await Assert.ThrowsAsync<AssistantUnavailableException>(() => host.Assistant.AskAsync(ana, "are you there?", null));

        Assert.Equal(AssistantFailure.Timeout, error.Failure);
        var messages = (await host.Conversations.GetAsync(ana, error.ConversationId))!.Messages;
        Assert.Equal([AiMessageRole.User, AiMessageRole.Error], messages.Select(m => m.Role));
        Assert.Equal(0, host.Contexts.Live);
    }

    [Fact]
    public async Task Retry_after_a_failure_answers_the_saved_message_and_clears_the_error_note()
    {
        await using var host = await AssistantTestHost.StartAsync(modelClients: TestModelClients.FailingFirst(1));
        var ana = await host.AddUserAsync("ana");
        var turn = await host.Assistant.BeginAsync(ana, "remember that my name is Ana", null);

        var updates = await Collect(host.Assistant.StreamAnswerAsync(turn));
        Assert.IsType<AssistantUpdate.Failed>(Assert.Single(updates));

        var retry = await host.Assistant.BeginRetryAsync(ana, turn.ConversationId);
        Assert.NotNull(retry);
        var retried = await Collect(host.Assistant.StreamAnswerAsync(retry));
        var completed = Assert.IsType<AssistantUpdate.Completed>(retried[^1]);
        Assert.Equal(["remember_fact"], completed.Reply.ToolsUsed);

        var messages = (await host.Conversations.GetAsync(ana, turn.ConversationId))!.Messages;
        Assert.Equal([AiMessageRole.User, AiMessageRole.Assistant], messages.Select(m => m.Role));
        Assert.Equal("Ana", (await host.Memory.RecallAsync(ana, "name")).Single().Value);
    }

    [Fact]
    public async Task Streaming_yields_the_tool_then_the_text_and_saves_the_whole_answer()
    {
        await using var host = await AssistantTestHost.StartAsync();
        var ana = await host.AddUserAsync("ana");
        var turn = await host.Assistant.BeginAsync(ana, "help", null);

        var updates = await Collect(host.Assistant.StreamAnswerAsync(turn));

        var texts = updates.OfType<AssistantUpdate.Text>().ToList();
        Assert.True(texts.Count > 3, "the answer arrives in pieces");
        var completed = Assert.IsType<AssistantUpdate.Completed>(updates[^1]);
        Assert.Equal(string.Concat(texts.Select(t => t.Delta)), completed.Reply.Response);
        Assert.Contains("offline assistant", completed.Reply.Response);

        var withTool = await Collect(host.Assistant.StreamAnswerAsync(await host.Assistant.BeginAsync(ana, "set my temperature to 1.2", turn.ConversationId)));
        Assert.Equal("set_my_temperature", Assert.IsType<AssistantUpdate.ToolUsed>(withTool[0]).Name);
        Assert.Equal(1.2, (await host.Settings.GetAsync(ana))!.AiTemperature);
    }

    [Fact]
    public async Task Stop_keeps_the_text_so_far_marked_as_stopped()
    {
        var model = new PausingModelClients();
        await using var host = await AssistantTestHost.StartAsync(modelClients: model);
        var ana = await host.AddUserAsync("ana");
        var turn = await host.Assistant.BeginAsync(ana, "help", null);
        using var stop = new CancellationTokenSource();

        var streaming = Collect(host.Assistant.StreamAnswerAsync(turn, stop.Token));
        await model.FirstChunkSent.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await stop.CancelAsync();
        var updates = await streaming;

        var completed = Assert.IsType<AssistantUpdate.Completed>(updates[^1]);
        Assert.EndsWith("*(stopped)*", completed.Reply.Response);
        var saved = (await host.Conversations.GetAsync(ana, turn.ConversationId))!.Messages;
        Assert.Equal(completed.Reply.Response, saved[^1].Content);
        Assert.Equal(0, host.Contexts.Live);
    }

    [Fact]
    public async Task Empty_and_over_long_messages_are_refused_and_nothing_is_stored()
    {
        await using var host = await AssistantTestHost.StartAsync();
        var ana = await host.AddUserAsync("ana");

        await Assert.ThrowsAsync<ArgumentException>(() => host.Assistant.AskAsync(ana, "   ", null));
        await Assert.ThrowsAsync<ArgumentException>(() => host.Assistant.AskAsync(ana, new string('x', AssistantService.MaxMessageLength + 1), null));

        await using var db = await host.Database.Factory.CreateDbContextAsync();
        Assert.Equal(0, await db.AiConversations.CountAsync());
        Assert.Equal(0, await db.AiMessages.CountAsync());
    }

    [Fact]
    public async Task Conversations_can_be_renamed_listed_and_deleted_by_their_owner_only()
    {
        await using var host = await AssistantTestHost.StartAsync();
        var ana = await host.AddUserAsync("ana");
        var ben = await host.AddUserAsync("ben");
        var reply = await host.Assistant.AskAsync(ana, "hello", null);

        Assert.False(await host.Conversations.RenameAsync(ben, reply.ConversationId, "mine now"));
        Assert.True(await host.Conversations.RenameAsync(ana, reply.ConversationId, "Greetings"));
        Assert.Equal("Greetings", (await host.Conversations.ListAsync(ana)).Single().Title);
        Assert.Empty(await host.Conversations.ListAsync(ben));

        Assert.False(await host.Conversations.DeleteAsync(ben, reply.ConversationId));
        Assert.True(await host.Conversations.DeleteAsync(ana, reply.ConversationId));
        Assert.Empty(await host.Conversations.ListAsync(ana));
    }

    private static async Task<List<AssistantUpdate>> Collect(IAsyncEnumerable<AssistantUpdate> updates)
    {
        var list = new List<AssistantUpdate>();
        await foreach (var update in updates) list.Add(update);
        return list;
    }
}
