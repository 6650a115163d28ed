using System.Text.Json;

namespace Vigil.Features.Alerts.Channels;

/// <summary>What a delivery to several recipients still owes after reaching some of them, as a mail
/// transfer agent keeps a message queued for its deferred recipients only. <see cref="Owed"/> were refused
/// for now (SMTP 4xx) and are addressed again, alone, on the next attempt; <see cref="Refused"/> were refused
/// for good and never will be. The outbox row keeps it between attempts, so those who have the message never
/// get it twice. A remainder exists only once someone has the message: before that a retry simply starts over.</summary>
public sealed record Remainder(int Addressed, int Reached, IReadOnlyList<Unreached> Owed, IReadOnlyList<Unreached> Refused)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Who has the message and who does not, e.g. "delivered to 2 of 3 recipients; the server
    /// refused old-oncall@example.com (SMTP 550)". Addresses are shown; they are not secrets.</summary>
    public string Report => $"delivered to {Reached} of {Addressed} recipients; the server refused {string.Join(", ", Refused.Concat(Owed))}";

    /// <summary>After an attempt addressed <see cref="Owed"/>: <paramref name="reached"/> more have it,
    /// <paramref name="owed"/> are still owed, <paramref name="refused"/> joined the lost.</summary>
    public Remainder After(int reached, IReadOnlyList<Unreached> owed, IReadOnlyList<Unreached> refused) =>
        this with { Reached = Reached + reached, Owed = owed, Refused = [.. Refused, .. refused] };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static Remainder? FromJson(string? json) => json is null ? null : JsonSerializer.Deserialize<Remainder>(json, Json);
}
