using System.Text;
using Vigil.Protocols.Logs;

namespace Vigil.Protocols.Tests.Logs;

public sealed class OtlpResponsesTests
{
    [Fact]
    public void FullSuccessIsAnEmptyMessage()
    {
        Assert.Empty(OtlpResponses.ExportLogsPartialSuccessProtobuf(0, null));
        Assert.Equal("{}", Encoding.UTF8.GetString(OtlpResponses.ExportLogsPartialSuccessJson(0, null)));
    }

    [Fact]
    public void PartialSuccessEncodesRejectedCountAndMessage()
    {
        var bytes = OtlpResponses.ExportLogsPartialSuccessProtobuf(300, "bad");
        // partial_success (1, LEN 8) { rejected_log_records (1) = 300 varint; error_message (2) = "bad" }
        Assert.Equal(new byte[] { 0x0A, 0x08, 0x08, 0xAC, 0x02, 0x12, 0x03, (byte)'b', (byte)'a', (byte)'d' }, bytes);
        Assert.Equal("""{"partialSuccess":{"rejectedLogRecords":"300","errorMessage":"bad"}}""",
            Encoding.UTF8.GetString(OtlpResponses.ExportLogsPartialSuccessJson(300, "bad")));
    }
}
