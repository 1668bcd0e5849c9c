using KubeEdge.PrePull.Credentials.Internal;
using KubeEdge.PrePull.Images;
using KubeEdge.PrePull.Pulling;

namespace KubeEdge.PrePull.Credentials;

/// <summary>
/// Chooses the registry credentials for an image the way the kubelet does with a pod's pull secrets. Every secret
/// is parsed once, in <see cref="Create(IEnumerable{SecretSnapshot})"/>; <see cref="Resolve(string, IReadOnlyList{string})"/> only matches, so one
/// resolver serves a whole plan. Thread-safe once created.
/// </summary>
/// <remarks>
/// Matching follows the kubelet's keyring: the secrets' registry keys are merged and ordered most specific first
/// (reverse ordinal order of the key without scheme and <c>/v1/</c>), a key matches when ports are equal, host
/// labels match one by one as globs and its path is a prefix of the repository path; all credentials of all
/// matching keys are returned, and only when none matched, a Docker Hub image falls back to the
/// <c>https://index.docker.io/v1/</c> key. Keys shared by several secrets keep the order of the secret refs.
/// </remarks>
public sealed class CredentialResolver
{
    private readonly Dictionary<string, ParsedSecret> _secrets;

    private CredentialResolver(Dictionary<string, ParsedSecret> secrets) => _secrets = secrets;

    /// <summary>Parses the secrets a job may use. Secrets of other types are kept so that referring to them is reported.</summary>
    /// <param name="secrets">The secrets; when two have the same namespace and name the later one wins.</param>
    /// <returns>A resolver over those secrets.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="secrets"/> or one of its items is <see langword="null"/>.</exception>
    public static CredentialResolver Create(IEnumerable<SecretSnapshot> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        var parsed = new Dictionary<string, ParsedSecret>(StringComparer.Ordinal);
        foreach (var secret in secrets)
        {
            ArgumentNullException.ThrowIfNull(secret);
            parsed[secret.Reference] = DockerConfigParser.Parse(secret);
        }

        return new CredentialResolver(parsed);
    }

    /// <summary>
    /// Parses the secrets a job may use, and remembers the refused ones (docs/design.md §2, "Secret grants"): an image
    /// that names a refused secret goes on without it, as with a missing one, and its problem says why it was refused.
    /// </summary>
    /// <param name="secrets">The granted secrets that were read.</param>
    /// <param name="refused">The refused secrets, e.g. <see cref="SecretGrant.Refusal"/>; never read, so no data.</param>
    /// <returns>A resolver over those secrets.</returns>
    /// <exception cref="ArgumentNullException">An argument or one of its items is <see langword="null"/>.</exception>
    public static CredentialResolver Create(IEnumerable<SecretSnapshot> secrets, IEnumerable<SecretProblem> refused)
    {
        ArgumentNullException.ThrowIfNull(refused);
        var resolver = Create(secrets);
        foreach (var problem in refused)
        {
            ArgumentNullException.ThrowIfNull(problem);
            resolver._secrets.TryAdd(problem.Secret, new ParsedSecret(problem.Secret, [], [problem]));
        }

        return resolver;
    }

