using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Socializer.Core.Memory;
using Socializer.Core.Privacy;
using Socializer.Tests.Support;

namespace Socializer.Tests.Core;

public sealed class PersonalDataProtectorTests
{
    private static PersonalDataProtector NewProtector(string keys) =>
        new(DataProtectionProvider.Create(new DirectoryInfo(keys), b => b.SetApplicationName("Socializer")));

    [Fact]
    public void Round_trips_and_reads_text_stored_before_encryption()
    {
        var protector = NewProtector(Path.Combine(Path.GetTempPath(), "socializer-tests", Guid.NewGuid().ToString("N")));

        var stored = protector.Protect("my name is Ada");

        Assert.DoesNotContain("Ada", stored);
        Assert.Equal("my name is Ada", protector.Unprotect(stored));
        Assert.Equal("legacy plain text", protector.Unprotect("legacy plain text"));
        Assert.Null(protector.ProtectNullable(null));
    }

    [Fact]
    public void A_new_protector_over_the_same_keys_reads_old_data()
    {
        var keys = Path.Combine(Path.GetTempPath(), "socializer-tests", Guid.NewGuid().ToString("N"));
        var stored = NewProtector(keys).Protect("survives restarts");

        Assert.Equal("survives restarts", NewProtector(keys).Unprotect(stored));
    }

    [Trait(TestCategories.Name, TestCategories.SqliteOnly)]
    [Fact]
    public async Task The_raw_database_file_holds_no_plaintext_of_protected_values()
    {
        var protector = NewProtector(Path.Combine(Path.GetTempPath(), "socializer-tests", Guid.NewGuid().ToString("N")));
        await using var database = await TestDatabase.CreateMigratedAsync();
        await using (var db = await database.Factory.CreateDbContextAsync())
        {
            var user = new Socializer.Core.Accounts.AppUser { UserName = "ada", Email = "ada@example.com" };
            db.Users.Add(user);
            db.MemoryFacts.Add(new MemoryFact { UserId = user.Id, Key = "secret", Value = protector.Protect("Zanzibar-sunflower-42") });
            await db.SaveChangesAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);");
        }

        var raw = await File.ReadAllBytesAsync(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(database.ConnectionString).DataSource);
        Assert.DoesNotContain("Zanzibar-sunflower-42", Encoding.UTF8.GetString(raw), StringComparison.Ordinal);
    }
}
