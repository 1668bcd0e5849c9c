using System.Text;
using KubeEdge.PrePull.Api;

namespace KubeEdge.PrePull.Tests.Api;

public sealed class LimitedTextTests
{
    [Fact]
    public void Truncate_ShortText_IsUnchanged()
    {
        Assert.Equal("The job failed", LimitedText.Truncate("The job failed", 14));
    }

    [Fact]
    public void Truncate_LongText_EndsAtAWordWithAnEllipsis()
    {
        var text = string.Join(' ', Enumerable.Repeat("spec.imagePrePullTemplate.nodeNames[0]: Invalid value", 100));

        var cut = LimitedText.Truncate(text, ImagePrePullJobLimits.MaxReasonLength);

        Assert.True(Encoding.UTF8.GetByteCount(cut) <= ImagePrePullJobLimits.MaxReasonLength, cut.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.EndsWith("…", cut, StringComparison.Ordinal);
        Assert.StartsWith(cut[..^1], text, StringComparison.Ordinal);
        Assert.Equal(' ', text[cut.Length - 1]);
        Assert.True(cut.Length > ImagePrePullJobLimits.MaxReasonLength * 3 / 4);
    }

    [Fact]
    public void Truncate_OneLongToken_IsCutMidWord()
    {
        var cut = LimitedText.Truncate("a " + new string('x', 100), 20);

        Assert.Equal("a " + new string('x', 15) + "…", cut);
    }

    [Fact]
    public void Truncate_CountsUtf8Bytes_AndKeepsSurrogatePairsWhole()
    {
        // Each "😀" is 2 UTF-16 chars and 4 UTF-8 bytes: 10 of them are 40 bytes.
        var text = string.Concat(Enumerable.Repeat("😀", 10));

        var cut = LimitedText.Truncate(text, 20);

        Assert.Equal(string.Concat(Enumerable.Repeat("😀", 4)) + "…", cut);
        Assert.Equal(19, Encoding.UTF8.GetByteCount(cut));
    }
}
