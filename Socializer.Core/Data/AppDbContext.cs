using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Socializer.Core.Accounts;
using Socializer.Core.Assistant;
using Socializer.Core.Chat;
using Socializer.Core.Coaching;
using Socializer.Core.Memory;
using Socializer.Core.Translation;

namespace Socializer.Core.Data;

/// <summary>
/// The whole schema. App code never holds one of these for longer than one operation: it asks
/// <see cref="IDbContextFactory{TContext}"/> for a context and disposes it before returning.
/// </summary>
public class AppDbContext(DbContextOptions<AppDbContext> options) : IdentityDbContext<AppUser>(options)
{
    public DbSet<Room> Rooms => Set<Room>();
    public DbSet<RoomMember> RoomMembers => Set<RoomMember>();
    public DbSet<RoomInvite> RoomInvites => Set<RoomInvite>();
    public DbSet<Message> Messages => Set<Message>();
    public DbSet<MessageTranslation> MessageTranslations => Set<MessageTranslation>();
    public DbSet<AiConversation> AiConversations => Set<AiConversation>();
    public DbSet<AiMessage> AiMessages => Set<AiMessage>();
    public DbSet<MemoryFact> MemoryFacts => Set<MemoryFact>();
    public DbSet<LifeEvent> LifeEvents => Set<LifeEvent>();
    public DbSet<Skill> Skills => Set<Skill>();
    public DbSet<UserSkill> UserSkills => Set<UserSkill>();
    public DbSet<Training> Trainings => Set<Training>();
    public DbSet<SkillEvaluation> SkillEvaluations => Set<SkillEvaluation>();

    /// <summary>Raised once when this context is disposed (sync or async); the health tracker listens.</summary>
    public event Action<AppDbContext>? Disposed;

    /// <summary>
    /// Raised from the finalizer, so only for a context that was garbage-collected without ever being disposed
    /// (disposing suppresses finalization): a leak the health tracker reports. A finalizer costs far less than
    /// tracking each context in a ConditionalWeakTable, whose dependent handles kept the GC and the finalizer
    /// thread busy under load.
    /// </summary>
    public event Action? CollectedUndisposed;

    ~AppDbContext() => CollectedUndisposed?.Invoke();

    public override void Dispose()
    {
        base.Dispose();
        RaiseDisposed();
        GC.SuppressFinalize(this);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        RaiseDisposed();
        GC.SuppressFinalize(this);
    }

    private void RaiseDisposed()
    {
        var handler = Disposed;
        Disposed = null;
        CollectedUndisposed = null;
        handler?.Invoke(this);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }
}
