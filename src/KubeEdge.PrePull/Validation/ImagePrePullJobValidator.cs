using System.Globalization;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Images;
using KubeEdge.PrePull.Labels;
using KubeEdge.PrePull.Names;
using KubeEdge.PrePull.Validation.Internal;

namespace KubeEdge.PrePull.Validation;

/// <summary>
/// Checks a job against every rule of docs/design.md §2 "Validation" and returns all problems at once, each with its
/// JSON path. The controller writes them to <c>status.reason</c> (phase <c>Failure</c>) without touching any node.
/// </summary>
public static class ImagePrePullJobValidator
{
    private const string Template = "spec.imagePrePullTemplate";
    private const string Overriders = "spec.imagePrePullOverriders";
    private const string Policy = "spec.completionPolicy";

    /// <summary>Validates a job as written (defaults not applied).</summary>
    /// <param name="job">The job.</param>
    /// <returns>Every problem, in document order; empty when the job is valid.</returns>
    public static IReadOnlyList<ValidationProblem> Validate(ImagePrePullJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var problems = new List<ValidationProblem>();
        if (string.IsNullOrEmpty(job.Metadata?.Name) && string.IsNullOrEmpty(job.Metadata?.GenerateName))
        {
            problems.Add(new("metadata.name", "Required value: name or generateName is required"));
        }

        if (job.Spec?.ImagePrePullTemplate is not { } template)
        {
            problems.Add(new(Template, "Required value"));
        }
        else
        {
            ValidateTemplate(template, problems);
        }

        ValidateOverriders(job.Spec?.ImagePrePullOverriders, problems);
        ValidateCompletionPolicy(job.Spec?.CompletionPolicy, problems);
        ValidateRerun(job.Metadata?.Annotations, problems);
        return problems;
    }

    /// <summary>The problems as one line each, the form written to <c>status.reason</c>.</summary>
    /// <param name="problems">The problems.</param>
    /// <returns>The lines joined by <c>"; "</c>.</returns>
    public static string Describe(IEnumerable<ValidationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return string.Join("; ", problems);
    }

    private static void ValidateTemplate(ImagePrePullTemplate template, List<ValidationProblem> problems)
    {
        if (template.Images is not { Count: > 0 } images)
        {
            problems.Add(new($"{Template}.images", "Required value: at least one image"));
        }
        else
        {
            if (images.Count > ImagePrePullJobLimits.MaxImages)
            {
                problems.Add(new($"{Template}.images", $"Too many: {images.Count}: must have at most {ImagePrePullJobLimits.MaxImages} items"));
            }

            for (var i = 0; i < images.Count; i++)
            {
                if (images[i] is { Length: > ImagePrePullJobLimits.MaxImageReferenceLength })
                {
                    problems.Add(new($"{Template}.images[{i}]", $"Too long: may not be more than {ImagePrePullJobLimits.MaxImageReferenceLength} characters"));
                }
                else if (!ImageReference.TryParse(images[i], out _, out var error))
                {
                    problems.Add(new($"{Template}.images[{i}]", error));
                }
            }
        }

        ValidateNodes(template, problems);
        ValidateCheckItems(template.CheckItems, problems);

        if (template.FailureTolerate is { Length: > ImagePrePullJobLimits.MaxFailureTolerateLength } longTolerate)
        {
            problems.Add(new($"{Template}.failureTolerate", $"Too long: {longTolerate.Length}: may not be more than {ImagePrePullJobLimits.MaxFailureTolerateLength} characters"));
        }
        else if (template.FailureTolerate is { } tolerate && !IsRatio(tolerate))
        {
            problems.Add(new($"{Template}.failureTolerate", $"Invalid value: \"{tolerate}\": must be a decimal number between 0 and 1"));
        }

        // docs/design.md §1 "Limits": one range per number, the same the scheduler and the CRD use.
        CheckRange("concurrency", template.Concurrency, ImagePrePullJobLimits.MaxConcurrency, problems);
        CheckRange("timeoutSeconds", template.TimeoutSeconds, ImagePrePullJobLimits.MaxTimeoutSeconds, problems);
        CheckRange("retryTimes", template.RetryTimes, ImagePrePullJobLimits.MaxRetryTimes, problems);

        if (!string.IsNullOrEmpty(template.ImageSecrets) && SecretRefRules.Error(template.ImageSecrets, allowBareName: false) is { } secretError)
        {
            problems.Add(new($"{Template}.imageSecrets", $"Invalid value: \"{template.ImageSecrets}\": {secretError}"));
        }

        for (var i = 0; i < (template.PullSecrets?.Count ?? 0); i++)
        {
            var secret = template.PullSecrets![i] ?? string.Empty;
            if (SecretRefRules.Error(secret, allowBareName: false) is { } error)
            {
                problems.Add(new($"{Template}.pullSecrets[{i}]", $"Invalid value: \"{secret}\": {error}"));
            }
        }

        if (template.ImagePullPolicy is { Length: > 0 } policy && !ImagePullPolicies.All.Contains(policy))
        {
            problems.Add(new($"{Template}.imagePullPolicy", Unsupported(policy, ImagePullPolicies.All)));
        }
    }

