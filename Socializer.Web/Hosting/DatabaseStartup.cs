using Socializer.Core.Data;

namespace Socializer.Web.Hosting;

public static class DatabaseStartup
{
    public const string MigrateCommand = "migrate";

    /// <summary>
    /// Before the app takes requests: migrates and seeds (idempotent) when Database:MigrateOnStart is on, the embedded
    /// SQLite default; otherwise only checks that the `migrate` command has brought the schema up to date.
    /// </summary>
    public static async Task InitializeDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var initializer = scope.ServiceProvider.GetRequiredService<DatabaseInitializer>();
        if (app.Services.GetRequiredService<DatabaseOptions>().MigrateOnStart)
            await initializer.InitializeAsync(app.Lifetime.ApplicationStopping);
        else
            await initializer.EnsureSchemaIsCurrentAsync(app.Lifetime.ApplicationStopping);
    }

    /// <summary>
    /// `Socializer.Web migrate`: applies the configured provider's migrations and seeds, then the process ends (exit
    /// code 0) without serving. Run it once before starting several instances, so they never race to create the schema.
    /// </summary>
    /// <returns>True when the command ran and the caller should exit.</returns>
    public static async Task<bool> RunMigrateCommandAsync(this WebApplication app, string[] args)
    {
        if (args is not [MigrateCommand, ..]) return false;
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(app.Lifetime.ApplicationStopping);
        app.Logger.LogInformation("Database migrated; exiting without serving (the `{Command}` command).", MigrateCommand);
        return true;
    }
}
