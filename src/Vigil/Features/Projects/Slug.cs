using System.Text;

namespace Vigil.Features.Projects;

public static class Slug
{
    /// <summary>"My Shop API" → "my-shop-api". Empty names become "project".</summary>
    public static string From(string name)
    {
        var slug = new StringBuilder(name.Length);
        foreach (var c in name.Trim().ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
                slug.Append(c);
            else if (slug.Length > 0 && slug[^1] != '-')
                slug.Append('-');
        }
        var text = slug.ToString().Trim('-');
        if (text.Length > 50)
            text = text[..50].Trim('-');
        return text.Length == 0 ? "project" : text;
    }
}
