using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using KubeEdge.PrePull.Images;
using KubeEdge.PrePull.Pulling;
using KubeEdge.PrePull.Runtime.Pulling.Internal;

namespace KubeEdge.PrePull.Runtime.Registries;

/// <summary>
/// A small client of the distribution v2 API, the one the controller resolves tags with and the agents read image
/// sizes with (docs/design.md §2 "Pinned digests", "Space check"). It speaks anonymously, with basic auth, or with
/// the bearer token flow (the registry's <c>WWW-Authenticate</c> challenge, then its token endpoint with the job's
/// credential for that registry). Failures are <see cref="RegistryException"/>s naming the registry, the repository
/// and the HTTP status, with every credential value removed.
/// </summary>
internal sealed class RegistryClient
{
    private const int MaxManifestBytes = 4 * 1024 * 1024;
    private const int MaxErrorChars = 300;
    private const string DigestHeader = "Docker-Content-Digest";

    private readonly HttpClient _http;
    private readonly IReadOnlySet<string> _insecureHosts;

    /// <summary>Creates a client.</summary>
    /// <param name="http">The client requests go through; its lifetime stays with the caller.</param>
    /// <param name="insecureHosts">Registry hosts reached over plain HTTP besides loopback ones.</param>
    public RegistryClient(HttpClient http, IEnumerable<string>? insecureHosts = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        _http = http;
        _insecureHosts = new HashSet<string>(insecureHosts ?? [], StringComparer.Ordinal);
    }

    /// <summary>
    /// The manifest digest <paramref name="image"/>'s tag points at now: <c>HEAD /v2/NAME/manifests/TAG</c> and its
    /// <c>Docker-Content-Digest</c> header. A multi-arch tag gives its index digest. A reference with a digest is
    /// answered with that digest, without asking.
    /// </summary>
    /// <param name="image">The image.</param>
    /// <param name="credential">The credential for the image's registry, or <see langword="null"/> for anonymous access.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    /// <returns>The digest, <c>sha256:HEX</c>.</returns>
    /// <exception cref="RegistryException">The registry refused or did not answer.</exception>
    public async Task<string> ResolveDigestAsync(ImageReference image, PullCredential? credential, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Digest is { } pinned)
        {
            return pinned;
        }

        var reference = image.Tag ?? "latest";
        using (var head = await SendAsync(HttpMethod.Head, image, reference, credential, cancellationToken).ConfigureAwait(false))
        {
            if (head.IsSuccessStatusCode && head.Headers.TryGetValues(DigestHeader, out var values) && values.FirstOrDefault() is { Length: > 0 } digest)
            {
                return digest;
            }
        }

