using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Socializer.Core.Accounts;

namespace Socializer.Core.Data;

/// <summary>
/// Brings the database to the current schema and seeds what must exist: roles and, when configured, the admin
/// account. Safe to run on every start: every step checks before it writes.
/// </summary>
public sealed class DatabaseInitializer(
    IDbContextFactory<AppDbContext> dbFactory,
    IConfiguration configuration,
    UserManager<AppUser> userManager,
    RoleManager<IdentityRole> roleManager,
    ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken ct = default)
    {
        logger.LogInformation("Migrating the {Provider} database", Provider());
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            if (db.Database.IsSqlite())
            {
                // WAL is a property of the file: set it every start, even on an existing database.
                await db.Database.OpenConnectionAsync(ct);
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
                await db.Database.CloseConnectionAsync();
            }
            await db.Database.MigrateAsync(ct);
        }

        foreach (var role in Roles.All)
            if (!await roleManager.RoleExistsAsync(role))
                await roleManager.CreateAsync(new IdentityRole(role));

        await SeedAdminAsync();
    }

    /// <summary>
    /// For instances that do not migrate at start (Database:MigrateOnStart=false): refuse to serve on a schema that
    /// is missing or behind, with the fix in the message, rather than fail later on the first query.
    /// </summary>
    public async Task EnsureSchemaIsCurrentAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (pending.Count > 0)
            throw new InvalidOperationException(
                $"The {Provider()} database schema is not up to date ({pending.Count} migration(s) pending, the first {pending[0]}). " +
                "Run `dotnet Socializer.Web.dll migrate` (or `dotnet run --project Socializer.Web -- migrate`) once before starting instances, " +
                "or set Database:MigrateOnStart=true.");
    }

    private string Provider() => configuration[$"{DatabaseOptions.Section}:{nameof(DatabaseOptions.Provider)}"] ?? nameof(DatabaseProvider.Sqlite);

    private async Task SeedAdminAsync()
    {
        var email = configuration["Seed:AdminEmail"];
        var password = configuration["Seed:AdminPassword"];
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrWhiteSpace(password)) return;

        var admin = await userManager.FindByEmailAsync(email);
        if (admin is null)
        {
            admin = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Admin" };
            var created = await userManager.CreateAsync(admin, password);
            if (!created.Succeeded)
            {
                logger.LogError("Could not seed the admin account {Email}: {Errors}", email, string.Join("; ", created.Errors.Select(e => e.Description)));
                return;
            }
            logger.LogInformation("Seeded the admin account {Email}", email);
        }
        foreach (var role in Roles.All)
            if (!await userManager.IsInRoleAsync(admin, role))
                await userManager.AddToRoleAsync(admin, role);
    }
}
