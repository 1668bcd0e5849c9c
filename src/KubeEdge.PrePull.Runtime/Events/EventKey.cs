namespace KubeEdge.PrePull.Runtime.Events;

/// <summary>
/// What makes two events the same one, as the kubelet's recorder decides it: the involved object (its uid, or its
/// name when it has none), type, reason and message (docs/design.md §2 "Events, logs and metrics").
/// </summary>
internal readonly record struct EventKey(string InvolvedObject, string Type, string Reason, string Message);
