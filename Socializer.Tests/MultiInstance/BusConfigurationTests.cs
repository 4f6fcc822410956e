using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Socializer.Core.Chat;
using Socializer.Core.MultiInstance;

namespace Socializer.Tests.MultiInstance;

public sealed class BusConfigurationTests
{
    private static IConfiguration Config(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build();

    [Fact]
    public void Without_settings_the_bus_is_the_in_memory_one_and_healthy()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSocializerChat();
        services.AddSocializerBus(Config());
        using var provider = services.BuildServiceProvider();

        Assert.IsType<InMemoryChatBus>(provider.GetRequiredService<IChatBus>());
        Assert.IsType<SingleInstancePresence>(provider.GetRequiredService<IPresenceBackplane>());
        var status = provider.GetRequiredService<IBusHealth>().Status();
        Assert.False(status.IsDegraded);
        Assert.Equal(BusProvider.InMemory, status.Provider);
    }

    [Theory]
    [InlineData("Kafka", null, "Bus:Provider 'Kafka' is unknown")]
    [InlineData("Redis", null, "Bus:Redis (the Redis connection string) is empty")]
    [InlineData("redis", "", "Bus:Redis (the Redis connection string) is empty")]
    public void A_wrong_bus_setting_stops_the_start_with_a_sentence_naming_it(string provider, string? redis, string expected)
    {
        var settings = new List<(string, string)> { ("Bus:Provider", provider) };
        if (redis is not null) settings.Add(("Bus:Redis", redis));
        var error = Assert.Throws<InvalidOperationException>(() => BusOptions.From(Config([.. settings])));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_heartbeat_not_well_below_the_ttl_is_refused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => BusOptions.From(Config(
            ("Bus:Provider", "Redis"), ("Bus:Redis", "127.0.0.1:1"), ("Bus:HeartbeatSeconds", "10"), ("Bus:PresenceTtlSeconds", "15"))));
        Assert.Contains("at least twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_chat_event_type_survives_the_trip_between_instances()
    {
        var view = new MessageView(9, 3, SenderType.User, "u", "Ann", "hola", new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc), null, false, "es");
        ChatEvent[] samples =
        [
            new MessagePosted(3, view, true), new MessageEdited(3, view with { Content = "edited" }), new MessageDeleted(3, 9),
            new MembershipChanged(3, "u", "Ann", false), new RoomDeleted(3), new TypingChanged(3, [new TypingUser("u", "Ann")]),
            new InviteReceived("u", new InviteView(1, 3, "Club", "Ben", view.CreatedAt)), new RoomListChanged("u"),
            new PresenceChanged("u", true),
            new Socializer.Core.RoomFollowUp.SenderNotesReady("u", 3, 9, [new(Socializer.Core.RoomFollowUp.SenderNoteKind.Sensitivity, "Kinder?", "draft")]),
            new Socializer.Core.Accounts.UserSettingsChanged("u", new("fr", 0.4, null, PassiveTranslationEnabled: true, CoachingHintsEnabled: false)),
        ];
        Assert.Equal(ChatEventCodec.EventTypeNames.Order(), samples.Select(s => s.GetType().Name).Order()); // a new event type needs a sample here

        foreach (var sample in samples)
        {
            var (origin, decoded) = ChatEventCodec.Decode(ChatEventCodec.Encode("a/1", sample)) ?? throw new InvalidOperationException(sample.ToString());
            Assert.Equal("a/1", origin);
            Assert.Equal(System.Text.Json.JsonSerializer.Serialize<object>(sample), System.Text.Json.JsonSerializer.Serialize<object>(decoded));
            Assert.Equal(sample.GetType(), decoded.GetType());
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("""{"o":"a/1","t":"Process","e":{}}""")]
    [InlineData("""{"o":"a/1","t":"MessageDeleted","e":[1,2]}""")]
    public void Anything_on_the_channel_that_is_not_a_known_event_is_ignored(string text) =>
        Assert.Null(ChatEventCodec.Decode(text));

    [Fact]
    public void The_typing_board_merges_instances_and_forgets_a_gone_one()
    {
        var board = new TypingBoard();
        board.Merge("a", new TypingChanged(1, [new TypingUser("z", "Zoe")]));
        var merged = board.Merge("b", new TypingChanged(1, [new TypingUser("b", "Ben"), new TypingUser("z", "Zoe")]));
        Assert.Equal(["Ben", "Zoe"], merged.Typists.Select(t => t.DisplayName));

        var afterB = Assert.Single(board.Forget("b"));
        Assert.Equal(["Zoe"], afterB.Typists.Select(t => t.DisplayName));
        Assert.Empty(board.Merge("a", new TypingChanged(1, [])).Typists);
        Assert.Empty(board.Forget("a"));
    }
}
