using System.Net;
using Translations.Hosting;

namespace Translations.Workbench.Tests.Browser;

/// <summary>The paths the workbench's Kubernetes probes ask (k8s/base/workbench-deployment.yaml) answer on its one endpoint.</summary>
[Collection(BrowserCollection.Name)]
public sealed class HealthProbeTests(WorkbenchSite site)
{
    [Theory]
    [InlineData(HealthProbes.LivePath)]
    [InlineData(HealthProbes.ReadyPath)]
    public async Task The_workbench_answers_its_probe_without_signing_in(string path)
    {
        using var http = new HttpClient { BaseAddress = site.Address };
        var status = HttpStatusCode.ServiceUnavailable;

        // Readiness is NOT_SERVING until the first round of checks, a second after start-up.
        for (var attempt = 0; attempt < 100 && status != HttpStatusCode.OK; attempt++)
        {
            using var response = await http.GetAsync(path, TestContext.Current.CancellationToken);
            status = response.StatusCode;
            if (status != HttpStatusCode.OK)
            {
                await Task.Delay(100, TestContext.Current.CancellationToken);
            }
        }

        Assert.Equal(HttpStatusCode.OK, status);
    }
}
