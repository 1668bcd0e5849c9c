using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using KubeEdge.PrePull.Pulling;
using KubeEdge.PrePull.Runtime.Pulling.Internal;

namespace KubeEdge.PrePull.Runtime.Pulling.Docker;

/// <summary>
/// The three Engine API calls the Docker puller needs, over the Engine's Unix socket with a plain
/// <see cref="HttpClient"/>: <c>/_ping</c> (readiness and API version negotiation), <c>/images/{name}/json</c> and
/// <c>/images/create</c>.
/// </summary>
internal sealed class DockerEngineClient(string socketPath) : IDisposable
{
    /// <summary>The newest API version this client asks for; the endpoints used have not changed since long before.</summary>
    public static readonly Version MaxApiVersion = new(1, 45);

    /// <summary>The oldest API version the Engine may offer (Docker's own lower bound).</summary>
    public static readonly Version MinApiVersion = new(1, 24);

    private readonly HttpClient _http = new(UnixSocketConnector.CreateHandler(socketPath))
    {
        BaseAddress = new Uri("http://localhost/"),
        Timeout = Timeout.InfiniteTimeSpan, // pulls stream for as long as they take; callers bound them with tokens
    };

    private volatile string? _prefix;

    /// <summary>The negotiated API version, once <see cref="NegotiateAsync"/> succeeded.</summary>
    public string? ApiVersion => _prefix?.TrimStart('v');

    /// <summary>Pings the Engine and picks min(its API version, <see cref="MaxApiVersion"/>).</summary>
    /// <exception cref="RuntimeUnavailableException">The Engine cannot be reached or is too old.</exception>
    public async Task<string> NegotiateAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        HttpResponseMessage response;
        try
        {
            response = await _http.GetAsync(new Uri("_ping", UriKind.Relative), timeoutSource.Token).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new RuntimeUnavailableException(Unreachable(e), e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RuntimeUnavailableException($"the Docker Engine at {socketPath} did not answer /_ping within {timeout.TotalSeconds:0.###}s", e);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new RuntimeUnavailableException($"the Docker Engine at {socketPath} answered /_ping with {(int)response.StatusCode} {response.ReasonPhrase}");
            }

            var offered = response.Headers.TryGetValues("Api-Version", out var values) && Version.TryParse(values.FirstOrDefault(), out var v) ? v : null;
            if (offered is null)
            {
                throw new RuntimeUnavailableException($"the endpoint at {socketPath} answered /_ping without an Api-Version header: not a Docker Engine");
            }

            if (offered < MinApiVersion)
            {
                throw new RuntimeUnavailableException($"the Docker Engine at {socketPath} offers API {offered}, older than the minimum {MinApiVersion}");
            }

            var chosen = offered < MaxApiVersion ? offered : MaxApiVersion;
            _prefix = string.Create(CultureInfo.InvariantCulture, $"v{chosen.Major}.{chosen.Minor}");
            return chosen.ToString();
        }
    }

    /// <summary>The image's ID (<c>sha256:...</c>), or <see langword="null"/> when the Engine does not have it.</summary>
    public async Task<string?> InspectIdAsync(string image, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, $"images/{image}/json", null, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"/images/{image}/json answered {(int)response.StatusCode}: {ErrorMessage(body)}", null, response.StatusCode);
        }

        using var document = JsonDocument.Parse(body);
        return document.RootElement.TryGetProperty("Id", out var id) ? id.GetString() : null;
    }

    /// <summary>The Engine's data root (<c>DockerRootDir</c> of <c>/info</c>), where its images are stored.</summary>
    public async Task<string> RootDirAsync(CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, "info", null, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"/info answered {(int)response.StatusCode}: {ErrorMessage(body)}", null, response.StatusCode);
        }

        using var document = JsonDocument.Parse(body);
        return document.RootElement.TryGetProperty("DockerRootDir", out var dir) && dir.GetString() is { Length: > 0 } root
            ? root
            : throw new HttpRequestException("/info has no DockerRootDir");
    }

    /// <summary>
    /// Pulls with <c>POST /images/create</c>, passing each progress line to <paramref name="onMessage"/>. Returns
    /// <see langword="null"/> on success, or the failure: an HTTP error before streaming, or an <c>errorDetail</c> line.
    /// </summary>
    public async Task<AttemptOutcome?> CreateImageAsync(string image, string? registryAuth, Action<DockerStreamMessage> onMessage, CancellationToken cancellationToken)
    {
        var (fromImage, tag) = DockerReference.Split(image);
        var path = $"images/create?fromImage={Uri.EscapeDataString(fromImage)}&tag={Uri.EscapeDataString(tag)}";
        using var response = await SendAsync(HttpMethod.Post, path, registryAuth, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return DockerErrors.FromStatus(response.StatusCode, ErrorMessage(body));
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var reader = new StreamReader(stream);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var message = JsonSerializer.Deserialize(line, DockerJsonContext.Default.DockerStreamMessage);
            if (message is null)
            {
                continue;
            }

            var error = message.ErrorDetail?.Message ?? message.Error;
            if (error is not null)
            {
                return DockerErrors.FromStream(error);
            }

            onMessage(message);
        }

        return null;
    }

    public void Dispose() => _http.Dispose();

    /// <summary>Why the Engine could not be reached, in words naming the socket.</summary>
    public string Unreachable(Exception exception) => File.Exists(socketPath)
        ? $"the Docker Engine at {socketPath} could not be reached: {exception.Message}"
        : $"the Docker Engine socket {socketPath} does not exist: is dockerd running?";

    private static string ErrorMessage(string body)
    {
        try
        {
            return JsonSerializer.Deserialize(body, DockerJsonContext.Default.DockerStreamMessage)?.Message ?? body.Trim();
        }
        catch (JsonException)
        {
            return body.Trim();
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? registryAuth, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri($"{_prefix ?? throw new InvalidOperationException("Negotiate the API version first.")}/{path}", UriKind.Relative));
        if (registryAuth is not null)
        {
            request.Headers.TryAddWithoutValidation(DockerRegistryAuth.HeaderName, registryAuth);
        }

        request.Content = method == HttpMethod.Post ? new ByteArrayContent([]) : null;
        request.Content?.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        try
        {
            return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new RuntimeUnavailableException(Unreachable(e), e);
        }
    }
}
