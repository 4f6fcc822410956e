using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Socializer.Core.Memory;
using Socializer.Tests.Support;

namespace Socializer.Tests.Core.Memory;

public sealed class LifeEventServiceTests : IAsyncLifetime
{
    private TestDatabase database = null!;
    private LifeEventService service = null!;
    private string ana = "";
    private string ben = "";

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateMigratedAsync();
        service = new LifeEventService(database.Factory, CoachingTestData.NewProtector());
        ana = await database.AddUserAsync("ana");
        ben = await database.AddUserAsync("ben");
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    private static LifeEventInput Input(string title, string date, string? description = null, string? category = null) =>
        new(title, description, category, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task Adds_lists_updates_and_deletes_a_users_events()
    {
        var added = await service.AddAsync(ana, Input("  Started at the bakery ", "2024-03-01", "Early shifts", "Work"), CancellationToken.None);
        await service.AddAsync(ana, Input("Moved to Lisbon", "2025-06-15"), CancellationToken.None);

        Assert.Equal(("Started at the bakery", "work"), (added.Title, added.Category));
        var listed = await service.ListAsync(ana, CancellationToken.None);
        Assert.Equal(["Moved to Lisbon", "Started at the bakery"], listed.Select(e => e.Title));
        Assert.Equal(LifeEventService.DefaultCategory, listed[0].Category);

        var updated = await service.UpdateAsync(ana, added.Id, Input("Head baker", "2024-09-01", null, "work"), CancellationToken.None);
        Assert.Equal("Head baker", updated!.Title);
        Assert.Null(updated.Description);
        Assert.Equal("Head baker", (await service.GetAsync(ana, added.Id, CancellationToken.None))!.Title);

        Assert.True(await service.DeleteAsync(ana, added.Id, CancellationToken.None));
        Assert.False(await service.DeleteAsync(ana, added.Id, CancellationToken.None));
        Assert.Equal(["Moved to Lisbon"], (await service.ListAsync(ana, CancellationToken.None)).Select(e => e.Title));
    }

    [Fact]
    public async Task The_timeline_groups_events_by_year_in_date_order()
    {
        await service.AddAsync(ana, Input("Graduated", "2019-07-01"), CancellationToken.None);
        await service.AddAsync(ana, Input("Got a dog", "2021-02-10"), CancellationToken.None);
        await service.AddAsync(ana, Input("Started university", "2015-09-01"), CancellationToken.None);
        await service.AddAsync(ana, Input("Wrote a thesis", "2019-01-20"), CancellationToken.None);

        var timeline = await service.GetTimelineAsync(ana, CancellationToken.None);

        Assert.Equal([2015, 2019, 2021], timeline.Select(y => y.Year));
        Assert.Equal(["Wrote a thesis", "Graduated"], timeline[1].Events.Select(e => e.Title));
    }

    [Fact]
    public async Task One_user_never_sees_or_changes_anothers_events()
    {
        var anas = await service.AddAsync(ana, Input("Private news", "2025-01-01"), CancellationToken.None);

        Assert.Empty(await service.ListAsync(ben, CancellationToken.None));
        Assert.Null(await service.GetAsync(ben, anas.Id, CancellationToken.None));
        Assert.Null(await service.UpdateAsync(ben, anas.Id, Input("Hijacked", "2025-01-01"), CancellationToken.None));
        Assert.False(await service.DeleteAsync(ben, anas.Id, CancellationToken.None));
        Assert.Equal("Private news", (await service.GetAsync(ana, anas.Id, CancellationToken.None))!.Title);
    }

    [Fact]
    public async Task Bad_input_is_refused_with_field_errors_and_nothing_is_stored()
    {
        var error = await Assert.ThrowsAsync<LifeEventValidationException>(() =>
            service.AddAsync(ana, new LifeEventInput("  ", new string('x', 2001), new string('c', 51), null), CancellationToken.None));

        Assert.Equal(["category", "description", "occurredOn", "title"], error.Errors.Keys.Order());
        await Assert.ThrowsAsync<LifeEventValidationException>(() =>
            service.AddAsync(ana, Input(new string('t', 201), "2020-01-01"), CancellationToken.None));
        Assert.Empty(await service.ListAsync(ana, CancellationToken.None));
    }

    [Trait(TestCategories.Name, TestCategories.SqliteOnly)]
    [Fact]
    public async Task Titles_and_descriptions_are_encrypted_in_the_database_file()
    {
        await service.AddAsync(ana, Input("Marathon in Valencia", "2023-12-03", "Finished in four hours"), CancellationToken.None);

        await using (var db = await database.Factory.CreateDbContextAsync())
        {
            var row = await db.LifeEvents.SingleAsync();
            Assert.StartsWith("enc1:", row.Title, StringComparison.Ordinal);
            Assert.StartsWith("enc1:", row.Description, StringComparison.Ordinal);
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        SqliteConnection.ClearAllPools();
        var path = new SqliteConnectionStringBuilder(database.ConnectionString).DataSource;
        var raw = Encoding.UTF8.GetString(await File.ReadAllBytesAsync(path));
        Assert.DoesNotContain("Valencia", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("four hours", raw, StringComparison.Ordinal);
        Assert.Equal("Marathon in Valencia", (await service.ListAsync(ana, CancellationToken.None)).Single().Title);
    }
}
