using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using KubeEdge.PrePull.TestSupport;

namespace KubeEdge.PrePull.Testing.Tests.Resources;

/// <summary>
/// Tests that send the embedded server raw JSON, as kubectl or a hand-written client would, and read its answer as
/// JSON: bodies that no typed client would produce (wrong types, unknown fields) are the point of these tests.
/// </summary>
public abstract class RawApiServerTests() : ApiServerTests(new ApiServerFixture())
{
    private HttpClient _http = null!;

    /// <inheritdoc/>
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _http = new HttpClient { BaseAddress = _server.Uri };
    }

    /// <inheritdoc/>
    public override async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Sends <paramref name="body"/> (none when <see langword="null"/>) and returns the status code and the JSON object answered (empty when the answer is not one).</summary>
    private protected async Task<(int Code, JsonObject Body)> SendAsync(HttpMethod method, string path, string? body, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }

        using var response = await _http.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        return ((int)response.StatusCode, JsonNode.Parse(text) as JsonObject ?? []);
    }
}
