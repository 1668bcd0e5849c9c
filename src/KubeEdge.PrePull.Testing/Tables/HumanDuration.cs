using System.Globalization;

namespace KubeEdge.PrePull.Testing.Tables;

/// <summary>Ages as kubectl shows them (<c>45s</c>, <c>3m20s</c>, <c>5h</c>, <c>12d</c>), the server-side printer's format.</summary>
internal static class HumanDuration
{
    /// <summary>Formats a duration.</summary>
    /// <param name="duration">The duration.</param>
    /// <returns>The short text.</returns>
    public static string Format(TimeSpan duration)
    {
        var seconds = (long)duration.TotalSeconds;
        if (seconds < -1)
        {
            return "<invalid>";
        }

        if (seconds < 0)
        {
            return "0s";
        }

        var minutes = seconds / 60;
        var hours = minutes / 60;
        var days = hours / 24;
        return (seconds, minutes, hours) switch
        {
            ( < 120, _, _) => F($"{seconds}s"),
            (_, < 10, _) => seconds % 60 == 0 ? F($"{minutes}m") : F($"{minutes}m{seconds % 60}s"),
            (_, < 180, _) => F($"{minutes}m"),
            (_, _, < 8) => minutes % 60 == 0 ? F($"{hours}h") : F($"{hours}h{minutes % 60}m"),
            (_, _, < 48) => F($"{hours}h"),
            (_, _, < 192) => hours % 24 == 0 ? F($"{days}d") : F($"{days}d{hours % 24}h"),
            (_, _, < 24 * 365 * 2) => F($"{days}d"),
            (_, _, < 24 * 365 * 8) => days % 365 == 0 ? F($"{days / 365}y") : F($"{days / 365}y{days % 365}d"),
            _ => F($"{days / 365}y"),
        };
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
