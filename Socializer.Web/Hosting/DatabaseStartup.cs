using Socializer.Core.Data;

namespace Socializer.Web.Hosting;

public static class DatabaseStartup
{
    /// <summary>Migrates and seeds before the app takes requests. Idempotent.</summary>
    public static async Task InitializeDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(app.Lifetime.ApplicationStopping);
    }
}
