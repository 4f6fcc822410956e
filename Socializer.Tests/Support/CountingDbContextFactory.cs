using Microsoft.EntityFrameworkCore;
using Socializer.Core.Data;

namespace Socializer.Tests.Support;

/// <summary>Wraps a context factory and counts the contexts it handed out that are not disposed yet.</summary>
public sealed class CountingDbContextFactory(IDbContextFactory<AppDbContext> inner) : IDbContextFactory<AppDbContext>
{
    private int live;
    private int created;

    public int Live => Volatile.Read(ref live);
    public int Created => Volatile.Read(ref created);

    public AppDbContext CreateDbContext()
    {
        var context = inner.CreateDbContext();
        Interlocked.Increment(ref live);
        Interlocked.Increment(ref created);
        context.Disposed += _ => Interlocked.Decrement(ref live);
        return context;
    }
}