    private static void ValidateNodes(ImagePrePullTemplate template, List<ValidationProblem> problems)
    {
        var hasNames = template.NodeNames is { Count: > 0 };
        var hasSelector = template.LabelSelector is not null;
        if (hasNames == hasSelector)
        {
            problems.Add(new(Template, hasNames
                ? "Invalid value: nodeNames and labelSelector cannot be specified at the same time"
                : "Required value: one of nodeNames and labelSelector must be specified"));
        }

        for (var i = 0; i < (template.NodeNames?.Count ?? 0); i++)
        {
            var name = template.NodeNames![i] ?? string.Empty;
            if ((name.Length == 0 ? "must not be empty" : KubernetesNames.CheckDns1123Subdomain(name)) is { } error)
            {
                problems.Add(new($"{Template}.nodeNames[{i}]", $"Invalid value: \"{name}\": {error}"));
            }
        }

        if (template.LabelSelector is { } selector && !LabelSelector.TryFromV1(selector, out _, out var errors))
        {
            // Each error reads "matchExpressions[0].operator: why"; the path goes into the problem's path.
            foreach (var error in errors)
            {
                var colon = error.IndexOf(": ", StringComparison.Ordinal);
                problems.Add(colon < 0
                    ? new($"{Template}.labelSelector", error)
                    : new($"{Template}.labelSelector.{error[..colon]}", error[(colon + 2)..]));
            }
        }
    }

    private static void ValidateCheckItems(IList<string>? items, List<ValidationProblem> problems)
    {
        for (var i = 0; i < (items?.Count ?? 0); i++)
        {
            if (!CheckItems.All.Contains(items![i]))
            {
                problems.Add(new($"{Template}.checkItems[{i}]", Unsupported(items[i], CheckItems.All)));
            }
        }
    }

    private static void ValidateOverriders(IList<ImagePrePullOverrider>? rules, List<ValidationProblem> problems)
    {
        for (var r = 0; r < (rules?.Count ?? 0); r++)
        {
            var rule = rules![r];
            var path = $"{Overriders}[{r}]";
            if (string.IsNullOrWhiteSpace(rule?.NodeLabel))
            {
                problems.Add(new($"{path}.nodeLabel", "Required value: a label selector such as \"topology.kubernetes.io/region=hangzhou\""));
            }
            else if (!LabelSelector.TryParse(rule.NodeLabel, out _, out var selectorError))
            {
                problems.Add(new($"{path}.nodeLabel", $"Invalid value: \"{rule.NodeLabel}\": {selectorError}"));
            }

            var images = rule?.Overriders?.ImageOverriders ?? [];
            for (var i = 0; i < images.Count; i++)
            {
                ValidateImageOverrider(images[i], $"{path}.overriders.imageOverriders[{i}]", problems);
            }

            var secrets = rule?.Overriders?.SecretOverriders ?? [];
            for (var i = 0; i < secrets.Count; i++)
            {
                ValidateSecretOverrider(secrets[i], $"{path}.overriders.secretOverriders[{i}]", problems);
            }
        }
    }

    private static void ValidateImageOverrider(ImageOverrider overrider, string path, List<ValidationProblem> problems)
    {
        var componentOk = CheckEnum(overrider.Component, ImageComponents.All, $"{path}.component", problems);
        var operatorOk = CheckEnum(overrider.Operator, OverriderOperators.All, $"{path}.operator", problems);
        if (!operatorOk || overrider.Operator == OverriderOperators.Remove)
        {
            return;
        }

        if (string.IsNullOrEmpty(overrider.Value))
        {
            problems.Add(new($"{path}.value", $"Required value: must not be empty when operator is \"{overrider.Operator}\""));
        }
        else if (componentOk && overrider.Component == ImageComponents.Tag && overrider.Operator == OverriderOperators.Replace
            && !TagRules.IsTagOrDigest(overrider.Value))
        {
            problems.Add(new($"{path}.value", $"Invalid value: \"{overrider.Value}\": must be a valid tag or digest"));
        }
    }

