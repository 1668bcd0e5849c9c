using System.Text;
using System.Text.Json;
using k8s;
using k8s.Models;
using KubeEdge.PrePull.Runtime.Pulling.PodApply;
using KubeEdge.PrePull.Testing.Fleet;

namespace KubeEdge.PrePull.Runtime.Tests.Pulling.PodApply;

/// <summary>The watch's reader of pods: the same fields as the typed client's <see cref="V1Pod"/>, whatever else the JSON holds.</summary>
public sealed class PodStateReaderTests
{
    private const string Secret = "c2VjcmV0LWRhdGEtbm90LWZvci1sb2dz";

    public static TheoryData<string, string, string> Events() => new()
    {
        {
            "unknown fields at every level, nested objects and arrays skipped; lastState is not state",
            """{"type":"MODIFIED","extra":[1,{"a":null}],"object":{"kind":"Pod","apiVersion":"v1","metadata":{"name":"p","uid":"u-1","resourceVersion":"7","managedFields":[{"manager":"x","fieldsV1":{"f:status":{}}}],"labels":{"a":"b"}},"spec":{"containers":[{"name":"image-0","image":"nginx"}]},"status":{"phase":"Pending","conditions":[{"type":"Ready","status":"False"}],"containerStatuses":[{"name":"image-0","ready":false,"restartCount":0,"image":"nginx","imageID":"","state":{"waiting":{"reason":"ErrImagePull","message":"401 Unauthorized","extra":{"x":[1]}}},"lastState":{"terminated":{"exitCode":1}}}],"newField":{"deep":[[{}]]}}}}""",
            "Modified p u-1 7 Pending - - [image-0 id= run=False term=False ErrImagePull/401 Unauthorized]"
        },
        {
            "missing status, spec and uid",
            """{"type":"ADDED","object":{"metadata":{"name":"p"}}}""",
            "Added p - - - - - []"
        },
        {
            "type after object; running and terminated, null state members; pod reason and message",
            """{"object":{"metadata":{"name":"p","uid":"u","resourceVersion":"9"},"status":{"phase":"Failed","reason":"Evicted","message":"low on disk","containerStatuses":[{"name":"image-0","imageID":"docker.io/library/nginx@sha256:1","state":{"running":{"startedAt":"2026-01-01T00:00:00Z"}}},{"name":"image-1","state":{"terminated":{"exitCode":128,"reason":"StartError"},"running":null,"waiting":null}},{"name":"image-2","state":null}]}},"type":"MODIFIED"}""",
            "Modified p u 9 Failed Evicted low on disk [image-0 id=docker.io/library/nginx@sha256:1 run=True term=False -/-, image-1 id= run=False term=True -/-, image-2 id= run=False term=False -/-]"
        },
        {
            "a watch error: 410 Gone as a Status",
            """{"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"too old resource version: 1 (52)","reason":"Expired","code":410}}""",
            "Error code=410"
        },
        {
            "a bookmark: only the resource version",
            """{"type":"BOOKMARK","object":{"kind":"Pod","apiVersion":"v1","metadata":{"resourceVersion":"12","annotations":{"k8s.io/initial-events-end":"true"}},"spec":{"containers":null},"status":{}}}""",
            "Bookmark - - 12 - - - []"
        },
        {
            "a deletion, with values of unexpected types where strings are read",
            """{"type":"DELETED","object":{"metadata":{"name":"p","uid":7,"resourceVersion":"30","deletionTimestamp":"2026-01-01T00:00:00Z"},"status":{"phase":["odd"],"containerStatuses":{"not":"an array"}}}}""",
            "Deleted p - 30 - - - []"
        },
    };

    [Theory]
    [MemberData(nameof(Events))]
    public void ReadEvent_Table_ReadsOnlyTheTrackedFields(string scenario, string json, string expected)
    {
        var read = PodStateReader.ReadEvent(Encoding.UTF8.GetBytes(json));

        Assert.True(read.HasValue, scenario);
        Assert.Equal(expected, Describe(read.Value));
    }

