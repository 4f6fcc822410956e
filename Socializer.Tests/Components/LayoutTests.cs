using Bunit;
using Microsoft.AspNetCore.Components;
using Socializer.Core.Accounts;
using Socializer.Tests.Support;
using Socializer.Web.Components.Layout;

namespace Socializer.Tests.Components;

public sealed class LayoutTests : MudTestContext
{
    [Fact]
    public void A_signed_in_user_sees_the_navigation_but_no_admin_section()
    {
        Context.AddAuthorization().SetAuthorized("ana");

        var nav = Render<NavMenu>();

        Assert.NotEmpty(nav.FindAll("a[href='/']"));
        Assert.Empty(nav.FindAll("a[href='/admin/health']"));
        Assert.DoesNotContain("Admin", nav.Markup);
    }

    [Fact]
    public void An_admin_sees_the_admin_section()
    {
        Context.AddAuthorization().SetAuthorized("root").SetRoles(Roles.Admin);

        var nav = Render<NavMenu>();

        Assert.Single(nav.FindAll("a[href='/admin/health']"));
    }

    [Fact]
    public void The_layout_shows_the_app_bar_the_body_and_a_labelled_theme_toggle()
    {
        Context.AddAuthorization().SetAuthorized("ana");

        var layout = Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddMarkupContent(0, "<p id='body'>hello</p>"))));

        Assert.Contains("Socializer", layout.Markup);
        Assert.NotNull(layout.Find("#body"));
        var toggle = layout.Find("button[aria-label='Switch to dark theme']");
        toggle.Click();
        Assert.NotEmpty(layout.FindAll("button[aria-label='Switch to light theme']"));
        Assert.NotEmpty(layout.FindAll("button[aria-label='Toggle navigation']"));
    }

    [Fact]
    public void An_anonymous_visitor_is_offered_log_in_and_register()
    {
        Context.AddAuthorization();

        var menu = Render<UserMenu>();

        Assert.NotEmpty(menu.FindAll("a[href='Account/Login']"));
        Assert.NotEmpty(menu.FindAll("a[href='Account/Register']"));
    }
}
