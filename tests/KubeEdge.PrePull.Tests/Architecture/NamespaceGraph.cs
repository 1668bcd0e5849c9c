using System.Reflection;
using System.Reflection.Emit;

namespace KubeEdge.PrePull.Tests.Architecture;

/// <summary>
/// Which namespaces of one assembly use which, read from its compiled types: base types, interfaces, generic
/// arguments and constraints, attributes, fields, properties, events, method signatures and locals, and every type,
/// method and field token in the method bodies (IL). The nodes are the namespaces just under the root, one per
/// folder of the source (docs/design.md §3): a deeper namespace counts as its top one, so <c>X.Internal</c> (the
/// implementation of <c>X</c>) and <c>Api.V1Alpha1</c> (the older version of the same model) may use their parent
/// and be used by it. Constants are inlined by the compiler and leave no reference; everything else a type uses does.
/// </summary>
internal sealed class NamespaceGraph
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    // One example per edge, "From.Type -> To.Type", to say why the edge exists.
    private readonly Dictionary<(string From, string To), string> _edges = [];

    private NamespaceGraph(string root)
    {
        Root = root;
    }

    /// <summary>The namespace every counted namespace starts with (the assembly's root namespace).</summary>
    public string Root { get; }

    /// <summary>The edges, each with one reference that makes it.</summary>
    public IReadOnlyDictionary<(string From, string To), string> Edges => _edges;

    /// <summary>The graph of <paramref name="assembly"/>'s namespaces under <paramref name="root"/>.</summary>
    public static NamespaceGraph Of(Assembly assembly, string root)
    {
        var graph = new NamespaceGraph(root);
        foreach (var type in assembly.GetTypes())
        {
            graph.AddType(type);
        }

        return graph;
    }

    /// <summary>A graph from explicit edges, to test the cycle search itself.</summary>
    public static NamespaceGraph FromEdges(string root, params (string From, string To)[] edges)
    {
        var graph = new NamespaceGraph(root);
        foreach (var edge in edges)
        {
            graph._edges.TryAdd(edge, $"{edge.From} -> {edge.To}");
        }

        return graph;
    }

    /// <summary>
    /// One cycle per group of namespaces that reach each other (first namespace repeated at the end), in order of the
    /// group's first namespace; empty when the graph has no cycle.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<string>> FindCycles()
    {
        var next = _edges.Keys.GroupBy(e => e.From, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.To).Order(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
        var nodes = _edges.Keys.SelectMany(e => new[] { e.From, e.To }).Distinct().Order(StringComparer.Ordinal).ToList();
        var reach = nodes.ToDictionary(n => n, n => Reachable(n, next), StringComparer.Ordinal);
        var cycles = new List<IReadOnlyList<string>>();
        var grouped = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            if (grouped.Contains(node) || !reach[node].Contains(node))
            {
                continue;
            }

            // The group: every namespace this one reaches that reaches it back.
            var group = reach[node].Where(other => reach[other].Contains(node)).ToHashSet(StringComparer.Ordinal);
            grouped.UnionWith(group);
            cycles.Add(CycleFrom(node, group, next));
        }

        return cycles;
    }

    private static HashSet<string> Reachable(string start, Dictionary<string, List<string>> next)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([start]);
        while (pending.TryPop(out var node))
        {
            foreach (var target in next.GetValueOrDefault(node) ?? [])
            {
                if (seen.Add(target))
                {
                    pending.Push(target);
                }
            }
        }

        return seen;
    }

    // A shortest way from start back to itself inside its group (breadth first).
    private static List<string> CycleFrom(string start, HashSet<string> group, Dictionary<string, List<string>> next)
    {
        var previous = new Dictionary<string, string>(StringComparer.Ordinal);
        var pending = new Queue<string>([start]);
        while (pending.TryDequeue(out var node))
        {
            foreach (var target in next.GetValueOrDefault(node) ?? [])
            {
                if (target == start)
                {
                    var cycle = new List<string> { start };
                    for (var at = node; at != start; at = previous[at])
                    {
                        cycle.Add(at);
                    }

                    cycle.Add(start);
                    cycle.Reverse();
                    return cycle;
                }

                if (group.Contains(target) && previous.TryAdd(target, node))
                {
                    pending.Enqueue(target);
                }
            }
        }

        throw new InvalidOperationException($"{start} is in a group of namespaces that reach each other but has no way back");
    }

    /// <summary>A cycle as text, one edge a line with the reference that makes it.</summary>
    public string Describe(IReadOnlyList<string> cycle)
    {
        var lines = new List<string> { string.Join(" -> ", cycle) };
        for (var i = 0; i + 1 < cycle.Count; i++)
        {
            lines.Add($"  {cycle[i]} -> {cycle[i + 1]}: {_edges[(cycle[i], cycle[i + 1])]}");
        }

        return string.Join(Environment.NewLine, lines);
    }

    private void AddType(Type type)
    {
        if (NamespaceOf(type) is not { } from)
        {
            return;
        }

        var uses = new HashSet<Type>();
        Collect(uses, type.BaseType);
        foreach (var contract in type.GetInterfaces())
        {
            Collect(uses, contract);
        }

        CollectGenericParameters(uses, type.IsGenericTypeDefinition ? type.GetGenericArguments() : []);
        CollectAttributes(uses, type.GetCustomAttributesData());
        foreach (var field in type.GetFields(Declared))
        {
            Collect(uses, field.FieldType);
            CollectAttributes(uses, field.GetCustomAttributesData());
        }

        foreach (var property in type.GetProperties(Declared))
        {
            Collect(uses, property.PropertyType);
            CollectAttributes(uses, property.GetCustomAttributesData());
        }

        foreach (var @event in type.GetEvents(Declared))
        {
            Collect(uses, @event.EventHandlerType);
        }

        foreach (var method in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
        {
            AddMethod(uses, type, method);
        }

        foreach (var used in uses)
        {
            if (NamespaceOf(used) is { } to && to != from)
            {
                _edges.TryAdd((from, to), $"{type.FullName} uses {used.FullName}");
            }
        }
    }

    private static void AddMethod(HashSet<Type> uses, Type type, MethodBase method)
    {
        if (method is MethodInfo info)
        {
            Collect(uses, info.ReturnType);
            CollectGenericParameters(uses, info.IsGenericMethodDefinition ? info.GetGenericArguments() : []);
        }

        foreach (var parameter in method.GetParameters())
        {
            Collect(uses, parameter.ParameterType);
        }

        CollectAttributes(uses, method.GetCustomAttributesData());
        var body = method.GetMethodBody();
        if (body is null)
        {
            return;
        }

        foreach (var local in body.LocalVariables)
        {
            Collect(uses, local.LocalType);
        }

        var typeArguments = type.IsGenericType ? type.GetGenericArguments() : null;
        var methodArguments = method is MethodInfo { IsGenericMethod: true } ? method.GetGenericArguments() : null;
        foreach (var token in IlTokens.Of(body.GetILAsByteArray() ?? []))
        {
            switch (type.Module.ResolveMember(token, typeArguments, methodArguments))
            {
                case Type used:
                    Collect(uses, used);
                    break;
                case FieldInfo field:
                    Collect(uses, field.DeclaringType);
                    Collect(uses, field.FieldType);
                    break;
                case MethodBase called:
                    Collect(uses, called.DeclaringType);
                    if (called is MethodInfo calledInfo)
                    {
                        Collect(uses, calledInfo.ReturnType);
                        foreach (var argument in calledInfo.IsGenericMethod ? calledInfo.GetGenericArguments() : [])
                        {
                            Collect(uses, argument);
                        }
                    }

                    foreach (var parameter in called.GetParameters())
                    {
                        Collect(uses, parameter.ParameterType);
                    }

                    break;
            }
        }
    }

    private static void CollectGenericParameters(HashSet<Type> uses, Type[] parameters)
    {
        foreach (var parameter in parameters)
        {
            foreach (var constraint in parameter.GetGenericParameterConstraints())
            {
                Collect(uses, constraint);
            }
        }
    }

    private static void CollectAttributes(HashSet<Type> uses, IList<CustomAttributeData> attributes)
    {
        foreach (var attribute in attributes)
        {
            Collect(uses, attribute.AttributeType);
            foreach (var argument in attribute.ConstructorArguments.Concat(attribute.NamedArguments.Select(a => a.TypedValue)))
            {
                if (argument.Value is Type used)
                {
                    Collect(uses, used);
                }
            }
        }
    }

    // A type and everything it is built from: element types, generic arguments, declaring types.
    private static void Collect(HashSet<Type> uses, Type? type)
    {
        if (type is null || type.IsGenericParameter || !uses.Add(type))
        {
            return;
        }

        if (type.HasElementType)
        {
            Collect(uses, type.GetElementType());
        }

        if (type.IsGenericType && !type.IsGenericTypeDefinition)
        {
            Collect(uses, type.GetGenericTypeDefinition());
            foreach (var argument in type.GetGenericArguments())
            {
                Collect(uses, argument);
            }
        }
    }

    private string? NamespaceOf(Type type)
    {
        // A nested type (compiler-generated closures and state machines included) reports its outer type's namespace.
        var name = type.Namespace;
        if (name is null || !(name == Root || name.StartsWith(Root + ".", StringComparison.Ordinal)))
        {
            return null;
        }

        var dot = name.Length == Root.Length ? -1 : name.IndexOf('.', Root.Length + 1);
        return dot < 0 ? name : name[..dot];
    }

    /// <summary>The metadata tokens of a method body's IL: every operand that names a type, method or field.</summary>
    private static class IlTokens
    {
        private static readonly Dictionary<short, OpCode> Codes = typeof(OpCodes)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (OpCode)f.GetValue(null)!)
            .ToDictionary(c => c.Value);

        public static IEnumerable<int> Of(byte[] il)
        {
            var i = 0;
            while (i < il.Length)
            {
                short value = il[i++];
                if (value == 0xFE)
                {
                    value = (short)(0xFE00 | il[i++]);
                }

                var code = Codes[value];
                switch (code.OperandType)
                {
                    case OperandType.InlineType or OperandType.InlineTok or OperandType.InlineMethod or OperandType.InlineField:
                        yield return BitConverter.ToInt32(il, i);
                        i += 4;
                        break;
                    case OperandType.InlineSwitch:
                        i += 4 + (4 * BitConverter.ToInt32(il, i));
                        break;
                    default:
                        i += OperandSize(code.OperandType);
                        break;
                }
            }
        }

        private static int OperandSize(OperandType type) => type switch
        {
            OperandType.InlineNone => 0,
            OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
            OperandType.InlineVar => 2,
            OperandType.InlineI8 or OperandType.InlineR => 8,
            _ => 4, // InlineBrTarget, InlineI, InlineSig, InlineString, ShortInlineR
        };
    }
}
