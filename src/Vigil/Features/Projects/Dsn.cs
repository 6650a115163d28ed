namespace Vigil.Features.Projects;

/// <summary>Builds DSNs: {scheme}://{public_key}@{host}[:port][/path]/{project_id}.</summary>
public static class Dsn
{
    public static string Build(string publicUrl, string publicKey, long projectId)
    {
        var uri = new Uri(publicUrl.TrimEnd('/') + "/");
        var port = uri.IsDefaultPort ? "" : ":" + uri.Port;
        var path = uri.AbsolutePath.TrimEnd('/');
        return $"{uri.Scheme}://{publicKey}@{uri.Host}{port}{path}/{projectId}";
    }
}
