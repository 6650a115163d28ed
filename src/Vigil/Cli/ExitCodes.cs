namespace Vigil.Cli;

/// <summary>What `vigil` exits with; documented in the README.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int Usage = 2;
    public const int NotFound = 3;
}
