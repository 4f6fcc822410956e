using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Socializer.Core.Chat;

namespace Socializer.Core.Assistant.Rooms;

/// <summary>How many mentions are answered at once, and how many may wait.</summary>
public sealed class RoomAssistantOptions
{
    public int Workers { get; set; } = 2;
    public int QueueCapacity { get; set; } = 32;
}

/// <summary>
/// The assistant's ears in rooms: one subscription to every room's events, keeping only people's messages that
/// mention the assistant in rooms with AI on (never its own, never at random). Mentions wait in a bounded queue and
/// a few workers answer them, so a burst of mentions can't exhaust the model, the database or the thread pool; when
/// the queue is full a mention is dropped and logged. A failed answer is logged and posts nothing.
/// </summary>
public sealed class RoomAssistantService(IChatBus bus, RoomAssistant assistant, RoomAssistantOptions options, ILogger<RoomAssistantService> logger)
    : BackgroundService
{
    private readonly Channel<MessagePosted> mentions = Channel.CreateBounded<MessagePosted>(
        new BoundedChannelOptions(Math.Max(1, options.QueueCapacity)) { FullMode = BoundedChannelFullMode.Wait, SingleWriter = false });

    public static bool ShouldAnswer(MessagePosted posted) =>
        posted.RoomAiEnabled
        && posted.Message is { SenderType: SenderType.User, SenderId: not null, IsDeleted: false }
        && RoomMentions.IsMention(posted.Content);

    private IDisposable? subscription;

    /// <summary>
    /// Subscribes before returning: since .NET 10 <see cref="BackgroundService"/> runs all of ExecuteAsync on the
    /// thread pool, so a subscription made there could miss mentions posted right after start.
    /// </summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        subscription ??= bus.SubscribeToAllRooms(OnRoomEventAsync);
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        subscription?.Dispose();
        subscription = null;
        await base.StopAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Math.Max(1, options.Workers)).Select(_ => AnswerMentionsAsync(stoppingToken)));

    private Task OnRoomEventAsync(RoomEvent roomEvent)
    {
        if (roomEvent is MessagePosted posted && ShouldAnswer(posted) && !mentions.Writer.TryWrite(posted))
            logger.LogWarning("Too many mentions of the assistant waiting; message {MessageId} in room {RoomId} gets no answer", posted.MessageId, posted.RoomId);
        return Task.CompletedTask;
    }

    private async Task AnswerMentionsAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var mention in mentions.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await assistant.AnswerAsync(mention, stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e)
                {
                    logger.LogWarning(e, "The assistant could not answer message {MessageId} in room {RoomId}; nothing was posted", mention.MessageId, mention.RoomId);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down
        }
    }
}
