using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Socializer.Core.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IDbContextFactory{AppDbContext}"/>, the only way app code reaches the database,
    /// plus a request-scoped context for ASP.NET Identity's stores (used by account pages and API endpoints only).
    /// </summary>
    public static IServiceCollection AddSocializerData(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.AddSingleton(options);
        var connectionString = ResolveSqliteConnectionString(configuration.GetConnectionString(DatabaseOptions.ConnectionStringName), contentRoot);

        services.AddDbContextFactory<AppDbContext>(db =>
        {
            switch (options.Provider)
            {
                case DatabaseProvider.Sqlite:
                    db.UseSqlite(connectionString);
                    db.AddInterceptors(new SqlitePragmaInterceptor(options.BusyTimeoutMs));
                    break;
                default:
                    throw new InvalidOperationException($"Database:Provider '{options.Provider}' is not available in this build; use 'Sqlite'.");
            }
        });
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext());
        services.AddTransient<DatabaseInitializer>();
        return services;
    }

    /// <summary>
    /// The SQLite file lives under the content root's App_Data/ unless configured otherwise; a relative
    /// Data Source is taken relative to the content root, so the app finds its database wherever it is started from.
    /// </summary>
    public static string ResolveSqliteConnectionString(string? configured, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured) ? "Data Source=App_Data/socializer.db" : configured);
        if (builder.DataSource != ":memory:" && builder.Mode != SqliteOpenMode.Memory && !Path.IsPathRooted(builder.DataSource))
            builder.DataSource = Path.GetFullPath(Path.Combine(contentRoot, builder.DataSource));
        if (builder.Mode != SqliteOpenMode.Memory && Path.GetDirectoryName(builder.DataSource) is { Length: > 0 } dir)
            Directory.CreateDirectory(dir);
        return builder.ToString();
    }
}
