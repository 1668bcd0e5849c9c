using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Scheduling;
using KubeEdge.PrePull.Validation;

namespace KubeEdge.PrePull.Tests.Validation;

/// <summary>docs/design.md §1 "Limits": the validator rejects every number the scheduler cannot run, with path and range.</summary>
public sealed class ImagePrePullJobValidatorLimitsTests
{
    private const string T = "spec.imagePrePullTemplate";

    public static TheoryData<string, Action<ImagePrePullTemplate>, string> OutOfRange() => new()
    {
        // The issue's probe: the scheduler refused it after the validator had accepted it, and the job was retried forever.
        { "timeout above the timer limit", t => t.TimeoutSeconds = 5_000_000, $"{T}.timeoutSeconds: Invalid value: 5000000: must be less than or equal to 4294967 (allowed range: 0 to 4294967)" },
        // kubectl turns 1e12 into 1000000000000; TimeSpan.FromSeconds overflowed after the job went InProgress.
        { "timeout 1e12", t => t.TimeoutSeconds = 1_000_000_000_000, $"{T}.timeoutSeconds: Invalid value: 1000000000000: must be less than or equal to 4294967 (allowed range: 0 to 4294967)" },
        { "timeout long max", t => t.TimeoutSeconds = long.MaxValue, $"{T}.timeoutSeconds: Invalid value: {long.MaxValue}: must be less than or equal to 4294967 (allowed range: 0 to 4294967)" },
        { "too many images", t => t.Images = [.. Enumerable.Range(0, ImagePrePullJobLimits.MaxImages + 1).Select(i => $"nginx:{i}")], $"{T}.images: Too many: 101: must have at most 100 items" },
        { "reference too long", t => t.Images = ["nginx", new string('a', ImagePrePullJobLimits.MaxImageReferenceLength + 1)], $"{T}.images[1]: Too long: may not be more than 512 characters" },
        { "tolerate too long", t => t.FailureTolerate = "0." + new string('1', 40), $"{T}.failureTolerate: Too long: 42: may not be more than 32 characters" },
    };

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public void Validate_OutOfRange_ReportsPathAndRange(string rule, Action<ImagePrePullTemplate> breakIt, string expected)
    {
        var job = Job();
        breakIt(job.Spec.ImagePrePullTemplate!);

        var problems = ImagePrePullJobValidator.Validate(job);

        Assert.True(problems.Count == 1 && problems[0].ToString() == expected, $"{rule}: expected [{expected}], got [{string.Join(" | ", problems)}]");
    }

    [Fact]
    public void Validate_EveryLimitExactly_IsValidAndRuns()
    {
        var job = Job();
        var template = job.Spec.ImagePrePullTemplate!;
        template.TimeoutSeconds = ImagePrePullJobLimits.MaxTimeoutSeconds;
        template.Concurrency = ImagePrePullJobLimits.MaxConcurrency;
        template.RetryTimes = ImagePrePullJobLimits.MaxRetryTimes;
        template.FailureTolerate = "0." + new string('0', ImagePrePullJobLimits.MaxFailureTolerateLength - 3) + "1";
        // A 72-character host, a 238-character path, the longest tag and a sha256 digest: 512 characters.
        var longest = new string('r', 60) + ".example.com/" + new string('a', 238) + ":" + new string('t', 128) + "@sha256:" + new string('0', 64);
        Assert.Equal(ImagePrePullJobLimits.MaxImageReferenceLength, longest.Length);
        template.Images = [.. Enumerable.Range(0, ImagePrePullJobLimits.MaxImages - 1).Select(i => $"nginx:{i}"), longest];

        Assert.Empty(ImagePrePullJobValidator.Validate(job));
        // What the validator accepts, the scheduler's settings accept: one rule per number.
        var settings = JobSettings.FromTemplate(template);
        Assert.Equal(TimeSpan.FromSeconds(ImagePrePullJobLimits.MaxTimeoutSeconds), settings.Timeout);
    }

    [Fact]
    public void MaxTimeoutSeconds_FitsTheLongestTimer()
    {
        // Task.WaitAsync and ITimer take at most 2^32-2 ms.
        Assert.True(ImagePrePullJobLimits.MaxTimeoutSeconds * 1000 <= uint.MaxValue - 1);
        Assert.True((ImagePrePullJobLimits.MaxTimeoutSeconds + 1) * 1000 > uint.MaxValue - 1);
    }

    private static ImagePrePullJob Job() => new()
    {
        Metadata = new() { Name = "limits" },
        Spec = new() { ImagePrePullTemplate = new() { Images = ["nginx:1.27"], NodeNames = ["node1"] } },
    };
}
