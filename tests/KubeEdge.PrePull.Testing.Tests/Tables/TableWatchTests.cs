using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using KubeEdge.PrePull.TestSupport;

namespace KubeEdge.PrePull.Testing.Tests.Tables;

/// <summary>
/// A watch asked for <c>as=Table</c> sends each object as a one-row Table, the column definitions with the first
/// event only (kube-apiserver's watch encoder), so kubectl can print every update with the columns.
/// </summary>
public sealed class TableWatchTests() : ApiServerTests(new ApiServerFixture())
{
    [Fact]
    public async Task Watch_AsTable_EachEventIsATableAndOnlyTheFirstCarriesColumns()
    {
        await CreateEventAsync("e1", "JobStarted");
        using var http = new HttpClient { BaseAddress = _server.Uri };
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/namespaces/default/events?watch=true");
        request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse("application/json;as=Table;v=v1;g=meta.k8s.io"));
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Ct);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(Ct));

        var first = JsonNode.Parse((await reader.ReadLineAsync(Ct))!)!;
        await CreateEventAsync("e2", "JobCompleted");
        var second = JsonNode.Parse((await reader.ReadLineAsync(Ct))!)!;

        Assert.Equal(("ADDED", "ADDED"), ((string?)first["type"], (string?)second["type"]));
        Assert.All([first, second], e => Assert.Equal("Table", (string?)e["object"]!["kind"]));
        Assert.Equal(
            ["Last Seen", "Type", "Reason", "Object", "Subobject", "Source", "Message", "First Seen", "Count", "Name"],
            first["object"]!["columnDefinitions"]!.AsArray().Select(c => (string?)c!["name"]));
        Assert.Empty(second["object"]!["columnDefinitions"]!.AsArray());
        var row = Assert.Single(second["object"]!["rows"]!.AsArray())!;
        Assert.Equal("JobCompleted", (string?)row["cells"]![2]);
        Assert.Equal("e2", (string?)row["object"]!["metadata"]!["name"]);
    }

    [Fact]
    public async Task Watch_WithoutTable_SendsTheObjects()
    {
        await CreateEventAsync("e1", "JobStarted");
        using var http = new HttpClient { BaseAddress = _server.Uri };
        using var response = await http.GetAsync(new Uri("api/v1/namespaces/default/events?watch=true", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, Ct);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(Ct));

        var first = JsonNode.Parse((await reader.ReadLineAsync(Ct))!)!;

        Assert.Equal("Event", (string?)first["object"]!["kind"]);
    }

    private Task<Corev1Event> CreateEventAsync(string name, string reason) =>
        _client.CoreV1.CreateNamespacedEventAsync(
            new Corev1Event
            {
                Metadata = new V1ObjectMeta { Name = name },
                InvolvedObject = new V1ObjectReference { Kind = "ImagePrePullJob", Name = "warm-nginx" },
                Reason = reason,
                Type = "Normal",
            },
            "default",
            cancellationToken: Ct);
}
