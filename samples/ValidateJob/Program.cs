// Usage: dotnet run --project samples/ValidateJob -- job.yaml
// Loads a job (JSON or YAML, v1alpha1 or v1alpha2), validates it as the controller would, and prints the settings
// the controller would run it with. Exit code 1 when the job is invalid or cannot be read.
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Serialization;
using KubeEdge.PrePull.Validation;

if (args.Length != 1)
{
    Console.Error.WriteLine("usage: ValidateJob <job.yaml|job.json>");
    return 2;
}

ImagePrePullJob job;
try
{
    job = ImagePrePullJobSerializer.Deserialize(File.ReadAllText(args[0]));
}
catch (Exception ex) when (ex is ImagePrePullJobFormatException or IOException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"{args[0]}: {ex.Message}");
    return 1;
}

var problems = ImagePrePullJobValidator.Validate(job);
foreach (var problem in problems)
{
    Console.WriteLine($"invalid: {problem}");
}

if (problems.Count > 0)
{
    return 1;
}

var effective = ImagePrePullJobDefaults.Apply(job).Spec.ImagePrePullTemplate!;
Console.WriteLine($"{job.Metadata.Name}: valid ({job.ApiVersion})");
Console.WriteLine($"  images:          {string.Join(", ", effective.Images!)}");
Console.WriteLine($"  nodes:           {(effective.NodeNames is { Count: > 0 } names ? string.Join(", ", names) : "by label selector")}");
Console.WriteLine($"  concurrency:     {effective.Concurrency}, timeout {effective.TimeoutSeconds}s, retries {effective.RetryTimes}");
Console.WriteLine($"  tolerance:       {effective.FailureTolerate}, checks [{string.Join(", ", effective.CheckItems!)}], policy {effective.ImagePullPolicy}");
Console.WriteLine($"  override rules:  {job.Spec.ImagePrePullOverriders?.Count ?? 0}");
return 0;
