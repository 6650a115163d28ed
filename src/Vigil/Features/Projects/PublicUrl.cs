using Vigil.Infrastructure.Hosting;

namespace Vigil.Features.Projects;

/// <summary>The base URL to put in DSNs shown to a person. Without a configured PublicUrl, the address
/// the person reached the UI by is a better guess than the bind address (0.0.0.0, or port 0 in tests).</summary>
public static class PublicUrl
{
    public static string For(HttpRequest request, VigilOptions options) =>
        string.IsNullOrWhiteSpace(options.PublicUrl)
            ? $"{request.Scheme}://{request.Host}{request.PathBase}".TrimEnd('/')
            : options.ResolvePublicUrl();
}
