using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Socializer.Core.Chat;

namespace Socializer.Core.RoomFollowUp;

/// <summary>
/// Runs <see cref="RoomMessageFollowUp"/> for every user message posted in any room, off the poster's request
/// (the message is already committed and shown). A failure is logged with the message id, never swallowed silently,
/// and never affects the message. Stopping waits for follow-ups still running.
/// </summary>
public sealed class RoomFollowUpWorker(IChatBus bus, RoomMessageFollowUp followUp, ILogger<RoomFollowUpWorker> logger) : IHostedService, IDisposable
{
    private readonly Lock gate = new();
    private readonly HashSet<Task> running = [];
    private readonly CancellationTokenSource stopping = new();
    private IDisposable? subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        subscription = bus.SubscribeToAllRooms(e =>
        {
            if (e is MessagePosted { Message.SenderType: SenderType.User } posted) Track(Task.Run(() => RunAsync(posted)));
            return Task.CompletedTask;
        });
        return Task.CompletedTask;
    }

    private async Task RunAsync(MessagePosted posted)
    {
        try
        {
            await followUp.HandleAsync(posted, stopping.Token);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "The follow-up (coaching, wording, language) of message {MessageId} in room {RoomId} failed",
                posted.MessageId, posted.RoomId);
        }
    }

    private void Track(Task task)
    {
        lock (gate) running.Add(task);
        _ = task.ContinueWith(t => { lock (gate) running.Remove(t); }, CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        subscription?.Dispose();
        Task[] pending;
        lock (gate) pending = [.. running];
        try
        {
            await Task.WhenAll(pending).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            await stopping.CancelAsync();
        }
    }

    public void Dispose()
    {
        subscription?.Dispose();
        stopping.Dispose();
    }
}
