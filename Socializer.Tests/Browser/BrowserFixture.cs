using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Socializer.Core.Assistant;
using Socializer.Tests.Support;

namespace Socializer.Tests.Browser;

/// <summary>
/// The real app on a Kestrel socket on 127.0.0.1 with its own temporary database, and Debian's Chromium driven by
/// Playwright. One per test run (a collection fixture): browser contexts are cheap, browsers and servers are not.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime, IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly KestrelAppFactory app = new();
    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = default!;
    public string BaseUrl { get; private set; } = "";
    public IServiceProvider Services => app.Services;

    public async Task InitializeAsync()
    {
        app.StartServer();
        BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
            ],
        });
    }

    /// <summary>A fresh browser profile (cookies, storage) pointed at the app.</summary>
    public Task<IBrowserContext> NewContextAsync(int width = 1280, int height = 800) =>
        Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        playwright?.Dispose();
        await app.DisposeAsync();
    }

    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();

    private sealed class KestrelAppFactory : SocializerAppFactory
    {
        /// <summary>How long the assistant takes per streamed piece (about four words): slow enough to press Stop.</summary>
        private static readonly TimeSpan AssistantPace = TimeSpan.FromMilliseconds(200);

        public KestrelAppFactory() => UseKestrel(options => options.Listen(IPAddress.Loopback, 0));

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<IModelClientFactory>(new PacedModelClients(AssistantPace)));
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
