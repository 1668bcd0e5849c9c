using System.Text;
using k8s;
using k8s.Models;
using KubeEdge.PrePull.Api;
using KubeEdge.PrePull.Runtime.Events;
using KubeEdge.PrePull.TestSupport;
using KubeEdge.PrePull.Testing;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace KubeEdge.PrePull.Runtime.Tests.Events;

/// <summary>The event recorder against the embedded API server: aggregation of repeats, and the size caps of docs/design.md §1 "Limits".</summary>
public sealed class JobEventRecorderTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 6, 3, 0, 0, TimeSpan.Zero));
    private readonly FakeLogger _logger = new();
    private readonly ApiServerFixture _cluster = new();
    private EmbeddedApiServer _server = null!;
    private Kubernetes _client = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => (_server, _client) = await _cluster.StartAsync();

    public ValueTask DisposeAsync() => _cluster.DisposeAsync();

    [Fact]
    public async Task RecordAsync_SameWarningRepeated_IsOneEventWithCountAndLastTimestamp()
    {
        var recorder = new JobEventRecorder(_client, _time, _logger);
        var job = Job("repeats");

        for (var i = 0; i < 25; i++)
        {
            await recorder.RecordAsync(job, EventTypes.Warning, JobEventReasons.SecretSkipped, "secret default/missing was not found", Ct);
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        var ev = Assert.Single(await EventsAsync("repeats"));
        Assert.Equal(25, ev.Count);
        Assert.Equal(new DateTime(2026, 12, 6, 3, 0, 0, DateTimeKind.Utc), ev.FirstTimestamp);
        Assert.Equal(new DateTime(2026, 12, 6, 3, 0, 24, DateTimeKind.Utc), ev.LastTimestamp);
        Assert.Empty(_logger.Collector.GetSnapshot());
    }

    [Fact]
    public async Task RecordAsync_DifferentMessageOrReason_AreSeparateEvents()
    {
        var recorder = new JobEventRecorder(_client, _time, _logger);
        var job = Job("distinct");

        await recorder.RecordAsync(job, EventTypes.Warning, JobEventReasons.SecretSkipped, "secret default/a was not found", Ct);
        await recorder.RecordAsync(job, EventTypes.Warning, JobEventReasons.SecretSkipped, "secret default/b was not found", Ct);
        await recorder.RecordAsync(job, EventTypes.Warning, JobEventReasons.Failed, "secret default/a was not found", Ct);
        await recorder.RecordAsync(job, EventTypes.Warning, JobEventReasons.SecretSkipped, "secret default/a was not found", Ct);

        var events = await EventsAsync("distinct");
        Assert.Equal([1, 1, 2], events.Select(e => e.Count ?? 0).Order());
    }

    [Fact]
    public async Task RecordAsync_EventDeletedMeanwhile_CreatesItAgain()
    {
        var recorder = new JobEventRecorder(_client, _time, _logger);
        var job = Job("expired");
        await recorder.RecordAsync(job, EventTypes.Normal, JobEventReasons.Started, "Started on 3 nodes", Ct);
        var first = Assert.Single(await EventsAsync("expired"));
        await _client.CoreV1.DeleteNamespacedEventAsync(first.Metadata.Name, JobEventRecorder.EventNamespace, cancellationToken: Ct);

        await recorder.RecordAsync(job, EventTypes.Normal, JobEventReasons.Started, "Started on 3 nodes", Ct);

        Assert.Equal(1, Assert.Single(await EventsAsync("expired")).Count);
    }

    [Fact]
    public async Task RecordAsync_JobNameOfMaximumLength_StillRecords()
    {
        // A 253-character job name made every event's generated name 259 characters long: 422 each time.
        var name = string.Join('.', Enumerable.Repeat(new string('a', 62), 4)) + ".b";
        Assert.Equal(ImagePrePullJobLimits.MaxObjectNameLength, name.Length);
        var recorder = new JobEventRecorder(_client, _time, _logger);

        await recorder.RecordAsync(Job(name), EventTypes.Warning, JobEventReasons.Failed, "The job failed: no nodes", Ct);

        var ev = Assert.Single(await EventsAsync(name));
        Assert.True(ev.Metadata.Name.Length <= ImagePrePullJobLimits.MaxObjectNameLength, ev.Metadata.Name);
        Assert.StartsWith(name[..200], ev.Metadata.Name, StringComparison.Ordinal);
        Assert.Empty(_logger.Collector.GetSnapshot());
    }

    [Fact]
    public async Task RecordAsync_LongMessage_IsCutToTheCapWithAnEllipsis()
    {
        var recorder = new JobEventRecorder(_client, _time, _logger);
        var message = "The job failed: " + string.Join("; ", Enumerable.Range(0, 200).Select(i => $"spec.imagePrePullTemplate.nodeNames[{i}]: Invalid value"));

        await recorder.RecordAsync(Job("long"), EventTypes.Warning, JobEventReasons.Failed, message, Ct);

        var ev = Assert.Single(await EventsAsync("long"));
        Assert.True(Encoding.UTF8.GetByteCount(ev.Message) <= ImagePrePullJobLimits.MaxEventMessageLength, ev.Message.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.EndsWith(LimitedText.Ellipsis, ev.Message, StringComparison.Ordinal);
        Assert.StartsWith(ev.Message[..^1], message, StringComparison.Ordinal);
    }

    private async Task<IList<Corev1Event>> EventsAsync(string job) =>
        (await _client.CoreV1.ListNamespacedEventAsync(JobEventRecorder.EventNamespace, fieldSelector: "involvedObject.name=" + job, cancellationToken: Ct)).Items;

    private static ImagePrePullJob Job(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Uid = Guid.NewGuid().ToString() },
    };
}
