using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// The whole edge agent host. The node's name comes from the NODE_NAME environment variable (the DaemonSet sets it
// from spec.nodeName); the runtime socket and the options from appsettings.json, environment variables
// (e.g. ImagePrePullAgent__CriSocket=/run/k3s/containerd/containerd.sock) and the command line; the cluster is the
// pod's own (in-cluster) or the one KUBECONFIG / ~/.kube/config points at.
var builder = Host.CreateApplicationBuilder(args);
var section = builder.Configuration.GetSection("ImagePrePullAgent");
builder.Services
    .AddImagePrePullAgent(builder.Configuration["NODE_NAME"] ?? string.Empty, options => section.Bind(options))
    .AddCriPuller(section["CriSocket"] ?? "/run/containerd/containerd.sock", options => section.GetSection("Cri").Bind(options));
await builder.Build().RunAsync();
