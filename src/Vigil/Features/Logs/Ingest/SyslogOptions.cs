namespace Vigil.Features.Logs.Ingest;

/// <summary>The syslog listener, off unless <see cref="Port"/> is set (Syslog:Port, VIGIL_SYSLOG__PORT).</summary>
public sealed class SyslogOptions
{
    /// <summary>UDP and TCP port to listen on; 0 = off.</summary>
    public int Port { get; set; }
    public string Address { get; set; } = "127.0.0.1";
    public bool Tcp { get; set; } = true;
    /// <summary>The project that syslog messages are stored in (slug).</summary>
    public string Project { get; set; } = "default";
}