    /// <summary>The credentials to try for an image, and the problems of the referenced secrets.</summary>
    /// <param name="image">The image as it will be pulled; normalized first (<c>nginx</c> is <c>docker.io/library/nginx</c>).
    /// An image that is no valid reference gets no credentials.</param>
    /// <param name="secretRefs">The secrets to use, <c>namespace/name</c>, in order; repeats are ignored.</param>
    /// <returns>The ordered credentials (empty: pull anonymously) and the problems.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public CredentialResolution Resolve(string image, IReadOnlyList<string> secretRefs)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(secretRefs);
        return ImageReference.TryParse(image, out var reference, out _)
            ? ResolveName(reference.Name, secretRefs)
            : new CredentialResolution([], GetProblems(secretRefs));
    }

    /// <summary>The credentials to try for a parsed image, and the problems of the referenced secrets.</summary>
    /// <param name="image">The image.</param>
    /// <param name="secretRefs">The secrets to use, <c>namespace/name</c>, in order; repeats are ignored.</param>
    /// <returns>The ordered credentials (empty: pull anonymously) and the problems.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public CredentialResolution Resolve(ImageReference image, IReadOnlyList<string> secretRefs)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(secretRefs);
        return ResolveName(image.Name, secretRefs);
    }

    /// <summary>The problems of the referenced secrets alone (missing, another type, malformed), in reference order.</summary>
    /// <param name="secretRefs">The secrets, <c>namespace/name</c>.</param>
    /// <returns>The problems; empty when every secret is usable.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="secretRefs"/> is <see langword="null"/>.</exception>
    public IReadOnlyList<SecretProblem> GetProblems(IReadOnlyList<string> secretRefs)
    {
        ArgumentNullException.ThrowIfNull(secretRefs);
        List<SecretProblem>? problems = null;
        for (var i = 0; i < secretRefs.Count; i++)
        {
            if (!IsRepeat(secretRefs, i))
            {
                AddProblems(secretRefs[i], Find(secretRefs[i]), ref problems);
            }
        }

        return problems is null ? [] : problems;
    }

    /// <summary>Resolves for an already normalized repository name (what the kubelet's keyring receives).</summary>
    internal CredentialResolution ResolveName(string name, IReadOnlyList<string> secretRefs)
    {
        var target = new LookupTarget(name);
        List<SecretProblem>? problems = null;
        List<Match>? matches = null;
        for (var i = 0; i < secretRefs.Count; i++)
        {
            if (IsRepeat(secretRefs, i))
            {
                continue;
            }

            var secret = Find(secretRefs[i]);
            AddProblems(secretRefs[i], secret, ref problems);
            var entries = secret?.Entries ?? [];
            for (var j = 0; j < entries.Count; j++)
            {
                if (entries[j].Key.Matches(target))
                {
                    (matches ??= []).Add(new Match(entries[j], i, j));
                }
            }
        }

        if (matches is null && DockerHub.IsDefaultRegistryMatch(name))
        {
            for (var i = 0; i < secretRefs.Count; i++)
            {
                var entries = IsRepeat(secretRefs, i) ? [] : Find(secretRefs[i])?.Entries ?? [];
                for (var j = 0; j < entries.Count; j++)
                {
                    if (entries[j].Key.Index == DockerHub.IndexKey)
                    {
                        (matches ??= []).Add(new Match(entries[j], i, j));
                    }
                }
            }
        }

        IReadOnlyList<PullCredential> credentials = [];
        if (matches is not null)
        {
            matches.Sort(Match.MostSpecificFirst);
            credentials = matches.ConvertAll(m => m.Entry.Credential);
        }

        return new CredentialResolution(credentials, problems is null ? [] : problems);
    }

    private ParsedSecret? Find(string secretRef) => _secrets.GetValueOrDefault(secretRef);

    private static void AddProblems(string secretRef, ParsedSecret? secret, ref List<SecretProblem>? problems)
    {
        if (secret is null)
        {
            var wellFormed = SecretReference.TrySplit(secretRef, out var ns, out _) && ns is not null;
            (problems ??= []).Add(new SecretProblem(secretRef, wellFormed ? "secret not found" : "not a namespace/name secret reference"));
        }
        else if (secret.Problems.Count > 0)
        {
            (problems ??= []).AddRange(secret.Problems);
        }
    }

    private static bool IsRepeat(IReadOnlyList<string> secretRefs, int index)
    {
        for (var k = 0; k < index; k++)
        {
            if (string.Equals(secretRefs[k], secretRefs[index], StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    // A matching entry with its position: ties between equal keys keep secret order, then order within the secret.
    private readonly record struct Match(KeyringEntry Entry, int SecretOrder, int EntryOrder)
    {
        public static readonly Comparison<Match> MostSpecificFirst = (a, b) =>
        {
            var byKey = string.CompareOrdinal(b.Entry.Key.Index, a.Entry.Key.Index);
            return byKey != 0 ? byKey : a.SecretOrder != b.SecretOrder ? a.SecretOrder.CompareTo(b.SecretOrder) : a.EntryOrder.CompareTo(b.EntryOrder);
        };
    }
}
