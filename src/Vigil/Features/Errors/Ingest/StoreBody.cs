using System.IO.Compression;

namespace Vigil.Features.Errors.Ingest;

/// <summary>Old SDKs post /store/ bodies as base64(zlib(json)) without a Content-Encoding header.</summary>
public static class StoreBody
{
    public static ReadOnlyMemory<byte> Decode(ReadOnlyMemory<byte> body, long maxBytes)
    {
        var span = body.Span.TrimStart(" \t\r\n"u8);
        if (span.Length == 0 || span[0] == (byte)'{')
            return body;
        var base64 = new byte[span.Length];
        if (System.Buffers.Text.Base64.DecodeFromUtf8(span, base64, out _, out var written) != System.Buffers.OperationStatus.Done)
            return body;
        try
        {
            using var zlib = new ZLibStream(new MemoryStream(base64, 0, written), CompressionMode.Decompress);
            using var output = new MemoryStream();
            var buffer = new byte[64 * 1024];
            int read;
            // Past the limit the caller sees an oversized event and answers 413; a bomb stops here.
            while ((read = zlib.Read(buffer)) > 0 && output.Length <= maxBytes)
                output.Write(buffer, 0, read);
            return output.ToArray();
        }
        catch (InvalidDataException)
        {
            return body;
        }
    }
}
