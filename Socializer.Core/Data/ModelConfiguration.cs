using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Socializer.Core.Accounts;
using Socializer.Core.Assistant;
using Socializer.Core.Chat;
using Socializer.Core.Coaching;
using Socializer.Core.Memory;
using Socializer.Core.Translation;

namespace Socializer.Core.Data;

// One configuration per entity; every index below serves a query that pages or filters.

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> b)
    {
        b.Property(u => u.DisplayName).HasMaxLength(AppUser.DisplayNameMaxLength);
        b.Property(u => u.PreferredLanguage).HasMaxLength(16);
        b.Property(u => u.PreferredModel).HasMaxLength(100);
    }
}

internal sealed class RoomConfiguration : IEntityTypeConfiguration<Room>
{
    public void Configure(EntityTypeBuilder<Room> b)
    {
        b.Property(r => r.Name).HasMaxLength(Room.NameMaxLength);
        b.Property(r => r.DirectKey).HasMaxLength(200);
        b.HasIndex(r => r.DirectKey).IsUnique();
        b.HasIndex(r => new { r.IsDiscoverable, r.LastActivityAt });
        b.HasOne(r => r.CreatedBy).WithMany().HasForeignKey(r => r.CreatedById).OnDelete(DeleteBehavior.SetNull);
        b.HasData(new Room
        {
            Id = 1,
            Type = RoomType.Public,
            Name = Room.GeneralRoomName,
            AiEnabled = true,
            IsDiscoverable = true,
            CreatedAt = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc),
            LastActivityAt = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc),
        });
    }
}

internal sealed class RoomMemberConfiguration : IEntityTypeConfiguration<RoomMember>
{
    public void Configure(EntityTypeBuilder<RoomMember> b)
    {
        b.HasKey(m => new { m.RoomId, m.UserId });
        b.HasIndex(m => new { m.UserId, m.IsActive });
        b.HasOne(m => m.Room).WithMany(r => r.Members).HasForeignKey(m => m.RoomId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(m => m.User).WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RoomInviteConfiguration : IEntityTypeConfiguration<RoomInvite>
{
    public void Configure(EntityTypeBuilder<RoomInvite> b)
    {
        b.HasIndex(i => new { i.InviteeId, i.Status });
        b.HasIndex(i => new { i.RoomId, i.InviteeId });
        b.HasOne(i => i.Room).WithMany().HasForeignKey(i => i.RoomId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(i => i.Inviter).WithMany().HasForeignKey(i => i.InviterId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(i => i.Invitee).WithMany().HasForeignKey(i => i.InviteeId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MessageConfiguration : IEntityTypeConfiguration<Message>
{
    public void Configure(EntityTypeBuilder<Message> b)
    {
        b.Property(m => m.Content).HasMaxLength(Message.ContentMaxLength);
        b.Property(m => m.Language).HasMaxLength(16);
        b.Ignore(m => m.IsDeleted);
        // Keyset paging: WHERE RoomId = @room AND Id < @before ORDER BY Id DESC LIMIT 50.
        b.HasIndex(m => new { m.RoomId, m.Id });
        b.HasIndex(m => new { m.SenderId, m.Id });
        b.HasOne(m => m.Room).WithMany(r => r.Messages).HasForeignKey(m => m.RoomId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(m => m.Sender).WithMany().HasForeignKey(m => m.SenderId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class MessageTranslationConfiguration : IEntityTypeConfiguration<MessageTranslation>
{
    public void Configure(EntityTypeBuilder<MessageTranslation> b)
    {
        b.Property(t => t.SourceLanguage).HasMaxLength(16);
        b.Property(t => t.TargetLanguage).HasMaxLength(16);
        b.Property(t => t.Engine).HasMaxLength(100);
        b.HasIndex(t => new { t.MessageId, t.TargetLanguage }).IsUnique();
        b.HasOne(t => t.Message).WithMany().HasForeignKey(t => t.MessageId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AiConversationConfiguration : IEntityTypeConfiguration<AiConversation>
{
    public void Configure(EntityTypeBuilder<AiConversation> b)
    {
        // Titles are stored encrypted: the column holds ciphertext, several times the plaintext limit.
        b.Property(c => c.Title).HasMaxLength(1024);
        b.HasIndex(c => new { c.UserId, c.UpdatedAt });
        b.HasOne(c => c.User).WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AiMessageConfiguration : IEntityTypeConfiguration<AiMessage>
{
    public void Configure(EntityTypeBuilder<AiMessage> b)
    {
        b.Property(m => m.ToolsUsed).HasMaxLength(1000);
        b.Property(m => m.Model).HasMaxLength(100);
        b.HasIndex(m => new { m.ConversationId, m.Id });
        b.HasOne(m => m.Conversation).WithMany(c => c.Messages).HasForeignKey(m => m.ConversationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MemoryFactConfiguration : IEntityTypeConfiguration<MemoryFact>
{
    public void Configure(EntityTypeBuilder<MemoryFact> b)
    {
        b.Property(f => f.Key).HasMaxLength(MemoryFact.KeyMaxLength);
        b.Property(f => f.Source).HasMaxLength(100);
        b.HasIndex(f => new { f.UserId, f.Key }).IsUnique();
        b.HasOne(f => f.User).WithMany().HasForeignKey(f => f.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class LifeEventConfiguration : IEntityTypeConfiguration<LifeEvent>
{
    public void Configure(EntityTypeBuilder<LifeEvent> b)
    {
        b.Property(e => e.Category).HasMaxLength(50);
        b.HasIndex(e => new { e.UserId, e.OccurredOn });
        b.HasOne(e => e.User).WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SkillConfiguration : IEntityTypeConfiguration<Skill>
{
    public void Configure(EntityTypeBuilder<Skill> b)
    {
        b.Property(s => s.Name).HasMaxLength(50);
        b.Property(s => s.Description).HasMaxLength(300);
        b.HasIndex(s => s.Name).IsUnique();
        b.HasData(Skill.Defaults.Select(d => new Skill { Id = d.Id, Name = d.Name, Description = d.Description }));
    }
}

internal sealed class UserSkillConfiguration : IEntityTypeConfiguration<UserSkill>
{
    public void Configure(EntityTypeBuilder<UserSkill> b)
    {
        b.HasKey(s => new { s.UserId, s.SkillId });
        b.HasOne(s => s.User).WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(s => s.Skill).WithMany().HasForeignKey(s => s.SkillId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TrainingConfiguration : IEntityTypeConfiguration<Training>
{
    public void Configure(EntityTypeBuilder<Training> b)
    {
        b.Property(t => t.Focus).HasMaxLength(300);
        b.HasIndex(t => new { t.UserId, t.Status });
        b.HasOne(t => t.User).WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(t => t.Skill).WithMany().HasForeignKey(t => t.SkillId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SkillEvaluationConfiguration : IEntityTypeConfiguration<SkillEvaluation>
{
    public void Configure(EntityTypeBuilder<SkillEvaluation> b)
    {
        b.Property(e => e.Evaluator).HasMaxLength(100);
        b.Property(e => e.Notes).HasMaxLength(1000);
        b.HasIndex(e => new { e.UserId, e.SkillId, e.EvaluatedAt });
        b.HasOne(e => e.User).WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(e => e.Skill).WithMany().HasForeignKey(e => e.SkillId).OnDelete(DeleteBehavior.Cascade);
    }
}
