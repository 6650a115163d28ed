using System.Globalization;
using System.Text;

namespace Vigil.Features.Logs.Query;

/// <summary>A stable position in the newest-first order (timestamp, id): new events arriving
/// while someone pages never shift the next page.</summary>
public static class LogCursor
{
    public static string Encode(long timestamp, long id) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes($"{timestamp}:{id}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static (long Timestamp, long Id)? Decode(string? cursor)
    {
        if (string.IsNullOrWhiteSpace(cursor))
            return null;
        try
        {
            var base64 = cursor.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
            var parts = Encoding.ASCII.GetString(Convert.FromBase64String(base64)).Split(':');
            return parts.Length == 2
                && long.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var timestamp)
                && long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var id)
                ? (timestamp, id)
                : throw new LogQueryException("The cursor is not one this server gave out.");
        }
        catch (FormatException)
        {
            throw new LogQueryException("The cursor is not one this server gave out.");
        }
    }
}
