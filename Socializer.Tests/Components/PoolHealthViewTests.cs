using Bunit;
using Socializer.Core.Accounts;
using Socializer.Core.Health;
using Socializer.Tests.Support;
using Socializer.Web.Components.Admin;
using Socializer.Web.Components.Layout;

namespace Socializer.Tests.Components;

public sealed class PoolHealthViewTests : MudTestContext
{
    private static PoolHealthSnapshot Snapshot(IReadOnlyList<SuspectedLeak> leaks, int live, int open) => new(
        DateTimeOffset.UtcNow, PoolHealthMonitor.Judge(live, open, leaks, 0), live, open, 3, leaks.Count(l => l.HoldsTransaction),
        10, 10 - live, 0, 20, 20 - open, 0, leaks, [], 4.5, 1, 3, 1, 0, 0, 2, 1, 0, null, null, "Sqlite",
        [new ConnectionSetting("Data Source", "/srv/socializer.db")], 10, 0);

    [Fact]
    public void A_healthy_snapshot_says_so_in_words_and_lists_no_leak()
    {
        var view = Render<PoolHealthView>(p => p.Add(v => v.Snapshot, Snapshot([], 0, 0)));

        Assert.Contains("Healthy: 0 live contexts, 0 open connections", view.Find("[data-testid=verdict]").TextContent);
        Assert.Empty(view.FindAll("[data-testid=leak-row]"));
        Assert.Contains("/srv/socializer.db", view.Find("[data-testid=connection-settings]").TextContent);
    }

    [Fact]
    public void A_leak_is_shown_with_its_call_site_and_turns_the_verdict_red()
    {
        var leak = new SuspectedLeak("context", Guid.NewGuid(), "LeakDrill.cs:42 (LeakDrill.LeakTransactionAsync)", "/src/LeakDrill.cs", 42,
            DateTimeOffset.UtcNow.AddSeconds(-12), 12, true, true);
        var history = Enumerable.Range(0, 5).Select(i => new HealthSample(DateTimeOffset.UtcNow.AddSeconds(i - 5), 1, 1, 3, 1, 1, 2, 1, 1, 0, 0, 0, 1, 0, 0)).ToList();

        var view = Render<PoolHealthView>(p => p.Add(v => v.Snapshot, Snapshot([leak], 1, 1)).Add(v => v.History, history));

        var row = Assert.Single(view.FindAll("[data-testid=leak-row]"));
        Assert.Contains("LeakDrill.cs:42", row.TextContent);
        Assert.Contains("12 s", row.TextContent);
        Assert.Contains("Critical", view.Find("[data-testid=verdict]").TextContent);
        Assert.NotEmpty(view.FindAll("svg"));
    }

    [Fact]
    public void Admins_see_the_users_link()
    {
        Context.AddAuthorization().SetAuthorized("root").SetRoles(Roles.Admin);

        var nav = Render<NavMenu>();

        Assert.Single(nav.FindAll("a[href='/admin/users']"));
    }
}
