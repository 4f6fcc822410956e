using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Socializer.Bench;

/// <summary>What GET /api/admin/health says about the database pool.</summary>
public sealed record PoolReading(int LiveContexts, int OpenConnections, int? PhysicalConnections, int OpenTransactions);

/// <summary>
/// The real Socializer web app (its Program, every service, the offline assistant) on a Kestrel socket on
/// 127.0.0.1, over a fresh SQLite file, with a seeded admin, logging at Warning and the assistant's per-user rate
/// limit raised so the benchmark measures the server, not the limiter.
/// </summary>
public sealed class SocializerUnderTest : WebApplicationFactory<Program>
{
    public const string AdminEmail = "bench-admin@bench.local";
    private const string AdminPassword = "Bench-Admin-1!";
    public const string UserPassword = "Bench-User-1!";
    public const int RequestsPerMinutePerUser = 10_000_000;

    private readonly BenchOptions options;

    public string Directory { get; }
    public string DatabasePath => Path.Combine(Directory, "socializer.db");
    public Uri BaseAddress { get; private set; } = default!;

    /// <summary>PostgreSQL: the benchmark's own database (created at start, dropped at the end); null on SQLite.</summary>
    public string? PostgresDatabase { get; }
    public bool IsPostgres => PostgresDatabase is not null;
    public string PostgresConnectionString => PostgresServer.ConnectionString(options.PostgresConnection, PostgresDatabase!, options.PostgresMaxPoolSize);
    public string DatabaseName => IsPostgres ? $"PostgreSQL {PostgresDatabase}, Maximum Pool Size={options.PostgresMaxPoolSize}" : DatabasePath;

    public SocializerUnderTest(string directory, BenchOptions? options = null)
    {
        Directory = directory;
        this.options = options ?? BenchOptions.Smoke;
        if (this.options.IsPostgres) PostgresDatabase = "socializer_bench_" + Guid.NewGuid().ToString("N");
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        System.IO.Directory.CreateDirectory(Directory);
        builder.UseEnvironment("Production");
        builder.UseStaticWebAssets(); // Blazor's and MudBlazor's scripts for section 7's browsers (a published app serves them from wwwroot)
        if (IsPostgres)
        {
            builder.UseSetting("Database:Provider", "Postgres");
            builder.UseSetting("ConnectionStrings:Socializer", PostgresConnectionString);
        }
        else
        {
            builder.UseSetting("ConnectionStrings:Socializer", $"Data Source={DatabasePath}");
        }
        builder.UseSetting("DataProtection:KeysPath", Path.Combine(Directory, "keys"));
        builder.UseSetting("Seed:AdminEmail", AdminEmail);
        builder.UseSetting("Seed:AdminPassword", AdminPassword);
        builder.UseSetting("AI:Provider", "Offline");
        builder.UseSetting("AI:RequestsPerMinutePerUser", RequestsPerMinutePerUser.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // The load generator is one address: lift the per-address budgets too (RateLimits section).
        foreach (var limit in new[] { "AuthPerMinutePerIp", "MessagesPerMinutePerUser", "MessagesPerMinutePerIp", "AiPerMinutePerIp" })
            builder.UseSetting($"RateLimits:{limit}", RequestsPerMinutePerUser.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.Hosting.Lifetime", "Warning");
    }

    public async Task StartAsync()
    {
        if (IsPostgres) await PostgresServer.CreateDatabaseAsync(options.PostgresConnection, PostgresDatabase!);
        StartServer();
        BaseAddress = new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    /// <summary>An HttpClient over real sockets with room for every concurrent request (one per connection, HTTP/1.1).</summary>
    public static HttpClient NewClient(Uri baseAddress, int maxConnections) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = maxConnections, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2) })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };

    /// <summary>Registers and signs in <paramref name="count"/> users; returns their bearer tokens (and user ids).</summary>
    public static async Task<IReadOnlyList<(string Token, string UserId)>> CreateUsersAsync(HttpClient client, int count)
    {
        var users = new (string, string)[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, ct) =>
        {
            var email = $"bench-user-{i}@bench.local";
            using var registered = await client.PostAsJsonAsync("/api/auth/register", new { email, password = UserPassword, userName = $"bench{i}" }, ct);
            if (!registered.IsSuccessStatusCode) throw new InvalidOperationException($"Registering {email}: {(int)registered.StatusCode} {await registered.Content.ReadAsStringAsync(ct)}");
            var info = await registered.Content.ReadFromJsonAsync<JsonElement>(ct);
            var token = await LoginAsync(client, email, UserPassword, ct);
            users[i] = (token, info.GetProperty("id").GetString()!);
        });
        return users;
    }

    public static Task<string> AdminTokenAsync(HttpClient client) => LoginAsync(client, AdminEmail, AdminPassword, CancellationToken.None);

    private static async Task<string> LoginAsync(HttpClient client, string email, string password, CancellationToken ct)
    {
        using var login = await client.PostAsJsonAsync("/api/auth/login", new { email, password }, ct);
        if (!login.IsSuccessStatusCode) throw new InvalidOperationException($"Login {email}: {(int)login.StatusCode}");
        return (await login.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("accessToken").GetString()!;
    }

    public static async Task<PoolReading> ReadPoolAsync(HttpClient client, string adminToken)
    {
        var json = await AdminHealthAsync(client, adminToken);
        return new PoolReading(
            json.GetProperty("liveContexts").GetInt32(),
            json.GetProperty("openConnections").GetInt32(),
            json.GetProperty("physicalConnections").ValueKind == JsonValueKind.Number ? json.GetProperty("physicalConnections").GetInt32() : null,
            json.GetProperty("openTransactions").GetInt32());
    }

    /// <summary>GET /api/admin/health with the admin's bearer token.</summary>
    public static async Task<JsonElement> AdminHealthAsync(HttpClient client, string adminToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/admin/health");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (IsPostgres) await PostgresServer.DropDatabaseAsync(options.PostgresConnection, PostgresDatabase!);
    }
}
