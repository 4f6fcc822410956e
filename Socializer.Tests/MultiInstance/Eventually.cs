namespace Socializer.Tests.MultiInstance;

/// <summary>Waits for something that happens across processes or Redis; fails with a sentence when it never does.</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, string what, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Still not true after {seconds} s: {what}");
            await Task.Delay(50);
        }
    }

    public static async Task TrueAsync(Func<Task<bool>> condition, string what, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Still not true after {seconds} s: {what}");
            await Task.Delay(100);
        }
    }
}
