using Bunit;
using Socializer.Tests.Support;
using Socializer.Web.Components.Layout;

namespace Socializer.Tests.Components.Profile;

public sealed class ProfileNavTests : MudTestContext
{
    [Fact]
    public void The_navigation_links_to_training_and_life_events_under_profile()
    {
        Context.AddAuthorization().SetAuthorized("ana");

        var nav = Render<NavMenu>();

        Assert.Contains("Profile", nav.Markup, StringComparison.Ordinal);
        Assert.Single(nav.FindAll("a[href='/profile/training']"));
        Assert.Single(nav.FindAll("a[href='/profile/life-events']"));
    }
}
