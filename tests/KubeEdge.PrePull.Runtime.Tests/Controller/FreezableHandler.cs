using System.Collections.Concurrent;
using System.Net;

namespace KubeEdge.PrePull.Runtime.Tests.Controller;

/// <summary>
/// One controller process's view of the network, frozen on demand as SIGSTOP freezes a process: while frozen no new
/// request leaves and no byte of an open response (a watch stream) is read; on resume everything goes on. Records
/// the process's writes (every non-GET request but the Lease's) while recording is on.
/// </summary>
internal sealed class FreezableHandler : DelegatingHandler
{
    private volatile TaskCompletionSource? _frozen;
    private volatile bool _recording;

    /// <summary>Writes (method and path) made while recording.</summary>
    public ConcurrentQueue<string> Writes { get; } = new();

    public void Freeze() => _frozen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Resume()
    {
        var frozen = _frozen;
        _frozen = null;
        frozen?.TrySetResult();
    }

    public void Record() => _recording = true;

    public Task WaitWhileFrozenAsync(CancellationToken cancellationToken) =>
        _frozen is { } frozen ? frozen.Task.WaitAsync(cancellationToken) : Task.CompletedTask;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // Judged when the process issues the request: one issued before the freeze and sent after it is not a write
        // of the resumed process.
        var issuedWhileRecording = _recording;
        await WaitWhileFrozenAsync(cancellationToken);
        var path = request.RequestUri?.AbsolutePath ?? string.Empty;
        if (issuedWhileRecording && request.Method != HttpMethod.Get && !path.Contains("/leases", StringComparison.Ordinal))
        {
            Writes.Enqueue($"{request.Method} {path}");
        }

        var response = await base.SendAsync(request, cancellationToken);
        response.Content = new GatedContent(response.Content, this);
        return response;
    }

    private sealed class GatedContent : HttpContent
    {
        private readonly HttpContent _inner;
        private readonly FreezableHandler _handler;

        public GatedContent(HttpContent inner, FreezableHandler handler)
        {
            _inner = inner;
            _handler = handler;
            foreach (var header in inner.Headers)
            {
                Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        protected override async Task<Stream> CreateContentReadStreamAsync() => new GatedStream(await _inner.ReadAsStreamAsync(), _handler);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await using var source = new GatedStream(await _inner.ReadAsStreamAsync(), _handler);
            await source.CopyToAsync(stream);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    private sealed class GatedStream(Stream inner, FreezableHandler handler) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await handler.WaitWhileFrozenAsync(cancellationToken);
            var read = await inner.ReadAsync(buffer, cancellationToken);
            // Bytes that arrived during a freeze are seen only after it.
            await handler.WaitWhileFrozenAsync(cancellationToken);
            return read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
