namespace KubeEdge.PrePull.Cli.Inputs;

/// <summary>Reads the text of an input file; every failure is one line naming the file, exit code 2.</summary>
internal static class InputFile
{
    /// <summary>The file's text.</summary>
    /// <param name="path">The file.</param>
    /// <param name="expected">What the file should hold, for the message when <paramref name="path"/> is a directory, e.g. <c>a job file</c>.</param>
    /// <exception cref="CliException">The path is missing, a directory, or unreadable (exit code <see cref="ExitCodes.InputError"/>).</exception>
    public static string ReadAllText(string path, string expected)
    {
        // Reading a directory fails with "Access to the path is denied", which sends people looking at permissions.
        if (Directory.Exists(path))
        {
            throw new CliException($"{path}: is a directory, not {expected}", ExitCodes.InputError);
        }

        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new CliException($"{path}: no such file", ExitCodes.InputError, ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{path}: cannot read the file: {ex.Message}", ExitCodes.InputError, ex);
        }
    }
}
