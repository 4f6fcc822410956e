using Bunit;
using Socializer.Core.Health;
using Socializer.Tests.Support;
using Socializer.Web.Components.Admin;

namespace Socializer.Tests.Components;

public sealed class NpgsqlPoolPanelTests : MudTestContext
{
    private static PoolHealthSnapshot Snapshot(NpgsqlPoolStats? pool) => new(
        DateTimeOffset.UtcNow, PoolHealthMonitor.Judge(0, 0, [], 0), 0, 0, null, 0,
        10, 10, 0, 20, 20, 0, [], [], 4.5, 1, 3, 1, 0, 0, 2, 1, 0, null, null, pool is null ? "Sqlite" : "Postgres",
        [new ConnectionSetting("Host", "db.internal")], 10, 0, pool);

    private static string Gauge(IRenderedComponent<PoolHealthView> view, string label) =>
        view.Find($"[data-testid=npgsql-gauge][aria-label='{label}'] p").TextContent;

    [Fact]
    public void On_postgres_the_page_shows_this_instances_pool()
    {
        var pool = new NpgsqlPoolStats("socializer@web-1:42#1", Idle: 2, Used: 3, Max: 5, PendingRequests: 1, Timeouts: 7);

        var view = Render<PoolHealthView>(p => p.Add(v => v.Snapshot, Snapshot(pool)));

        Assert.Contains("socializer@web-1:42#1", view.Find("[data-testid=npgsql-pool]").TextContent);
        Assert.Equal("3", Gauge(view, "Used"));
        Assert.Equal("2", Gauge(view, "Idle"));
        Assert.Equal("5", Gauge(view, "Max"));
        Assert.Equal("1", Gauge(view, "Pending requests"));
        Assert.Equal("7", Gauge(view, "Timeouts"));
        Assert.Empty(view.FindAll("[data-testid=npgsql-exhausted]"));
    }

    [Fact]
    public void An_exhausted_pool_is_called_out()
    {
        var view = Render<PoolHealthView>(p => p.Add(v => v.Snapshot, Snapshot(new NpgsqlPoolStats("p", 0, 5, 5, 12, 0))));

        Assert.Contains("exhausted", view.Find("[data-testid=npgsql-exhausted]").TextContent);
    }

    [Fact]
    public void On_sqlite_there_is_no_pool_panel()
    {
        var view = Render<PoolHealthView>(p => p.Add(v => v.Snapshot, Snapshot(null)));

        Assert.Empty(view.FindAll("[data-testid=npgsql-pool]"));
    }
}
