using Vigil.Features.Errors.Issues;

namespace Vigil.Tests.Features.Errors.Issues;

public sealed class IssueQueryTests
{
    [Fact]
    public void SearchTokensBecomeFiltersAndTheRestIsText()
    {
        var query = new IssueQuery().WithSearch("is:resolved level:error release:1.2 env:prod database timeout");
        Assert.Equal(IssueStatus.Resolved, query.Status);
        Assert.Equal("error", query.Level);
        Assert.Equal("1.2", query.Release);
        Assert.Equal("prod", query.Environment);
        Assert.Equal("database timeout", query.Text);
    }

    [Fact]
    public void IsAllClearsTheStatusFilter() =>
        Assert.Null(new IssueQuery().WithSearch("is:all").Status);

    [Fact]
    public void ExplicitFiltersWinOverSearchTokens() =>
        Assert.Equal("warning", new IssueQuery(Level: "warning").WithSearch("level:error").Level);

    [Fact]
    public void AnUnknownStatusTokenKeepsTheCurrentStatus() =>
        Assert.Equal(IssueStatus.Unresolved, new IssueQuery().WithSearch("is:bogus").Status);

    [Theory]
    [InlineData(IssueSort.Events, "times_seen")]
    [InlineData(IssueSort.Users, "user_count")]
    [InlineData(IssueSort.FirstSeen, "first_seen")]
    [InlineData("'; DROP TABLE issues; --", "last_seen")]
    public void SortNamesMapToColumnsAndAnythingElseToLastSeen(string sort, string column) =>
        Assert.Equal(column, IssueSort.Column(sort));
}
