using System.Text.Json.Nodes;

namespace Vigil.Protocols.Logs;

/// <summary>
/// What a ResourceLogs/ScopeLogs pair contributes to each of its records: the promoted resource
/// fields, worked out once per resource rather than once per record, plus the scope name.
/// </summary>
internal sealed class OtlpResourceContext
{
    private OtlpResourceContext(LogRecordBuilder promoted, JsonObject remaining, string? scopeName)
    {
        Promoted = promoted;
        Remaining = remaining;
        ScopeName = scopeName;
        Utf8 = new PromotedText(Encode(promoted.Service), Encode(promoted.Host), Encode(promoted.Environment));
    }

    /// <summary>The promoted text fields as UTF-8 (empty when absent), for <see cref="OtlpPlainRecord"/>.</summary>
    public sealed record PromotedText(byte[] Service, byte[] Host, byte[] Environment);

    public PromotedText Utf8 { get; }

    private static byte[] Encode(string? text) => text is null ? [] : System.Text.Encoding.UTF8.GetBytes(text);

    public LogRecordBuilder Promoted { get; }

    /// <summary>Resource attributes not promoted; cloned into each record's "resource" property.</summary>
    public JsonObject Remaining { get; }

    public string? ScopeName { get; }

    public static OtlpResourceContext Create(JsonObject resourceAttributes)
    {
        var promoted = new LogRecordBuilder();
        WellKnownProperties.Promote(resourceAttributes, promoted);
        return new OtlpResourceContext(promoted, resourceAttributes, scopeName: null);
    }

    public OtlpResourceContext WithScope(string? scopeName) =>
        new(Promoted, Remaining, string.IsNullOrEmpty(scopeName) ? null : scopeName);

    public void ApplyTo(LogRecordBuilder record)
    {
        record.Service ??= Promoted.Service;
        record.Host ??= Promoted.Host;
        record.ProcessId ??= Promoted.ProcessId;
        record.Environment ??= Promoted.Environment;
        if (Remaining.Count > 0)
        {
            record.Properties["resource"] = Remaining.DeepClone();
        }
        if (ScopeName is not null)
        {
            record.Properties["scope"] = ScopeName;
        }
    }
}
