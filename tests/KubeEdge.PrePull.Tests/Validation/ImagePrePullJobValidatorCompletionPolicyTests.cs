using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Validation;

namespace KubeEdge.PrePull.Tests.Validation;

/// <summary>
/// <c>spec.completionPolicy</c> and the rerun annotation (docs/design.md §1 "Limits", §2 "Validation"): every problem
/// names its path and the allowed range, and the bounds are the timer limits the controller can run.
/// </summary>
public sealed class ImagePrePullJobValidatorCompletionPolicyTests
{
    private const string P = "spec.completionPolicy";

    public static TheoryData<string, CompletionPolicy, string> Invalid() => new()
    {
        { "unknown type", new() { Type = "Sometimes" }, $"{P}.type: Unsupported value: \"Sometimes\": supported values: \"Always\", \"Never\"" },
        { "deadline 0", new() { ActiveDeadlineSeconds = 0 }, $"{P}.activeDeadlineSeconds: Invalid value: 0: must be greater than or equal to 1 (allowed range: 1 to 4294967)" },
        { "deadline negative", new() { ActiveDeadlineSeconds = -5 }, $"{P}.activeDeadlineSeconds: Invalid value: -5: must be greater than or equal to 1 (allowed range: 1 to 4294967)" },
        { "deadline above the timer limit", new() { ActiveDeadlineSeconds = 4_294_968 }, $"{P}.activeDeadlineSeconds: Invalid value: 4294968: must be less than or equal to 4294967 (allowed range: 1 to 4294967)" },
        { "deadline long max", new() { ActiveDeadlineSeconds = long.MaxValue }, $"{P}.activeDeadlineSeconds: Invalid value: {long.MaxValue}: must be less than or equal to 4294967 (allowed range: 1 to 4294967)" },
        { "ttl negative", new() { TtlSecondsAfterFinished = -1 }, $"{P}.ttlSecondsAfterFinished: Invalid value: -1: must be greater than or equal to 0 (allowed range: 0 to 4294967)" },
        { "ttl above the timer limit", new() { TtlSecondsAfterFinished = int.MaxValue }, $"{P}.ttlSecondsAfterFinished: Invalid value: 2147483647: must be less than or equal to 4294967 (allowed range: 0 to 4294967)" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Validate_BadPolicy_ReportsPathAndRange(string rule, CompletionPolicy policy, string expected)
    {
        var job = Job();
        job.Spec.CompletionPolicy = policy;

        var problems = ImagePrePullJobValidator.Validate(job);

        Assert.True(problems.Count == 1 && problems[0].ToString() == expected, $"{rule}: expected [{expected}], got [{string.Join(" | ", problems)}]");
    }

    [Fact]
    public void Validate_EveryProblemOfThePolicy_AllReportedInFieldOrder()
    {
        var job = Job();
        job.Spec.CompletionPolicy = new() { Type = "x", ActiveDeadlineSeconds = 0, TtlSecondsAfterFinished = -1 };

        var problems = ImagePrePullJobValidator.Validate(job);

        Assert.Equal([$"{P}.type", $"{P}.activeDeadlineSeconds", $"{P}.ttlSecondsAfterFinished"], problems.Select(p => p.Path));
    }

    [Theory]
    [InlineData(null, null, null)]
    [InlineData("Always", 1L, 0)]
    [InlineData("Never", ImagePrePullJobLimits.MaxActiveDeadlineSeconds, ImagePrePullJobLimits.MaxTtlSecondsAfterFinished)]
    [InlineData("", null, 300)]
    public void Validate_PolicyWithinLimits_IsValid(string? type, long? deadline, int? ttl)
    {
        var job = Job();
        job.Spec.CompletionPolicy = new() { Type = type, ActiveDeadlineSeconds = deadline, TtlSecondsAfterFinished = ttl };

        Assert.Empty(ImagePrePullJobValidator.Validate(job));
    }

    [Fact]
    public void Limits_DeadlineAndTtl_FitTheLongestTimer()
    {
        // ITimer and Task.Delay take at most 2^32-2 ms; the controller waits on both as one timer each.
        Assert.True(ImagePrePullJobLimits.MaxActiveDeadlineSeconds * 1000 <= uint.MaxValue - 1);
        Assert.True((long)ImagePrePullJobLimits.MaxTtlSecondsAfterFinished * 1000 <= uint.MaxValue - 1);
        Assert.Equal(4_294_967, ImagePrePullJobLimits.MaxActiveDeadlineSeconds);
        Assert.Equal(4_294_967, ImagePrePullJobLimits.MaxTtlSecondsAfterFinished);
        Assert.Equal(1024, ImagePrePullJobLimits.MaxRerunValueLength);
    }

    [Fact]
    public void Validate_RerunValueAtTheLimit_IsValid_OneLonger_NamesTheAnnotation()
    {
        var job = Job();
        job.Metadata.Annotations = new Dictionary<string, string> { [ImagePrePullJobNames.RerunAnnotation] = new string('x', ImagePrePullJobLimits.MaxRerunValueLength) };
        Assert.Empty(ImagePrePullJobValidator.Validate(job));

        job.Metadata.Annotations[ImagePrePullJobNames.RerunAnnotation] += "x";

        var problem = Assert.Single(ImagePrePullJobValidator.Validate(job));
        Assert.Equal("metadata.annotations[operations.kubeedge.io/rerun]: Too long: 1025: may not be more than 1024 characters", problem.ToString());
    }

    [Fact]
    public void Validate_EmptyRerunValue_IsValid()
    {
        var job = Job();
        job.Metadata.Annotations = new Dictionary<string, string> { [ImagePrePullJobNames.RerunAnnotation] = string.Empty };

        Assert.Empty(ImagePrePullJobValidator.Validate(job));
    }

    private static ImagePrePullJob Job() => new()
    {
        Metadata = new() { Name = "j" },
        Spec = new() { ImagePrePullTemplate = new() { Images = ["nginx:1.27"], NodeNames = ["n1"] } },
    };
}
