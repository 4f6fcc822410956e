using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor.Services;

namespace Socializer.Tests.Support;

/// <summary>A bUnit context with MudBlazor's services, disposed asynchronously as MudBlazor requires.</summary>
public abstract class MudTestContext : IAsyncLifetime
{
    protected BunitContext Context { get; } = new();

    protected MudTestContext()
    {
        Context.Services.AddMudServices();
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
    }

    /// <summary>Renders as an interactive server component would. Register services (authorization...) first.</summary>
    protected IRenderedComponent<T> Render<T>(Action<ComponentParameterCollectionBuilder<T>>? parameters = null) where T : IComponent
    {
        Context.SetRendererInfo(new RendererInfo("Server", true));
        return Context.Render(parameters ?? (_ => { }));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Context.DisposeAsync();
}
