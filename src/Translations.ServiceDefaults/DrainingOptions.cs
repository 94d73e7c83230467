using System.ComponentModel.DataAnnotations;

namespace Translations.Hosting;

/// <summary>
/// How a replica stops on SIGTERM (<c>Draining__Delay</c>, <c>Draining__Timeout</c>): readiness turns
/// NOT_SERVING at once, calls are still served for <see cref="Delay"/> so that load balancers notice,
/// then the server stops taking calls, ends watch streams (UNAVAILABLE, SERVER_STOPPING, with the last
/// sequence) and waits up to <see cref="Timeout"/> for calls in flight. Kubernetes'
/// <c>terminationGracePeriodSeconds</c> must exceed the two together (k8s/base: 5 s + 20 s &lt; 35 s).
/// </summary>
public sealed class DrainingOptions
{
    public const string Section = "Draining";

    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan Delay { get; set; } = TimeSpan.FromSeconds(5);

    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(20);
}