    private static void ValidateSecretOverrider(SecretOverrider overrider, string path, List<ValidationProblem> problems)
    {
        CheckEnum(overrider.Component, SecretComponents.All, $"{path}.component", problems);
        var operatorOk = CheckEnum(overrider.Operator, OverriderOperators.All, $"{path}.operator", problems);
        if (!operatorOk)
        {
            return;
        }

        if (string.IsNullOrEmpty(overrider.Value))
        {
            if (overrider.Operator != OverriderOperators.Remove)
            {
                problems.Add(new($"{path}.value", $"Required value: must not be empty when operator is \"{overrider.Operator}\""));
            }

            return;
        }

        if (SecretRefRules.Error(overrider.Value, allowBareName: true) is { } error)
        {
            problems.Add(new($"{path}.value", $"Invalid value: \"{overrider.Value}\": {error}"));
        }
    }

    // docs/design.md §1 "Limits": the deadline and the TTL are timers, so both stop at the longest one .NET runs.
    private static void ValidateCompletionPolicy(CompletionPolicy? policy, List<ValidationProblem> problems)
    {
        if (policy is null)
        {
            return;
        }

        if (policy.Type is { Length: > 0 } type && !CompletionPolicyTypes.All.Contains(type))
        {
            problems.Add(new($"{Policy}.type", Unsupported(type, CompletionPolicyTypes.All)));
        }

        CheckRange($"{Policy}.activeDeadlineSeconds", policy.ActiveDeadlineSeconds, 1, ImagePrePullJobLimits.MaxActiveDeadlineSeconds, problems);
        CheckRange($"{Policy}.ttlSecondsAfterFinished", policy.TtlSecondsAfterFinished, 0, ImagePrePullJobLimits.MaxTtlSecondsAfterFinished, problems);
    }

    private static void ValidateRerun(IDictionary<string, string>? annotations, List<ValidationProblem> problems)
    {
        if (annotations is not null && annotations.TryGetValue(ImagePrePullJobNames.RerunAnnotation, out var value)
            && value is { Length: > ImagePrePullJobLimits.MaxRerunValueLength })
        {
            problems.Add(new(
                $"metadata.annotations[{ImagePrePullJobNames.RerunAnnotation}]",
                $"Too long: {value.Length}: may not be more than {ImagePrePullJobLimits.MaxRerunValueLength} characters"));
        }
    }

    private static void CheckRange(string path, long? value, long min, long max, List<ValidationProblem> problems)
    {
        if (value is { } number && (number < min || number > max))
        {
            var bound = number < min ? $"greater than or equal to {min}" : $"less than or equal to {max}";
            problems.Add(new(path, $"Invalid value: {number}: must be {bound} (allowed range: {min} to {max})"));
        }
    }

    private static void CheckRange(string field, long? value, long max, List<ValidationProblem> problems)
    {
        if (value is { } number && number < 0)
        {
            problems.Add(new($"{Template}.{field}", $"Invalid value: {number}: must be greater than or equal to 0"));
        }
        else if (value > max)
        {
            problems.Add(new($"{Template}.{field}", $"Invalid value: {value}: must be less than or equal to {max} (allowed range: 0 to {max})"));
        }
    }

    private static bool CheckEnum(string? value, IReadOnlyList<string> allowed, string path, List<ValidationProblem> problems)
    {
        if (string.IsNullOrEmpty(value))
        {
            problems.Add(new(path, $"Required value: one of {string.Join(", ", allowed.Select(a => $"\"{a}\""))}"));
            return false;
        }

        if (!allowed.Contains(value))
        {
            problems.Add(new(path, Unsupported(value, allowed)));
            return false;
        }

        return true;
    }

    private static string Unsupported(string value, IReadOnlyList<string> allowed) =>
        $"Unsupported value: \"{value}\": supported values: {string.Join(", ", allowed.Select(a => $"\"{a}\""))}";

    // Exact decimal, no exponent or thousands separators: "0.1", "1", "0.25", ".5".
    private static bool IsRatio(string value) =>
        decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var ratio) && ratio is >= 0m and <= 1m;
}
