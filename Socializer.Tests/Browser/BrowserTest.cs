using Microsoft.Playwright;

namespace Socializer.Tests.Browser;

/// <summary>
/// Base for browser journeys: fresh contexts per test, a screenshot of every page when a journey fails
/// (TestResults/screenshots), and named screenshots for the README when SOCIALIZER_SCREENSHOTS names a folder.
/// </summary>
[Collection(BrowserCollection.Name)]
public abstract class BrowserTest(BrowserFixture fixture) : IAsyncLifetime
{
    private readonly List<IBrowserContext> contexts = [];

    protected BrowserFixture Fixture { get; } = fixture;

    /// <summary>SOCIALIZER_SCREENSHOTS, a relative path taken from the repository root (tests run in bin/).</summary>
    protected static string? ScreenshotFolder =>
        Environment.GetEnvironmentVariable("SOCIALIZER_SCREENSHOTS") is { Length: > 0 } folder
            ? Path.IsPathRooted(folder) ? folder : Path.Combine(RepositoryRoot(), folder)
            : null;

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Socializer.sln"))) directory = directory.Parent;
        return directory?.FullName ?? Directory.GetCurrentDirectory();
    }

    protected async Task<IPage> NewPageAsync(int width = 1280, int height = 800)
    {
        var context = await Fixture.NewContextAsync(width, height);
        context.SetDefaultTimeout(30_000); // CI machines are small and shared
        contexts.Add(context);
        return await context.NewPageAsync();
    }

    /// <summary>Runs a journey; on failure saves a screenshot of every open page, then rethrows.</summary>
    protected async Task JourneyAsync(string name, Func<Task> journey)
    {
        try
        {
            await journey();
        }
        catch
        {
            var folder = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");
            Directory.CreateDirectory(folder);
            var pages = contexts.SelectMany(c => c.Pages).ToList();
            for (var i = 0; i < pages.Count; i++)
                await pages[i].ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{name}-{i}.png"), FullPage = true });
            throw;
        }
    }

    /// <summary>Saves a README screenshot when SOCIALIZER_SCREENSHOTS is set.</summary>
    protected static async Task ScreenshotForDocsAsync(IPage page, string fileName)
    {
        if (string.IsNullOrEmpty(ScreenshotFolder)) return;
        Directory.CreateDirectory(ScreenshotFolder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, fileName) });
    }

    /// <summary>Waits until the Blazor circuit is interactive (the layout clears aria-busy then).</summary>
    protected static Task WaitUntilInteractiveAsync(IPage page) =>
        page.Locator("[role=main][aria-busy=false]").WaitForAsync();

    /// <summary>Registers through the real form (also used by the multi-instance tests, which have their own browser).</summary>
    internal static async Task RegisterAsync(IPage page, string email, string userName, string password = "Passw0rd!")
    {
        await page.GotoAsync("/Account/Register");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("User name").FillAsync(userName);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByLabel("Confirm password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/Account/", StringComparison.Ordinal));
    }

    protected static async Task LogInAsync(IPage page, string email, string password = "Passw0rd!")
    {
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
    }

    /// <summary>Opens the account menu (retrying a click that raced the first interactive render) and logs out.</summary>
    protected static async Task LogOutAsync(IPage page)
    {
        await WaitUntilInteractiveAsync(page);
        var logOut = page.GetByRole(AriaRole.Button, new() { Name = "Log out" });
        for (var attempt = 0; attempt < 3 && !await logOut.IsVisibleAsync(); attempt++)
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Account menu" }).First.ClickAsync();
            try { await logOut.WaitForAsync(new() { Timeout = 5_000 }); }
            catch (TimeoutException) { /* the click landed before the menu was wired up: try again */ }
        }
        await logOut.ClickAsync();
        await page.WaitForURLAsync("**/Account/Login**");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var context in contexts) await context.DisposeAsync();
    }
}
