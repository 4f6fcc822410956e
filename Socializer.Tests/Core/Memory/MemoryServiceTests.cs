using Microsoft.Data.Sqlite;
using Socializer.Core.Memory;
using Socializer.Tests.Support;

namespace Socializer.Tests.Core.Memory;

public sealed class MemoryServiceTests
{
    [Theory]
    [InlineData("  My  Favourite   Food. ", "favourite food")]
    [InlineData("NAME", "name")]
    [InlineData("the plan?", "plan")]
    public void Keys_are_normalised(string key, string expected) => Assert.Equal(expected, MemoryService.NormalizeKey(key));

    [Fact]
    public async Task Remember_creates_then_updates_under_the_normalised_key()
    {
        await using var host = await AssistantTestHost.StartAsync();
        var ana = await host.AddUserAsync("ana");

        var created = await host.Memory.RememberAsync(ana, "Favourite Food", "paella", MemoryCategory.Preference);
        var same = await host.Memory.RememberAsync(ana, "favourite food", "paella", MemoryCategory.Preference);
        var updated = await host.Memory.RememberAsync(ana, "my favourite food", "tortilla", MemoryCategory.Preference);

        Assert.Equal(RememberOutcome.Created, created.Outcome);
        Assert.Equal(RememberOutcome.Unchanged, same.Outcome);
        Assert.Equal(RememberOutcome.Updated, updated.Outcome);
        Assert.Equal("paella", updated.PreviousValue);
        var item = Assert.Single(await host.Memory.ListAsync(ana));
        Assert.Equal(("favourite food", "tortilla"), (item.Key, item.Value));
    }

    [Fact]
    public async Task Recall_finds_by_key_or_by_words_in_the_value()
    {
        await using var host = await AssistantTestHost.StartAsync();
        var ana = await host.AddUserAsync("ana");
        await host.Memory.RememberAsync(ana, "name", "Ana");
        await host.Memory.RememberAsync(ana, "sister's name", "Marta");
        await host.Memory.RememberAsync(ana, "hobby", "climbing in Montserrat");

        Assert.Equal("Ana", Assert.Single(await host.Memory.RecallAsync(ana, "Name")).Value);
        Assert.Equal("hobby", Assert.Single(await host.Memory.RecallAsync(ana, "montserrat")).Key);
        Assert.Empty(await host.Memory.RecallAsync(ana, "car"));
        Assert.Equal(3, (await host.Memory.RecallAsync(ana, "")).Count);
    }

    [Fact]
    public async Task Update_delete_and_forget_everything_touch_only_the_owners_items()
    {
        await using var host = await AssistantTestHost.StartAsync();
        var ana = await host.AddUserAsync("ana");
        var ben = await host.AddUserAsync("ben");
        var anas = (await host.Memory.RememberAsync(ana, "name", "Ana")).Item;
        await host.Memory.RememberAsync(ana, "city", "Girona");
        await host.Memory.RememberAsync(ben, "name", "Ben");

        Assert.Null(await host.Memory.UpdateAsync(ben, anas.Id, "name", "Mallory", MemoryCategory.Fact));
        Assert.False(await host.Memory.DeleteAsync(ben, anas.Id));
        Assert.Null(await host.Memory.GetAsync(ben, anas.Id));
        Assert.DoesNotContain(await host.Memory.ListAsync(ben), i => i.Value == "Ana");

        var edited = await host.Memory.UpdateAsync(ana, anas.Id, "Name", "Ana María", MemoryCategory.Fact);
        Assert.Equal("Ana María", edited!.Value);
        Assert.Equal("edited by you", edited.Source);
        await Assert.ThrowsAsync<ArgumentException>(() => host.Memory.UpdateAsync(ana, anas.Id, "city", "x", MemoryCategory.Fact)); // key taken
        await Assert.ThrowsAsync<ArgumentException>(() => host.Memory.UpdateAsync(ana, anas.Id, "name", " ", MemoryCategory.Fact));
        Assert.Equal("Ana María", (await host.Memory.GetAsync(ana, anas.Id))!.Value);

        Assert.Equal(2, await host.Memory.ForgetAllAsync(ana));
        Assert.Empty(await host.Memory.ListAsync(ana));
        Assert.Single(await host.Memory.ListAsync(ben));
    }

    [Theory]
    [InlineData("", "value")]
    [InlineData("   ", "value")]
    [InlineData("key", "")]
    public async Task Blank_keys_or_values_are_refused_and_nothing_is_stored(string key, string value)
    {
        await using var host = await AssistantTestHost.StartAsync();
        var ana = await host.AddUserAsync("ana");
        await Assert.ThrowsAsync<ArgumentException>(() => host.Memory.RememberAsync(ana, key, value));
        await Assert.ThrowsAsync<ArgumentException>(() => host.Memory.RememberAsync(ana, "k", new string('x', 1001)));
        Assert.Empty(await host.Memory.ListAsync(ana));
    }

    [Trait(TestCategories.Name, TestCategories.SqliteOnly)]
    [Fact]
    public async Task Values_are_ciphertext_in_the_database()
    {
        await using var host = await AssistantTestHost.StartAsync();
        var ana = await host.AddUserAsync("ana");
        await host.Memory.RememberAsync(ana, "secret", "correct horse battery staple");

        await using var connection = new SqliteConnection(host.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Value FROM MemoryFacts";
        var stored = (string)(await command.ExecuteScalarAsync())!;
        Assert.StartsWith("enc1:", stored);
        Assert.DoesNotContain("horse", stored);
    }
}
