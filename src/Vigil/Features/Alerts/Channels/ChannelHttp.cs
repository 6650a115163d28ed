using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Vigil.Features.Alerts.Channels;

/// <summary>The one HTTP client the HTTP channels share, and how an HTTP answer becomes an outcome.
/// No client-wide timeout: the delivery worker cancels each attempt at Alerts:DeliveryTimeout.</summary>
public sealed class ChannelHttp : IDisposable
{
    private readonly HttpClient _client = new(new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectTimeout = TimeSpan.FromSeconds(10),
        AllowAutoRedirect = false,
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    /// <summary>Posts <paramref name="body"/> and classifies the answer: 2xx delivered; 408, 429 and 5xx
    /// retryable (honouring Retry-After); other 4xx permanent. Failures to connect are retryable.</summary>
    public async Task<DeliveryOutcome> PostAsync(
        string url, byte[] body, IEnumerable<KeyValuePair<string, string>>? headers, CancellationToken cancellationToken,
        Func<HttpStatusCode, bool>? isDelivered = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.UserAgent.ParseAdd("Vigil-Alerts/1");
        foreach (var (name, value) in headers ?? [])
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
                request.Content.Headers.TryAddWithoutValidation(name, value);
        }
        try
        {
            // Headers only: a response body could echo what we sent (and so a secret); it is never read.
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            return Classify(response, isDelivered);
        }
        catch (HttpRequestException failure)
        {
            // The exception's message names the URL's host and sometimes more; the error class is enough.
            return DeliveryOutcome.Retry($"request failed: {failure.HttpRequestError}");
        }
    }

    public static DeliveryOutcome Classify(HttpResponseMessage response, Func<HttpStatusCode, bool>? isDelivered = null)
    {
        var code = (int)response.StatusCode;
        var status = $"HTTP {code} {Describe(response.StatusCode)}".TrimEnd();
        if (isDelivered?.Invoke(response.StatusCode) ?? code is >= 200 and < 300)
            return DeliveryOutcome.Delivered;
        if (code is 408 or 429 or >= 500)
            return DeliveryOutcome.Retry(status, RetryAfter(response));
        return DeliveryOutcome.Fail(status);
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
            return delta;
        if (header?.Date is { } date)
        {
            var wait = date - DateTimeOffset.UtcNow;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
        return null;
    }

    private static string Describe(HttpStatusCode code)
    {
        var name = code.ToString();
        var text = new StringBuilder();
        foreach (var c in name)
        {
            if (char.IsUpper(c) && text.Length > 0)
                text.Append(' ');
            text.Append(c);
        }
        return int.TryParse(name, out _) ? "" : text.ToString();
    }

    public void Dispose() => _client.Dispose();
}
