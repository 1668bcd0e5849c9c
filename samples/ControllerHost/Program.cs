using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// The whole controller host. Settings come from appsettings.json, environment variables
// (e.g. ImagePrePull__PodNamespace=edge-prepull) and the command line; the cluster is the pod's own
// (in-cluster) or the one KUBECONFIG / ~/.kube/config points at. The leader-election Lease's namespace
// (ImagePrePull:LeaderElection:LeaseNamespace) is created when missing, so the host also leads on a fresh cluster.
var builder = Host.CreateApplicationBuilder(args);
builder.Services
    .AddImagePrePull(options => builder.Configuration.GetSection("ImagePrePull").Bind(options))
    .AddPodApplyPuller();
await builder.Build().RunAsync();
