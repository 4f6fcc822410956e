using Microsoft.EntityFrameworkCore;
using Socializer.Core.Data;

namespace Socializer.Core.Health;

/// <summary>Wraps the real factory so every context it hands out is tracked until disposed (or collected).</summary>
public sealed class TrackingDbContextFactory(IDbContextFactory<AppDbContext> inner, ContextTracker tracker) : IDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext()
    {
        var callSite = tracker.SampleCallSite();
        var context = inner.CreateDbContext();
        tracker.Track(context, callSite);
        return context;
    }

    public async Task<AppDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default)
    {
        var callSite = tracker.SampleCallSite(); // before the await: the caller's frames are still on the stack
        var context = await inner.CreateDbContextAsync(cancellationToken);
        tracker.Track(context, callSite);
        return context;
    }
}
