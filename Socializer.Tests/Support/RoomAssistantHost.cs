using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Socializer.Core.Assistant;
using Socializer.Core.Assistant.Rooms;
using Socializer.Core.Chat;

namespace Socializer.Tests.Support;

/// <summary>
/// The assistant, its feature tools, the chat and the room assistant's hosted subscriber, running over a real SQLite
/// database. One worker by default, so mentions are answered in the order they were posted.
/// </summary>
public sealed class RoomAssistantHost : IAsyncDisposable
{
    private readonly IDisposable answers;
    private readonly Lock gate = new();
    private readonly List<MessageView> posted = [];
    private TaskCompletionSource<MessageView> next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private RoomAssistantHost(AssistantTestHost host, CollectingLoggerProvider logs)
    {
        Host = host;
        Logs = logs;
        answers = Bus.SubscribeToAllRooms(e =>
        {
            if (e is MessagePosted { Message.SenderType: SenderType.Assistant } p)
                lock (gate)
                {
                    posted.Add(p.Message);
                    next.TrySetResult(p.Message);
                }
            return Task.CompletedTask;
        });
    }

    public AssistantTestHost Host { get; }
    public CollectingLoggerProvider Logs { get; }
    public IChatBus Bus => Host.Services.GetRequiredService<IChatBus>();
    public MessageService Messages => Host.Services.GetRequiredService<MessageService>();
    public RoomService Rooms => Host.Services.GetRequiredService<RoomService>();
    public RoomAssistantService Subscriber => Host.Services.GetRequiredService<RoomAssistantService>();

    /// <summary>Assistant messages published so far, in order.</summary>
    public IReadOnlyList<MessageView> Published { get { lock (gate) return [.. posted]; } }

    public static async Task<RoomAssistantHost> StartAsync(IModelClientFactory? modelClients = null, int workers = 1)
    {
        var logs = new CollectingLoggerProvider();
        var host = await AssistantTestHost.StartAsync(modelClients: modelClients, configure: services =>
        {
            AssistantFeatures.Register(services);
            services.AddSocializerChat();
            services.AddSocializerRoomAssistant(o => o.Workers = workers);
            services.AddSingleton<ILoggerProvider>(logs);
        });
        var result = new RoomAssistantHost(host, logs);
        await result.Subscriber.StartAsync(CancellationToken.None);
        return result;
    }

    /// <summary>A user who sits in general, like every registered user.</summary>
    public async Task<string> AddMemberAsync(string name)
    {
        var id = await Host.AddUserAsync(name);
        await Rooms.EnsureGeneralMembershipAsync(id);
        return id;
    }

    /// <summary>The next assistant message published in any room (a guard against hanging, not a timing assertion).</summary>
    public Task<MessageView> NextAnswerAsync()
    {
        lock (gate)
        {
            next = new(TaskCreationOptions.RunContinuationsAsynchronously);
            return next.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    public async Task<List<Socializer.Core.Chat.Message>> StoredAssistantMessagesAsync()
    {
        await using var db = await Host.Database.Factory.CreateDbContextAsync();
        return await db.Messages.AsNoTracking().Where(m => m.SenderType == SenderType.Assistant).OrderBy(m => m.Id).ToListAsync();
    }

    public async ValueTask DisposeAsync()
    {
        answers.Dispose();
        await Subscriber.StopAsync(CancellationToken.None);
        await Host.DisposeAsync();
    }
}