        // A HEAD answer carries no error text, and a registry may leave the header out: the GET gives both.
        var (body, _, headerDigest) = await GetManifestAsync(image, reference, credential, cancellationToken).ConfigureAwait(false);
        return headerDigest ?? "sha256:" + Convert.ToHexStringLower(SHA256.HashData(body));
    }

    /// <summary>
    /// The size of <paramref name="image"/> from its manifest: the config plus every layer. For an index, the
    /// manifest of this machine's platform (<c>linux</c> and its architecture) is read.
    /// </summary>
    /// <param name="image">The image, by tag or digest.</param>
    /// <param name="credential">The credential for the image's registry, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    /// <returns>The size.</returns>
    /// <exception cref="RegistryException">The registry refused, did not answer, or sent a manifest without sizes.</exception>
    public async Task<ImageSize> GetSizeAsync(ImageReference image, PullCredential? credential, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(image);
        var reference = image.Digest ?? image.Tag ?? "latest";
        var (body, mediaType, _) = await GetManifestAsync(image, reference, credential, cancellationToken).ConfigureAwait(false);
        using var document = Parse(image, body);
        mediaType = document.RootElement.TryGetProperty("mediaType", out var declared) && declared.ValueKind == JsonValueKind.String ? declared.GetString() : mediaType;
        if (ManifestMediaTypes.IsIndex(mediaType) || document.RootElement.TryGetProperty("manifests", out _))
        {
            reference = PlatformManifest(image, document.RootElement);
            (body, _, _) = await GetManifestAsync(image, reference, credential, cancellationToken).ConfigureAwait(false);
            using var platform = Parse(image, body);
            return new ImageSize(SumSizes(image, platform.RootElement), reference);
        }

        return new ImageSize(SumSizes(image, document.RootElement), "sha256:" + Convert.ToHexStringLower(SHA256.HashData(body)));
    }

    private static string Architecture() => RuntimeInformation.OSArchitecture switch
    {
        System.Runtime.InteropServices.Architecture.Arm64 => "arm64",
        System.Runtime.InteropServices.Architecture.Arm => "arm",
        System.Runtime.InteropServices.Architecture.X86 => "386",
        _ => "amd64",
    };

    private static string PlatformManifest(ImageReference image, JsonElement index)
    {
        var architecture = Architecture();
        string? first = null;
        if (index.TryGetProperty("manifests", out var manifests) && manifests.ValueKind == JsonValueKind.Array)
        {
            foreach (var entry in manifests.EnumerateArray())
            {
                if (!entry.TryGetProperty("digest", out var digest) || digest.GetString() is not { } value)
                {
                    continue;
                }

                first ??= value;
                if (entry.TryGetProperty("platform", out var platform)
                    && platform.TryGetProperty("os", out var os) && os.GetString() == "linux"
                    && platform.TryGetProperty("architecture", out var arch) && arch.GetString() == architecture)
                {
                    return value;
                }
            }
        }

        return first ?? throw new RegistryException($"registry {image.Domain}: the index of repository {image.Path} lists no manifests", null, PullFailureKind.Other);
    }

    private static long SumSizes(ImageReference image, JsonElement manifest)
    {
        long total = 0;
        if (manifest.TryGetProperty("config", out var config) && config.TryGetProperty("size", out var configSize) && configSize.TryGetInt64(out var c))
        {
            total += c;
        }

        if (!manifest.TryGetProperty("layers", out var layers) || layers.ValueKind != JsonValueKind.Array)
        {
            throw new RegistryException($"registry {image.Domain}: the manifest of repository {image.Path} lists no layers", null, PullFailureKind.Other);
        }

        foreach (var layer in layers.EnumerateArray())
        {
            total += layer.TryGetProperty("size", out var size) && size.TryGetInt64(out var s) && s >= 0
                ? s
                : throw new RegistryException($"registry {image.Domain}: a layer in the manifest of repository {image.Path} has no size", null, PullFailureKind.Other);
        }

        return total;
    }

    private static JsonDocument Parse(ImageReference image, byte[] body)
    {
        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            throw new RegistryException($"registry {image.Domain}: the manifest of repository {image.Path} is not JSON ({e.Message})", null, PullFailureKind.Other);
        }
    }

    private static PullFailureKind KindOf(HttpStatusCode status) => status switch
    {
        HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => PullFailureKind.Unauthorized,
        HttpStatusCode.NotFound => PullFailureKind.NotFound,
        HttpStatusCode.TooManyRequests => PullFailureKind.RateLimited,
        _ => PullFailureKind.Other,
    };

    /// <summary>The registry's error text: the codes and messages of a distribution error body, else the body itself, shortened.</summary>
    private static async Task<string> ErrorTextAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string body;
        try
        {
            body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            return string.Empty;
        }

        var text = body.Trim();
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
            {
                text = string.Join("; ", errors.EnumerateArray().Select(e =>
                    $"{(e.TryGetProperty("code", out var code) ? code.GetString() : null)}: {(e.TryGetProperty("message", out var message) ? message.GetString() : null)}"));
            }
        }
        catch (JsonException)
        {
            // Not a distribution error body: the text as it came.
        }

        return text.Length > MaxErrorChars ? text[..MaxErrorChars] + "…" : text;
    }

    private static string Describe(HttpStatusCode status, string? reason) =>
        string.Create(CultureInfo.InvariantCulture, $"{(int)status} {reason ?? status.ToString()}");

    private static IEnumerable<PullCredential> Secrets(PullCredential? credential) => credential is null ? [] : [credential];

    private async Task<(byte[] Body, string? MediaType, string? Digest)> GetManifestAsync(ImageReference image, string reference, PullCredential? credential, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, image, reference, credential, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var text = SecretScrubber.Scrub(await ErrorTextAsync(response, cancellationToken).ConfigureAwait(false), Secrets(credential));
            throw new RegistryException(
                $"registry {image.Domain} answered {Describe(response.StatusCode, response.ReasonPhrase)} for manifest {reference} of repository {image.Path}{(text.Length > 0 ? ": " + text : string.Empty)}",
                response.StatusCode,
                KindOf(response.StatusCode));
        }

        if (response.Content.Headers.ContentLength > MaxManifestBytes)
        {
            throw new RegistryException($"registry {image.Domain}: the manifest {reference} of repository {image.Path} is larger than {MaxManifestBytes} bytes", response.StatusCode, PullFailureKind.Other);
        }

        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var digest = response.Headers.TryGetValues(DigestHeader, out var values) ? values.FirstOrDefault() : null;
        return (body, response.Content.Headers.ContentType?.MediaType, digest);
    }

    /// <summary>Sends a manifest request; answers a 401 challenge once, with basic auth or a bearer token.</summary>
    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, ImageReference image, string reference, PullCredential? credential, CancellationToken cancellationToken)
    {
        var uri = new Uri(RegistryEndpoint.BaseAddress(image.Domain, _insecureHosts), $"v2/{image.Path}/manifests/{reference}");
        var response = await SendOnceAsync(method, uri, image, null, credential, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized || AuthChallenge.From(response.Headers) is not { } challenge)
        {
            return response;
        }

        AuthenticationHeaderValue? authorization = null;
        if (challenge.IsBasic && credential is { Username: { } user, Password: { } password })
        {
            authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        }
        else if (challenge.IsBearer)
        {
            authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(challenge, image, credential, cancellationToken).ConfigureAwait(false));
        }

        if (authorization is null)
        {
            return response;
        }

        response.Dispose();
        return await SendOnceAsync(method, uri, image, authorization, credential, cancellationToken).ConfigureAwait(false);
    }

    private async Task<HttpResponseMessage> SendOnceAsync(HttpMethod method, Uri uri, ImageReference image, AuthenticationHeaderValue? authorization, PullCredential? credential, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, uri);
        foreach (var type in ManifestMediaTypes.All)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
        }

        request.Headers.Authorization = authorization;
        try
        {
            return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new RegistryException(
                $"registry {image.Domain} could not be reached for repository {image.Path}: {SecretScrubber.Scrub(e.Message, Secrets(credential))}",
                null,
                PullFailureKind.RegistryUnreachable);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RegistryException($"registry {image.Domain} did not answer in time for repository {image.Path}", null, PullFailureKind.Timeout, e);
        }
    }

    /// <summary>
    /// The bearer token flow: the challenge's realm with its service and the pull scope of the repository, with the
    /// credential's user and password (or its identity token as a refresh token, or its registry token as is).
    /// </summary>
    private async Task<string> TokenAsync(AuthChallenge challenge, ImageReference image, PullCredential? credential, CancellationToken cancellationToken)
    {
        if (credential?.RegistryToken is { Length: > 0 } registryToken)
        {
            return registryToken;
        }

        if (!challenge.Parameters.TryGetValue("realm", out var realm) || !Uri.TryCreate(realm, UriKind.Absolute, out var realmUri))
        {
            throw new RegistryException($"registry {image.Domain} asked for a bearer token for repository {image.Path} without a usable realm", HttpStatusCode.Unauthorized, PullFailureKind.Unauthorized);
        }

        var service = challenge.Parameters.GetValueOrDefault("service");
        var scope = challenge.Parameters.GetValueOrDefault("scope") ?? $"repository:{image.Path}:pull";
        using var request = new HttpRequestMessage();
        if (credential?.IdentityToken is { Length: > 0 } identityToken)
        {
            request.Method = HttpMethod.Post;
            request.RequestUri = realmUri;
            var form = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["grant_type"] = "refresh_token",
                ["refresh_token"] = identityToken,
                ["client_id"] = "kubeedge-prepull",
                ["scope"] = scope,
            };
            if (service is not null)
            {
                form["service"] = service;
            }

            request.Content = new FormUrlEncodedContent(form);
        }
        else
        {
            var query = new StringBuilder("scope=").Append(Uri.EscapeDataString(scope));
            if (service is not null)
            {
                query.Append("&service=").Append(Uri.EscapeDataString(service));
            }

            request.Method = HttpMethod.Get;
            request.RequestUri = new UriBuilder(realmUri) { Query = string.IsNullOrEmpty(realmUri.Query) ? query.ToString() : realmUri.Query.TrimStart('?') + "&" + query }.Uri;
            if (credential is { Username: { } user, Password: { } password })
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
            }
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new RegistryException(
                $"the token endpoint of registry {image.Domain} could not be reached for repository {image.Path}: {SecretScrubber.Scrub(e.Message, Secrets(credential))}",
                null,
                PullFailureKind.RegistryUnreachable);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                var text = SecretScrubber.Scrub(await ErrorTextAsync(response, cancellationToken).ConfigureAwait(false), Secrets(credential));
                throw new RegistryException(
                    $"the token endpoint of registry {image.Domain} answered {Describe(response.StatusCode, response.ReasonPhrase)} for repository {image.Path}{(text.Length > 0 ? ": " + text : string.Empty)}",
                    response.StatusCode,
                    KindOf(response.StatusCode));
            }

            using var document = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false));
            foreach (var name in new[] { "token", "access_token" })
            {
                if (document.RootElement.TryGetProperty(name, out var token) && token.GetString() is { Length: > 0 } value)
                {
                    return value;
                }
            }

            throw new RegistryException($"the token endpoint of registry {image.Domain} sent no token for repository {image.Path}", response.StatusCode, PullFailureKind.Unauthorized);
        }
    }
}
