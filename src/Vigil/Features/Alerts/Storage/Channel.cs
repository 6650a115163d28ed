using System.Text.Json.Nodes;

namespace Vigil.Features.Alerts.Storage;

/// <summary>A configured channel with its options in clear (decrypted); never serialize this to a
/// client — <see cref="ChannelSecrets.Mask"/> makes the view that leaves the server.</summary>
public sealed record Channel(long Id, long ProjectId, string Name, string Kind, JsonObject Options, bool Enabled, long CreatedAt, long UpdatedAt);
