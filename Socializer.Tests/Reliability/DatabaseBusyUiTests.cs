using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Socializer.Core.Chat;
using Socializer.Core.Data;
using Socializer.Tests.Support;
using Socializer.Web.Components.Chat;

namespace Socializer.Tests.Reliability;

/// <summary>The chat page while another process holds the database's write lock: a clear message, the text kept, sending works again after.</summary>
[Collection(SerialCollection.Name)]
public sealed class DatabaseBusyUiTests : MudTestContext, IAsyncLifetime
{
    private const int General = 1; // the public room every user is seated in
    private ChatFixture chat = null!;

    async Task IAsyncLifetime.InitializeAsync()
    {
        chat = await ChatFixture.CreateAsync();
        Context.Services.AddRoomUxServices(chat);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await chat.DisposeAsync();
    }

    [Fact]
    public async Task Sending_while_the_database_is_locked_shows_why_keeps_the_text_and_sends_it_after()
    {
        var ana = await chat.AddUserAsync("ana");
        var room = Render<RoomView>(p => p.Add(v => v.RoomId, General).Add(v => v.UserId, ana).Add(v => v.UserName, "ana"));
        room.WaitForAssertion(() => room.Find("textarea[aria-label='Message']"));
        var databasePath = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(chat.Database.ConnectionString).DataSource;

        await room.Find("textarea[aria-label='Message']").InputAsync(new() { Value = "Typed while the database was busy" });
        await using (await DatabaseLock.TakeAsync(databasePath))
        {
            await room.Find("button.send-button").ClickAsync(new());

            room.WaitForAssertion(() => Assert.Equal(DatabaseErrors.BusyMessage, room.Find(".input-error").TextContent.Trim()));
            Assert.False(room.Find("button.send-button").HasAttribute("disabled")); // the text is still there to send
        }
        Assert.Empty((await chat.Messages.HistoryAsync(General, ana)).Messages);

        await room.Find("button.send-button").ClickAsync(new());

        room.WaitForAssertion(() => Assert.Empty(room.FindAll(".input-error")));
        var stored = Assert.Single((await chat.Messages.HistoryAsync(General, ana)).Messages);
        Assert.Equal("Typed while the database was busy", stored.Content);
    }
}
