using System.Text;
using Vigil.Protocols.Sentry;

namespace Vigil.Protocols.Tests.Sentry;

public sealed class SummaryScrubbingTests
{
    private const string Event = """{"exception":{"values":[{"type":"PaymentError","value":"card 4111 1111 1111 1111 declined"}]}}""";

    [Fact]
    public void ACardNumberInAnExceptionNeverReachesTheIssueTitle()
    {
        var processed = SentryEventPipeline.Process(Encoding.UTF8.GetBytes(Event), new EventNormalizeOptions(), new ScrubOptions());
        Assert.DoesNotContain("4111", processed.Event!.Event.Title);
        Assert.Contains("[Filtered]", processed.Event.Event.Title);
    }

    [Fact]
    public void WithScrubbingOffTheTitleKeepsTheText()
    {
        var processed = SentryEventPipeline.Process(Encoding.UTF8.GetBytes(Event), new EventNormalizeOptions(), null);
        Assert.Contains("4111", processed.Event!.Event.Title);
    }
}