    [Fact]
    public void ReadEvent_UnknownType_IsSkipped() =>
        Assert.Null(PodStateReader.ReadEvent("""{"type":"SOMETHING-NEW","object":{"metadata":{"name":"p"}}}"""u8));

    [Fact]
    public void ReadEvent_TruncatedJson_ThrowsWithoutShowingContent()
    {
        var json = Encoding.UTF8.GetBytes("""{"type":"ADDED","object":{"metadata":{"name":"p"},"status":{"message":" """ + Secret + "\"");

        var error = Assert.ThrowsAny<JsonException>(() => PodStateReader.ReadEvent(json));
        Assert.DoesNotContain(Secret, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadEvent_EmbeddedServerWatchOfARealPull_ReadsWhatTheTypedClientReads()
    {
        await using var cluster = await PodApplyCluster.StartAsync();
        var node = cluster.AddNode();
        cluster.Server.Fleet.SetImage("registry.example.org/app:1", ImagePullBehavior.Fail("401 Unauthorized: bad credentials"));
        const string Ns = "default";
        var pod = new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "pull", Labels = new Dictionary<string, string> { ["unknown/label"] = "x" } },
            Spec = new V1PodSpec
            {
                NodeName = node,
                RestartPolicy = "Never",
                Containers = [new V1Container { Name = "image-0", Image = "nginx:1.27" }, new V1Container { Name = "image-1", Image = "registry.example.org/app:1" }],
            },
        };

        // The server answers a watch's headers with its first event: ask first, create, then read.
        var watching = cluster.Client.HttpClient.GetAsync(
            new Uri(cluster.Client.BaseUri, $"api/v1/namespaces/{Ns}/pods?watch=true&allowWatchBookmarks=true"), HttpCompletionOption.ResponseHeadersRead, PodApplyCluster.Ct);
        var created = await cluster.Client.CoreV1.CreateNamespacedPodAsync(pod, Ns, cancellationToken: PodApplyCluster.Ct);
        using var watch = await watching;
        using var lines = new StreamReader(await watch.Content.ReadAsStreamAsync(PodApplyCluster.Ct));
        var seen = new List<string>();
        var sawFailure = false;
        var sawPulled = false;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(PodApplyCluster.Ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(30)); // A test that fails, never one that hangs.
        while (!(sawFailure && sawPulled) && !deadline.IsCancellationRequested && await ReadLineOrNullAsync(lines, deadline.Token) is { } line)
        {
            var typed = KubernetesJson.Deserialize<Watcher<V1Pod>.WatchEvent>(line);
            var read = PodStateReader.ReadEvent(Encoding.UTF8.GetBytes(line));
            Assert.True(read.HasValue);
            Assert.Equal(Describe(new PodWatchEvent(typed.Type, PodState.From(typed.Object))), Describe(read.Value));
            seen.Add(Describe(read.Value));
            sawFailure |= read.Value.Pod!.Container("image-1")?.WaitingReason is "ErrImagePull" or "ImagePullBackOff";
            sawPulled |= !string.IsNullOrEmpty(read.Value.Pod.Container("image-0")?.ImageId);
        }

        Assert.True(sawFailure && sawPulled, string.Join(Environment.NewLine, seen));
        Assert.Equal(created.Metadata.Uid, PodStateReader.ReadPod(Encoding.UTF8.GetBytes(KubernetesJson.Serialize(created))).Uid);
    }

    private static async Task<string?> ReadLineOrNullAsync(StreamReader lines, CancellationToken cancellationToken)
    {
        try
        {
            return await lines.ReadLineAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    private static string Describe(PodWatchEvent e)
    {
        if (e.Type == WatchEventType.Error)
        {
            return $"Error code={e.Code}";
        }

        var p = e.Pod!;
        var statuses = string.Join(", ", p.ContainerStatuses.Select(s => $"{s.Name} id={s.ImageId} run={s.Running} term={s.Terminated} {s.WaitingReason ?? "-"}/{s.WaitingMessage ?? "-"}"));
        return $"{e.Type} {p.Name ?? "-"} {p.Uid ?? "-"} {p.ResourceVersion ?? "-"} {p.Phase ?? "-"} {p.Reason ?? "-"} {p.Message ?? "-"} [{statuses}]";
    }
}
