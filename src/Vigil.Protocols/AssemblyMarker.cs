namespace Vigil.Protocols; internal static class AssemblyMarker { }
