using System.Net.Http.Headers;

namespace Vigil.Tests.Support;

/// <summary>Posts envelopes the way SDKs do: X-Sentry-Auth with the public key.</summary>
public static class SentryIngestClient
{
    public static string AuthHeader(string publicKey) =>
        $"Sentry sentry_version=7, sentry_client=vigil-tests/1.0, sentry_key={publicKey}";

    public static Task<HttpResponseMessage> SendEnvelopeAsync(HttpClient http, long projectId, string publicKey, byte[] envelope, string? contentEncoding = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/{projectId}/envelope/") { Content = new ByteArrayContent(envelope) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-sentry-envelope");
        if (contentEncoding is not null)
            request.Content.Headers.ContentEncoding.Add(contentEncoding);
        request.Headers.TryAddWithoutValidation("X-Sentry-Auth", AuthHeader(publicKey));
        return http.SendAsync(request);
    }
}
