using System.Text.Json;
using KubeEdge.PrePull.Testing.Resources;
using KubeEdge.PrePull.Testing.Routing;
using KubeEdge.PrePull.Testing.Storage;
using KubeEdge.PrePull.Testing.Tables;

namespace KubeEdge.PrePull.Testing.Watching;

/// <summary>
/// Writes the object of one watch's events: the object at the served version, or with <c>as=Table</c> a Table
/// with its row, whose column definitions only the first event carries (kube-apiserver's watch encoder sets
/// <c>noHeaders</c> after the first object; docs/design.md §3 "Testing kit and tool").
/// </summary>
internal sealed class EventEncoder
{
    private readonly ResourceType _type;
    private readonly TableBuilder? _tables;
    private bool _headersSent;

    /// <summary>Creates the encoder of one stream.</summary>
    /// <param name="type">The served resource version.</param>
    /// <param name="tables">Table printing, or <see langword="null"/> for plain objects.</param>
    public EventEncoder(ResourceType type, TableBuilder? tables)
    {
        _type = type;
        _tables = tables;
    }

    /// <summary>Writes the event's object.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="storedEvent">The change.</param>
    public void Write(Utf8JsonWriter writer, StoredEvent storedEvent)
    {
        if (_tables is null)
        {
            ObjectJson.Write(writer, _type, storedEvent.Object);
            return;
        }

        var table = _tables.Build(_type, [storedEvent.Object], storedEvent.ResourceVersion, continueToken: null, includeHeaders: !_headersSent);
        _headersSent = true;
        table.WriteTo(writer);
    }
}
