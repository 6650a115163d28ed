using System.Text.Json;

namespace Vigil.Protocols.Sentry;

/// <summary>
/// One step of the path <see cref="PayloadWriter"/> is at: a name the normaliser chose, or a
/// property of the input whose name is decoded only if a trim has to be recorded under it.
/// </summary>
internal readonly record struct PathSegment(string? Text, JsonProperty Property)
{
    public override string ToString() => Text ?? Property.Name;
}
