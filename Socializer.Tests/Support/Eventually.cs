namespace Socializer.Tests.Support;

/// <summary>
/// Waits for something that happens across processes, sockets or Redis, with a generous guard for a loaded 2-core
/// machine (not a timing assertion); fails with a sentence when it never happens.
/// </summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, string what, int guardSeconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(guardSeconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Still not true after {guardSeconds} s: {what}");
            await Task.Delay(50);
        }
    }

    public static async Task TrueAsync(Func<Task<bool>> condition, string what, int guardSeconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(guardSeconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Still not true after {guardSeconds} s: {what}");
            await Task.Delay(100);
        }
    }

    public static async Task<T> ValueAsync<T>(Func<Task<T?>> attempt, string what, int guardSeconds = 60) where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(guardSeconds);
        while (true)
        {
            if (await attempt() is { } value) return value;
            if (DateTime.UtcNow > deadline) Assert.Fail($"Still nothing after {guardSeconds} s: {what}");
            await Task.Delay(100);
        }
    }
}
