using System.Text;
using Vigil.Protocols.Sentry;

namespace Vigil.Protocols.Tests.Sentry;

/// <summary>Scrub decisions are remembered per raw property name; these check that remembering never changes one.</summary>
public sealed class NameDecisionsTests
{
    private static string Extra(string json, ScrubOptions scrub)
    {
        var result = SentryEventPipeline.Process(Encoding.UTF8.GetBytes(json), new EventNormalizeOptions { ReceivedAt = DateTimeOffset.UtcNow }, scrub);
        return result.Event!.Event.Payload["extra"]!.ToJsonString();
    }

    [Fact]
    public void ANameRepeatedAcrossEventsIsDecidedTheSameEachTime()
    {
        var scrub = new ScrubOptions();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("""{"db_password":"[Filtered]","user_count":3}""", Extra("""{"extra":{"db_password":"hunter2","user_count":3}}""", scrub));
        }
    }

    [Fact]
    public void EachProjectsRulesDecideTheSameNameForThemselves()
    {
        var safe = new ScrubOptions { SafeFields = ["session_token"] };
        var strict = new ScrubOptions();
        var json = """{"extra":{"session_token":"abc"}}""";

        Assert.Equal("""{"session_token":"abc"}""", Extra(json, safe));
        Assert.Equal("""{"session_token":"[Filtered]"}""", Extra(json, strict));
        Assert.Equal("""{"session_token":"abc"}""", Extra(json, safe));
    }

    [Fact]
    public void AnEscapedNameIsDecidedByWhatItSpells()
    {
        var scrub = new ScrubOptions();
        Extra("""{"extra":{"password":"a"}}""", scrub);

        Assert.Equal("""{"password":"[Filtered]"}""", Extra("""{"extra":{"pass\u0077ord":"b"}}""", scrub));
    }

    [Fact]
    public void ManyDifferentNamesAreAllStillDecided()
    {
        var scrub = new ScrubOptions();
        for (var i = 0; i < 3000; i++)
        {
            Extra($$$"""{"extra":{"field_{{{i}}}":"x"}}""", scrub);
        }

        Assert.Equal("""{"api_key":"[Filtered]","note":"x"}""", Extra("""{"extra":{"api_key":"k","note":"x"}}""", scrub));
    }
}
