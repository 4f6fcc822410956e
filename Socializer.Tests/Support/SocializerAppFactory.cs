using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Socializer.Tests.Support;

/// <summary>The real web app over its own temporary SQLite database, with a seeded admin.</summary>
public class SocializerAppFactory : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@test.local";
    public const string AdminPassword = "Admin123!";

    private readonly string directory = Path.Combine(Path.GetTempPath(), "socializer-tests", Guid.NewGuid().ToString("N"));

    public string DatabasePath => Path.Combine(directory, "app.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(directory);
        builder.UseEnvironment("Testing");
        builder.UseStaticWebAssets(); // MudBlazor's and Blazor's own assets, as Development would serve them
        builder.UseSetting("ConnectionStrings:Socializer", $"Data Source={DatabasePath}");
        builder.UseSetting("Seed:AdminEmail", AdminEmail);
        builder.UseSetting(TestApertium.Setting.Key, TestApertium.Setting.Value);
        builder.UseSetting("Seed:AdminPassword", AdminPassword);
        builder.UseSetting("RateLimits:AuthPerMinutePerIp", "100000"); // every test client signs in from the same (no) address
        builder.ConfigureServices(services => services.AddSingleton(new ServiceDescriptorsProbe(services)));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(directory, recursive: true); }
        catch (IOException) { }
    }
}
