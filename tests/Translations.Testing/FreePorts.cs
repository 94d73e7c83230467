using System.Net;
using System.Net.Sockets;

namespace Translations.Testing;

public static class FreePorts
{
    /// <summary>A loopback port nothing listens on now (the OS picks it for a bind to port 0).</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
