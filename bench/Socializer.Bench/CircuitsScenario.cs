using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Socializer.Bench;

/// <summary>One size of section 7: N chat pages open at once, each a live Blazor circuit.</summary>
public sealed record CircuitsResult(
    int Pages, int ActiveCircuits, long HeapBeforeBytes, long HeapWithPagesBytes, long HeapAfterCloseBytes,
    long WorkingSetBeforeBytes, long WorkingSetWithPagesBytes, double OpenSeconds)
{
    public double HeapPerCircuitKb => (HeapWithPagesBytes - HeapBeforeBytes) / 1024.0 / Math.Max(1, Pages);
    public double WorkingSetPerCircuitKb => (WorkingSetWithPagesBytes - WorkingSetBeforeBytes) / 1024.0 / Math.Max(1, Pages);
}

/// <summary>Section 7, or why it did not run.</summary>
public sealed record CircuitsSection(string? SkippedBecause, IReadOnlyList<CircuitsResult> Sizes);

/// <summary>
/// Memory per connected chat circuit: Debian's Chromium (driven by Playwright, its own processes) opens N browser
/// contexts on /chat as one signed-in user; once every page is interactive, the server process's managed heap (after
/// a full GC) and working set are read and compared with before. Then the pages close and the heap is read again.
/// One page is opened and closed first, so one-time costs (JIT, render caches) are not counted per circuit.
/// </summary>
public static class CircuitsScenario
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public static async Task<CircuitsSection> RunAsync(SocializerUnderTest app, HttpClient client, string adminToken, IReadOnlyList<int> sizes, TextWriter log)
    {
        if (sizes.Count == 0) return new("not run in this run (smoke mode, or the PostgreSQL run of `--provider both`: a circuit's memory does not depend on the database; see the SQLite report)", []);
        if (!File.Exists(ChromiumPath)) return new($"Chromium is not installed at {ChromiumPath} (`apt-get install chromium`)", []);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-dev-shm-usage"],
        });
        var signedIn = await SignInAsync(browser, app.BaseAddress);
        await MeasureAsync(browser, app.BaseAddress, signedIn, 1, client, adminToken); // warm-up: first-render caches and JIT are not per circuit

        var results = new List<CircuitsResult>();
        foreach (var size in sizes)
        {
            var result = await MeasureAsync(browser, app.BaseAddress, signedIn, size, client, adminToken);
            results.Add(result);
            log.WriteLine($"  circuits {size,3}: {result.ActiveCircuits} active, heap {result.HeapPerCircuitKb:F0} KB and working set {result.WorkingSetPerCircuitKb:F0} KB per circuit");
        }
        return new(null, results);
    }

    private static async Task<string> SignInAsync(IBrowser browser, Uri baseAddress)
    {
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseAddress.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Email").FillAsync("bench-user-0@bench.local");
        await page.GetByLabel("Password").FillAsync(SocializerUnderTest.UserPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/Account/", StringComparison.Ordinal));
        return await context.StorageStateAsync();
    }

    private static async Task<CircuitsResult> MeasureAsync(IBrowser browser, Uri baseAddress, string signedIn, int size, HttpClient client, string adminToken)
    {
        BenchmarkRunner.FullGc();
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var workingSetBefore = Environment.WorkingSet;

        var started = System.Diagnostics.Stopwatch.StartNew();
        var contexts = new List<IBrowserContext>();
        try
        {
            // One after another: on 2 cores, Chromium's renderers and the server share the CPU.
            for (var i = 0; i < size; i++)
            {
                var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseAddress.ToString(), StorageState = signedIn });
                contexts.Add(context);
                var page = await context.NewPageAsync();
                await page.GotoAsync("/chat");
                await page.Locator("[role=main][aria-busy=false]").WaitForAsync(new() { Timeout = 60_000 });
            }
            var openSeconds = started.Elapsed.TotalSeconds;
            var circuits = await ActiveCircuitsAsync(client, adminToken);
            BenchmarkRunner.FullGc();
            var heapWithPages = GC.GetTotalMemory(forceFullCollection: true);
            var workingSetWithPages = Environment.WorkingSet;

            foreach (var context in contexts) await context.CloseAsync();
            contexts.Clear();
            await WaitForCircuitsAsync(client, adminToken, 0, TimeSpan.FromSeconds(30));
            BenchmarkRunner.FullGc();
            var heapAfterClose = GC.GetTotalMemory(forceFullCollection: true);
            return new(size, circuits, heapBefore, heapWithPages, heapAfterClose, workingSetBefore, workingSetWithPages, openSeconds);
        }
        finally
        {
            foreach (var context in contexts) await context.DisposeAsync();
        }
    }

    private static async Task<int> ActiveCircuitsAsync(HttpClient client, string adminToken) =>
        (await SocializerUnderTest.AdminHealthAsync(client, adminToken)).TryGetProperty("activeCircuits", out var circuits) ? circuits.GetInt32() : -1;

    /// <summary>A page that closes tells the server, which disposes its circuit; the gauge is sampled once a second.</summary>
    private static async Task WaitForCircuitsAsync(HttpClient client, string adminToken, int expected, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline && await ActiveCircuitsAsync(client, adminToken) > expected)
            await Task.Delay(500);
    }
}
