using System.Text;

namespace Vigil.Protocols.Tests.Logs;

/// <summary>Loads the captured log payloads (see Fixtures/README.md for where each came from).</summary>
internal static class LogFixtures
{
    public static readonly DateTimeOffset ReceivedAt = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    public static byte[] Read(string name) =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Logs", "Fixtures", name));

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
