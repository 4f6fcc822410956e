using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Socializer.Core.Chat;
using Socializer.Core.Data;
using Socializer.Core.Health;
using Socializer.Tests.Support;

namespace Socializer.Tests.Postgres;

/// <summary>The whole app on PostgreSQL with a pool of five: the origin scenario, the leak drill, the migrate command.</summary>
[Trait(TestCategories.Name, TestCategories.Postgres)]
public sealed class PostgresAppTests
{
    [Fact]
    public async Task Two_hundred_concurrent_assistant_requests_through_a_pool_of_five_all_succeed_and_the_pool_empties()
    {
        await using var app = await PostgresAppFactory.CreateAsync(maxPoolSize: 5);
        var responses = await app.OriginBurstAsync(200);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var (admin, _) = await app.SignedInClientAsync(SocializerAppFactory.AdminEmail, SocializerAppFactory.AdminPassword);
        var snapshot = await admin.GetFromJsonAsync<JsonElement>("/api/admin/pool-health");
        Assert.Equal("Postgres", snapshot.GetProperty("provider").GetString());
        Assert.Equal(0, snapshot.GetProperty("liveContexts").GetInt32());
        Assert.Equal(0, snapshot.GetProperty("openConnections").GetInt32());
        var pool = snapshot.GetProperty("npgsqlPool");
        Assert.Equal(5, pool.GetProperty("max").GetInt32());
        Assert.Equal(0, pool.GetProperty("used").GetInt32());
        Assert.Equal(0, pool.GetProperty("pendingRequests").GetInt32());
        Assert.Equal(0, pool.GetProperty("timeouts").GetInt64());
        Assert.InRange(pool.GetProperty("idle").GetInt32(), 1, 5);
        Assert.DoesNotContain(SocializerAppFactory.AdminPassword, snapshot.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("socializer-tests", snapshot.GetRawText(), StringComparison.Ordinal); // the database password
    }

    [Fact]
    public async Task The_leak_drill_fills_the_pool_then_it_recovers()
    {
        await using var app = await PostgresAppFactory.CreateAsync(maxPoolSize: 5);
        _ = app.Server; // start the host
        var drill = app.Services.GetRequiredService<LeakDrill>();
        var monitor = app.Services.GetRequiredService<PoolHealthMonitor>();
        Assert.False((await drill.ProbeWriteAsync(CancellationToken.None)).Blocked);

        for (var i = 0; i < 5; i++) await drill.LeakTransactionAsync(LeakDrill.MaxSeconds, CancellationToken.None);

        var filled = monitor.Snapshot();
        Assert.Equal(5, filled.NpgsqlPool!.Used);
        Assert.Equal(5, filled.NpgsqlPool.Max);
        Assert.Equal(5, filled.OpenTransactions);
        var probe = await drill.ProbeWriteAsync(CancellationToken.None);
        Assert.True(probe.Blocked, probe.Outcome);
        Assert.Contains("no pooled connection", probe.Outcome, StringComparison.Ordinal);

        Assert.Equal(5, await drill.ReleaseAllAsync());

        var recovered = monitor.Snapshot();
        Assert.Equal(0, recovered.NpgsqlPool!.Used);
        Assert.Equal(0, recovered.OpenConnections);
        Assert.Equal(0, recovered.OpenTransactions);
        Assert.False((await drill.ProbeWriteAsync(CancellationToken.None)).Blocked);
    }

    [Fact]
    public async Task An_instance_that_does_not_migrate_refuses_an_unmigrated_database_and_the_migrate_command_fixes_it()
    {
        var noMigrate = new Dictionary<string, string> { ["Database:MigrateOnStart"] = "false" };
        await using (var early = await PostgresAppFactory.CreateAsync(migrated: false, settings: noMigrate))
        {
            var refused = Assert.Throws<InvalidOperationException>(() => early.Server);
            Assert.Contains("migrate", refused.Message, StringComparison.Ordinal);
            await using var db = new AppDbContext(PostgresTestServer.Options(early.ConnectionString));
            Assert.Empty(await db.Database.GetAppliedMigrationsAsync()); // it changed nothing

            // What an operator runs once before starting the instances.
            var (exitCode, output) = await RunMigrateCommandAsync(early.ConnectionString);
            Assert.True(exitCode == 0, output);
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            Assert.Equal(Room.GeneralRoomName, (await db.Rooms.SingleAsync(r => r.Id == 1)).Name);

            await using var instance = await PostgresAppFactory.CreateAsync(migrated: true, settings: noMigrate);
            var health = await instance.CreateClient().GetAsync("/health");
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }
    }

    /// <summary>`dotnet Socializer.Web.dll migrate`, as deployed: the real entry point in its own process.</summary>
    private static async Task<(int ExitCode, string Output)> RunMigrateCommandAsync(string connectionString)
    {
        var web = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet", [web, "migrate"])
        {
            WorkingDirectory = Path.GetDirectoryName(web)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["Database__Provider"] = "Postgres";
        start.Environment["ConnectionStrings__Socializer"] = connectionString;
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
