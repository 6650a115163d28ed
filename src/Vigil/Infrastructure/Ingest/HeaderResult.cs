namespace Vigil.Infrastructure.Ingest;

/// <summary>Another result with one response header added: how the ingest edges say Retry-After
/// and X-Sentry-Rate-Limits on a 429 or 503.</summary>
public sealed class HeaderResult(IResult inner, string name, string value) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.Headers[name] = value;
        return inner.ExecuteAsync(httpContext);
    }
}
