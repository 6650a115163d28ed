using Vigil.Features.Errors.Issues;
using static Vigil.Features.Errors.Issues.IssueLifecycle;

namespace Vigil.Tests.Features.Errors.Issues;

public sealed class IssueLifecycleTests
{
    private const long Now = 1_800_000_000_000;

    [Fact]
    public void AnyEventOnAResolvedIssueIsARegression() =>
        Assert.Equal(Change.Regressed, OnEvent(IssueStatus.Resolved, null, null, null, "1.0", 5, Now));

    [Fact]
    public void AnEventOnAnUnresolvedIssueChangesNothing() =>
        Assert.Equal(Change.None, OnEvent(IssueStatus.Unresolved, null, null, null, "1.0", 5, Now));

    [Theory]
    [InlineData("1.0", Change.None)]
    [InlineData(null, Change.None)]
    [InlineData("1.1", Change.Regressed)]
    public void ResolvedInNextReleaseRegressesOnlyOnAnotherRelease(string? eventRelease, Change expected) =>
        Assert.Equal(expected, OnEvent(IssueStatus.ResolvedInNextRelease, "1.0", null, null, eventRelease, 5, Now));

    [Fact]
    public void IgnoredForeverStaysIgnored() =>
        Assert.Equal(Change.None, OnEvent(IssueStatus.Ignored, null, null, null, "1.0", 1_000_000, Now));

    [Fact]
    public void IgnoredUntilADateWakesUpOnceTheDatePassed()
    {
        Assert.Equal(Change.None, OnEvent(IssueStatus.Ignored, null, Now + 1, null, null, 5, Now));
        Assert.Equal(Change.Unignored, OnEvent(IssueStatus.Ignored, null, Now, null, null, 5, Now));
    }

    [Fact]
    public void IgnoredUntilACountWakesUpWhenTheCountIsReached()
    {
        Assert.Equal(Change.None, OnEvent(IssueStatus.Ignored, null, null, 110, null, 109, Now));
        Assert.Equal(Change.Unignored, OnEvent(IssueStatus.Ignored, null, null, 110, null, 110, Now));
    }
}
