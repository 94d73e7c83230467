namespace Translations.Hosting;

/// <summary>
/// The names orchestrators probe by. Kubernetes' gRPC probes name a service of grpc.health.v1
/// (<c>grpc: {port: 8080, service: readiness}</c>); tools that cannot speak gRPC ask the plain-HTTP
/// paths on the management endpoint (<c>Kestrel__Endpoints__Management__Url</c>). The manifests in
/// <c>k8s/</c> use these exact names, and a test holds them to it.
/// </summary>
public static class HealthProbes
{
    /// <summary>gRPC health service: SERVING while the process is running and not wedged (no I/O is checked).</summary>
    public const string Liveness = "liveness";

    /// <summary>
    /// gRPC health service: SERVING when the replica should get calls: migrations applied, database
    /// reachable, change feed caught up; NOT_SERVING while draining. The unnamed service ("") says the same.
    /// </summary>
    public const string Readiness = "readiness";

    public const string LivePath = "/healthz/live";

    public const string ReadyPath = "/healthz/ready";

    /// <summary>Whether a request is a health probe, over gRPC or plain HTTP: not traced, logged at Debug.</summary>
    public static bool IsProbe(Microsoft.AspNetCore.Http.PathString path) =>
        path.StartsWithSegments("/grpc.health.v1.Health") || path.StartsWithSegments("/healthz");

    /// <summary>The Kestrel endpoint (plain HTTP/1.1) that serves only the two paths above.</summary>
    public const string ManagementEndpoint = "Management";
}
