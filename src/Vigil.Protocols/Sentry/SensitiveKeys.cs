namespace Vigil.Protocols.Sentry;

/// <summary>
/// Decides whether a key names a secret. Keys are compared lowercased with separators removed,
/// so <c>API-Key</c>, <c>api_key</c> and <c>apiKey</c> all match <c>apikey</c>.
/// </summary>
internal sealed class SensitiveKeys
{
    private static readonly string[] Defaults =
    [
        "password", "passwd", "secret", "token", "apikey", "authorization", "auth", "credentials",
        "cookie", "sessionid", "privatekey",
    ];

    private readonly string[] _fragments;
    private readonly HashSet<string> _safe;
    // Keys repeat within an event (every frame has the same ones) and across events; the cap keeps
    // a sender inventing keys from growing it without bound.
    private const int MaxRemembered = 4096;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _decided = new(StringComparer.Ordinal);

    /// <summary>The default rules, shared by every scrub that adds no fields of its own.</summary>
    public static SensitiveKeys For(ScrubOptions options)
    {
        if (options.ExtraFields.Count == 0 && options.SafeFields.Count == 0)
        {
            return Default;
        }
        // Ingest scrubs with a project's own fields on every event; rebuilding the rules each time
        // would also throw away the decisions remembered above.
        var key = string.Join('\0', options.ExtraFields) + "\u0001" + string.Join('\0', options.SafeFields);
        if (Configured.TryGetValue(key, out var keys))
        {
            return keys;
        }
        keys = new SensitiveKeys(options);
        if (Configured.Count < MaxConfigured)
        {
            Configured.TryAdd(key, keys);
        }
        return keys;
    }

    private const int MaxConfigured = 1024;
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, SensitiveKeys> Configured = new(StringComparer.Ordinal);

    private static readonly SensitiveKeys Default = new(new ScrubOptions());

    public SensitiveKeys(ScrubOptions options)
    {
        var fragments = new List<string>(Defaults);
        foreach (var extra in options.ExtraFields)
        {
            var compact = Compact(extra);
            if (compact.Length > 0)
            {
                fragments.Add(compact);
            }
        }
        _fragments = [.. fragments];
        _safe = new HashSet<string>(options.SafeFields, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Decisions already made for raw input names, see <see cref="PayloadWriter.ChildMode(ScrubMode, System.Text.Json.JsonProperty)"/>.</summary>
    public NameDecisions Decisions { get; } = new();

    public bool IsSafe(string key) => _safe.Count > 0 && _safe.Contains(key);

    /// <summary>As <see cref="IsSafe(string)"/>, for a name still in the parsed input: no string is made.</summary>
    public bool IsSafe(ReadOnlySpan<char> key) => _safe.Count > 0 && _safe.GetAlternateLookup<ReadOnlySpan<char>>().Contains(key);

    /// <summary>As <see cref="IsSensitive(string)"/>; a string is made only the first time a key is seen.</summary>
    public bool IsSensitive(ReadOnlySpan<char> key)
    {
        if (IsSafe(key))
        {
            return false;
        }
        return _decided.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(key, out var sensitive)
            ? sensitive
            : IsSensitive(key.ToString());
    }

    public bool IsSensitive(string key)
    {
        if (IsSafe(key))
        {
            return false;
        }
        if (!_decided.TryGetValue(key, out var sensitive))
        {
            sensitive = Decide(key);
            if (_decided.Count < MaxRemembered)
            {
                _decided.TryAdd(key, sensitive);
            }
        }
        return sensitive;
    }

    private bool Decide(string key)
    {
        var compact = Compact(key);
        foreach (var fragment in _fragments)
        {
            if (compact.Contains(fragment, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    private static string Compact(string key)
    {
        // Fast path: most keys are already lowercase identifiers without separators.
        var clean = true;
        foreach (var c in key)
        {
            if (c is '_' or '-' or ' ' or '.' || char.IsAsciiLetterUpper(c))
            {
                clean = false;
                break;
            }
        }
        if (clean)
        {
            return key;
        }
        return string.Create(key.Length, key, static (span, source) =>
        {
            source.AsSpan().ToLowerInvariant(span);
        }).Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal)
          .Replace(" ", "", StringComparison.Ordinal).Replace(".", "", StringComparison.Ordinal);
    }
}
