using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using Socializer.Core.Health;

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
        var configured = configuration.GetConnectionString(DatabaseOptions.ConnectionStringName);

        // Pooled factories: a returned context is reset and handed out again, instead of building EF's internal services
        // for every operation (the AI chat benchmark's profile showed that setup and its DI locks as a top cost).
        // Each operation still gets its own context and disposes it; the tracker counts rentals, not instances.
        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                var sqlite = ResolveSqliteConnectionString(configured, contentRoot);
                AddContextAndConnectionTracking(services, configuration, new DatabaseDescription(options.Provider, sqlite));
                services.AddSingleton(_ => new SqliteWriteGate(TimeSpan.FromMilliseconds(options.WriteQueueTimeoutMs)));
                services.AddPooledDbContextFactory<AppDbContext>((sp, db) =>
                {
                    db.UseSqlite(sqlite);
                    db.AddInterceptors(new SqlitePragmaInterceptor(options.BusyTimeoutMs), sp.GetRequiredService<SqliteWriteGate>());
                    AddTrackingInterceptors(sp, db);
                });
                break;
            case DatabaseProvider.Postgres:
                if (string.IsNullOrWhiteSpace(configured))
                    throw new InvalidOperationException($"Database:Provider is Postgres but ConnectionStrings:{DatabaseOptions.ConnectionStringName} is empty; set it to e.g. \"Host=db;Database=socializer;Username=socializer;Password=...\".");
                var poolName = PostgresDataSource.InstancePoolName();
                AddContextAndConnectionTracking(services, configuration, new DatabaseDescription(options.Provider, configured, poolName));
                // One data source (one Npgsql pool) per app instance, disposed with the host; its name tags the pool's metrics.
                services.AddSingleton(_ => PostgresDataSource.Create(configured, poolName));
                services.AddPooledDbContextFactory<AppDbContext>((sp, db) =>
                {
                    db.UseNpgsql(sp.GetRequiredService<NpgsqlDataSource>(), PostgresDataSource.ConfigureProvider);
                    AddTrackingInterceptors(sp, db);
                });
                break;
            default:
                throw new InvalidOperationException($"Database:Provider '{options.Provider}' is not known; use 'Sqlite' or 'Postgres'.");
        }
        DecorateFactoryWithTracking(services);
        services.AddScoped<RequestContextRegistry>();
        services.AddScoped(sp =>
        {
            var context = sp.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();
            sp.GetRequiredService<RequestContextRegistry>().Add(context.ContextId.InstanceId);
            return context;
        });
        services.AddTransient<DatabaseInitializer>();
        return services;
    }

    /// <summary>Live contexts and open connections are always tracked: the pool-health page and the leak detector read these.</summary>
    private static void AddContextAndConnectionTracking(IServiceCollection services, IConfiguration configuration, DatabaseDescription description)
    {
        var health = configuration.GetSection(HealthOptions.Section).Get<HealthOptions>() ?? new HealthOptions();
        services.AddSingleton(health);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(description);
        services.AddSingleton<ContextTracker>();
        services.AddSingleton<ConnectionTracker>();
        services.AddSingleton<ConnectionCountingInterceptor>();
        services.AddSingleton<TransactionCountingInterceptor>();
    }

    private static void AddTrackingInterceptors(IServiceProvider sp, DbContextOptionsBuilder db) =>
        db.AddInterceptors(sp.GetRequiredService<ConnectionCountingInterceptor>(), sp.GetRequiredService<TransactionCountingInterceptor>());

    /// <summary>Every IDbContextFactory&lt;AppDbContext&gt; consumer gets the tracking decorator around EF's own factory.</summary>
    private static void DecorateFactoryWithTracking(IServiceCollection services)
    {
        var efFactory = services.Last(d => d.ServiceType == typeof(IDbContextFactory<AppDbContext>));
        services.Remove(efFactory);
        services.Add(ServiceDescriptor.Describe(typeof(IDbContextFactory<AppDbContext>), sp =>
        {
            var inner = efFactory.ImplementationInstance
                ?? efFactory.ImplementationFactory?.Invoke(sp)
                ?? ActivatorUtilities.CreateInstance(sp, efFactory.ImplementationType!);
            return new TrackingDbContextFactory((IDbContextFactory<AppDbContext>)inner, sp.GetRequiredService<ContextTracker>());
        }, efFactory.Lifetime));
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
