using System.IO.Compression;
using Microsoft.AspNetCore.Http.Features;

namespace Vigil.Infrastructure.Ingest;

/// <summary>Reads an ingest request body, undoing gzip, deflate (zlib or raw) or brotli, and refuses
/// bodies over the raw or decompressed limits with 413 — a gzip bomb stops at the limit.</summary>
public static class BodyReader
{
    public sealed record Result(byte[] Body, int Length, int StatusCode, string? Error)
    {
        public bool Ok => Error is null;
        public ReadOnlyMemory<byte> Memory => Body.AsMemory(0, Length);
    }

    public static async Task<Result> ReadAsync(HttpRequest request, long maxRaw, long maxDecoded, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxRaw)
            return Unread(request, $"The body is {request.ContentLength} bytes; the limit is {maxRaw}.");
        var sizeFeature = request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false })
            sizeFeature.MaxRequestBodySize = maxRaw;
        byte[] raw;
        int rawLength;
        try
        {
            (raw, rawLength) = await ReadLimitedAsync(request.Body, maxRaw, (int)Math.Min(request.ContentLength ?? 16 * 1024, maxRaw), cancellationToken);
        }
        catch (BadHttpRequestException error) when (error.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Unread(request, $"The body is over the {maxRaw}-byte limit.");
        }
        catch (Exception error) when (error is BadHttpRequestException or IOException
            || (error is OperationCanceledException && request.HttpContext.RequestAborted.IsCancellationRequested))
        {
            // The sender went away or sent less than its Content-Length: its request, not a server fault.
            return Fail(StatusCodes.Status400BadRequest, $"The request body could not be read: {error.Message}");
        }
        if (rawLength < 0)
            return Unread(request, $"The body is over the {maxRaw}-byte limit.");
        var encoding = request.Headers.ContentEncoding.ToString().Trim().ToLowerInvariant();
        if (encoding is "" or "identity")
            return new Result(raw, rawLength, 200, null);
        Stream? decoder = encoding switch
        {
            "gzip" or "x-gzip" => new GZipStream(new MemoryStream(raw, 0, rawLength), CompressionMode.Decompress),
            "deflate" => rawLength > 0 && (raw[0] & 0x0F) == 8 && ((raw[0] << 8) | raw[1]) % 31 == 0
                ? new ZLibStream(new MemoryStream(raw, 0, rawLength), CompressionMode.Decompress)
                : new DeflateStream(new MemoryStream(raw, 0, rawLength), CompressionMode.Decompress),
            "br" => new BrotliStream(new MemoryStream(raw, 0, rawLength), CompressionMode.Decompress),
            _ => null,
        };
        if (decoder is null)
            return Fail(StatusCodes.Status415UnsupportedMediaType, $"Content-Encoding '{encoding}' is not supported: use gzip, deflate or br.");
        try
        {
            await using (decoder)
            {
                var (decoded, length) = await ReadLimitedAsync(decoder, maxDecoded, rawLength * 4, cancellationToken);
                return length < 0
                    ? Fail(StatusCodes.Status413PayloadTooLarge, $"The body decompresses to more than the {maxDecoded}-byte limit.")
                    : new Result(decoded, length, 200, null);
            }
        }
        catch (InvalidDataException)
        {
            return Fail(StatusCodes.Status400BadRequest, $"The body is not valid {encoding} data.");
        }
    }

    /// <summary>Reads at most <paramref name="limit"/> bytes; a length of -1 means the stream had more.</summary>
    private static async Task<(byte[] Buffer, int Length)> ReadLimitedAsync(Stream stream, long limit, int initial, CancellationToken cancellationToken)
    {
        var buffer = new byte[Math.Clamp(initial, 1024, 4 * 1024 * 1024)];
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (length > limit)
                    return (buffer, -1);
                Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, limit + 1));
            }
            var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken);
            if (read == 0)
                return (buffer, length);
            length += read;
            if (length > limit)
                return (buffer, -1);
        }
    }

    private static Result Fail(int status, string error) => new([], 0, status, error);

    /// <summary>A 413 refused before the body was read: Kestrel drops such a connection after answering,
    /// so say so (Connection: close) or a client reusing it sees "the response ended prematurely".</summary>
    private static Result Unread(HttpRequest request, string error)
    {
        request.HttpContext.Response.Headers.Connection = "close";
        return Fail(StatusCodes.Status413PayloadTooLarge, error);
    }
}
