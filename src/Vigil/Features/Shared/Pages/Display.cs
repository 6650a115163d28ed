using System.Globalization;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Vigil.Features.Shared.Pages;

/// <summary>How pages show times, counts and levels, so every page says "3h ago" the same way.</summary>
public static class Display
{
    private static readonly HashSet<string> KnownLevels = ["fatal", "error", "warning", "info", "debug"];

    /// <summary>A &lt;time&gt; element with the relative time as text and the exact UTC time on hover.</summary>
    public static IHtmlContent Time(long unixMs, DateTimeOffset now)
    {
        var at = DateTimeOffset.FromUnixTimeMilliseconds(unixMs);
        var tag = new TagBuilder("time");
        tag.Attributes["datetime"] = at.ToString("O", CultureInfo.InvariantCulture);
        tag.Attributes["title"] = Absolute(unixMs);
        tag.InnerHtml.Append(Relative(at, now));
        return tag;
    }

    public static string Absolute(long unixMs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(unixMs).ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    public static string Relative(DateTimeOffset at, DateTimeOffset now)
    {
        var age = now - at;
        var future = age < TimeSpan.Zero;
        if (future)
            age = -age;
        var text = age.TotalSeconds < 45 ? "just now"
            : age.TotalMinutes < 60 ? $"{Math.Max(1, (int)Math.Round(age.TotalMinutes))}m"
            : age.TotalHours < 24 ? $"{(int)age.TotalHours}h"
            : age.TotalDays < 30 ? $"{(int)age.TotalDays}d"
            : age.TotalDays < 365 ? $"{(int)(age.TotalDays / 30)}mo"
            : $"{(int)(age.TotalDays / 365)}y";
        return text == "just now" ? text : future ? $"in {text}" : $"{text} ago";
    }

    /// <summary>1234 → "1.2k": dense lists need short numbers; the exact one goes in a title.</summary>
    public static string Count(long value) => value switch
    {
        < 1_000 => value.ToString(CultureInfo.InvariantCulture),
        < 1_000_000 => (value / 1_000d).ToString(value < 10_000 ? "0.#" : "0", CultureInfo.InvariantCulture) + "k",
        _ => (value / 1_000_000d).ToString("0.#", CultureInfo.InvariantCulture) + "M",
    };

    /// <summary>The CSS class for a level's colour; unknown levels are grey rather than unstyled.</summary>
    public static string LevelClass(string? level) =>
        "lvl-" + (level is not null && KnownLevels.Contains(level) ? level : "other");

    public static string StatusLabel(string status) => status switch
    {
        "resolved_next_release" => "resolved in next release",
        _ => status,
    };
}
