namespace Socializer.Tests.Support;

/// <summary>A clock the test moves by hand. With FreezeTimers, timers created from it never fire.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset now = start;

    public ManualClock() : this(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero)) { }

    public bool FreezeTimers { get; init; }

    public override DateTimeOffset GetUtcNow() => now;

    public void Advance(TimeSpan by) => now += by;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        FreezeTimers ? new IdleTimer() : base.CreateTimer(callback, state, dueTime, period);

    private sealed class IdleTimer : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => true;
        public void Dispose() { }
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
