using System.Text.Json.Nodes;

namespace Vigil.Protocols.Otlp;

/// <summary>
/// JSON has no NaN or infinity, and a JsonValue holding one throws when serialised later, far
/// from the parser. Non-finite doubles are kept as the strings proto3 JSON uses for them.
/// </summary>
internal static class JsonNumbers
{
    public static JsonValue FromDouble(double value) =>
        double.IsFinite(value) ? JsonValue.Create(value)
        : JsonValue.Create(double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
}
