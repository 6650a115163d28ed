using Vigil.Features.Errors.Ingest;

namespace Vigil.Tests.Features.Errors.Ingest;

public sealed class SentryAuthTests
{
    [Theory]
    [InlineData("Sentry sentry_version=7, sentry_client=sentry.javascript.node/8.0.0, sentry_key=abc123", "abc123")]
    [InlineData("Sentry sentry_key=abc123,sentry_version=7", "abc123")]
    [InlineData("Sentry  sentry_version=7 ,  sentry_key = abc123 ", "abc123")]
    [InlineData("Sentry sentry_version=7", null)]
    public void TheKeyIsReadFromTheSentryAuthHeader(string header, string? key) =>
        Assert.Equal(key, SentryAuth.FromHeaders(header, null));

    [Fact]
    public void AnAuthorizationHeaderCountsOnlyWithTheSentryScheme()
    {
        Assert.Equal("k1", SentryAuth.FromHeaders(null, "Sentry sentry_key=k1"));
        Assert.Null(SentryAuth.FromHeaders(null, "Bearer sentry_key=k1"));
    }

    [Theory]
    [InlineData("https://pub@o1.example.com/42", "pub")]
    [InlineData("https://pub:secret@o1.example.com/42", "pub")]
    [InlineData("not a dsn", null)]
    [InlineData("https://o1.example.com/42", null)]
    public void TheKeyIsReadFromAnEnvelopeDsn(string dsn, string? key) =>
        Assert.Equal(key, SentryAuth.FromDsn(dsn));
}
