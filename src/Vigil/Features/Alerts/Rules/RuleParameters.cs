using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vigil.Features.Alerts.Rules;

/// <summary>Reads and checks rule parameters; each check returns an error naming the parameter, or null.</summary>
public static class RuleParameters
{
    public static string? String(JsonObject parameters, string name, bool required = true)
    {
        var node = parameters[name];
        if (node is null)
            return required ? $"parameters.{name}: required." : null;
        return node is JsonValue value && value.TryGetValue<string>(out var text) && (!required || text.Trim().Length > 0)
            ? null
            : $"parameters.{name}: must be a non-empty string.";
    }

    public static string? Number(JsonObject parameters, string name, double min, double max, bool required = true)
    {
        var node = parameters[name];
        if (node is null)
            return required ? $"parameters.{name}: required." : null;
        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.Number)
            return $"parameters.{name}: must be a number.";
        var number = value.GetValue<double>();
        return number < min || number > max
            ? $"parameters.{name}: must be between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}."
            : null;
    }

    public static string? OneOf(JsonObject parameters, string name, IReadOnlyCollection<string> choices, bool required = false)
    {
        var error = String(parameters, name, required);
        if (error is not null || parameters[name] is null)
            return error;
        var text = parameters[name]!.GetValue<string>();
        return choices.Contains(text) ? null : $"parameters.{name}: use one of {string.Join(", ", choices)}.";
    }

    public static string? Text(JsonObject parameters, string name) =>
        parameters[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    public static double? Double(JsonObject parameters, string name) =>
        parameters[name] is JsonValue value && value.GetValueKind() == JsonValueKind.Number ? value.GetValue<double>() : null;

    public static long? Long(JsonObject parameters, string name) => Double(parameters, name) is { } number ? (long)number : null;

    public static string Format(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
