using System.Text.Json.Nodes;
using KubeEdge.PrePull.Testing.Resources;

namespace KubeEdge.PrePull.Testing.Tests.Resources;

/// <summary>The schema keywords the project's CRD does not use, checked on a small schema of their own.</summary>
public sealed class SchemaValidatorTests
{
    private static readonly JsonObject Schema = (JsonObject)JsonNode.Parse("""
        {"type":"object","properties":{"spec":{"type":"object","properties":{
          "port":{"x-kubernetes-int-or-string":true},
          "name":{"type":"string","minLength":2,"maxLength":5,"pattern":"^[a-z]+$"},
          "ratio":{"type":"number","minimum":0,"exclusiveMinimum":true,"maximum":1},
          "tags":{"type":"array","maxItems":2,"minItems":1,"items":{"type":"string"}},
          "note":{"type":"string","nullable":true},
          "free":{"type":"object","x-kubernetes-preserve-unknown-fields":true,"properties":{"n":{"type":"integer"}}}
        }}}}
        """)!;

    [Theory]
    [InlineData("""{"port":80}""")]
    [InlineData("""{"port":"http"}""")]
    [InlineData("""{"name":"abc","ratio":1,"tags":["a","b"],"note":null}""")]
    [InlineData("""{"free":{"anything":{"goes":[1,"x"]},"n":3}}""")]
    public void Validate_ValidSpec_HasNoErrors(string spec)
    {
        Assert.Empty(Validate(spec));
    }

    [Theory]
    [InlineData("""{"port":true}""", "spec.port: Invalid value: \"boolean\": spec.port in body must be of type integer,string: \"boolean\"")]
    [InlineData("""{"name":"abcdef"}""", "spec.name: Too long: may not be more than 5 bytes")]
    [InlineData("""{"name":"a"}""", "spec.name: Invalid value: \"a\": spec.name in body should be at least 2 chars long")]
    [InlineData("""{"name":"AB"}""", "spec.name: Invalid value: \"AB\": spec.name in body should match '^[a-z]+$'")]
    [InlineData("""{"ratio":0}""", "spec.ratio: Invalid value: 0: spec.ratio in body should be greater than 0")]
    [InlineData("""{"ratio":1.5}""", "spec.ratio: Invalid value: 1.5: spec.ratio in body should be less than or equal to 1")]
    [InlineData("""{"tags":["a","b","c"]}""", "spec.tags: Too many: 3: must have at most 2 items")]
    [InlineData("""{"tags":[]}""", "spec.tags: Invalid value: 0: spec.tags in body should have at least 1 items")]
    [InlineData("""{"tags":[null]}""", "spec.tags[0]: Invalid value: \"null\": spec.tags[0] in body must be of type string: \"null\"")]
    [InlineData("""{"free":{"n":"x"}}""", "spec.free.n: Invalid value: \"string\": spec.free.n in body must be of type integer: \"string\"")]
    public void Validate_Violation_IsWordedLikeKubeApiserver(string spec, string expected)
    {
        var error = Assert.Single(Validate(spec));

        Assert.Equal(expected, error.ToString());
    }

    [Fact]
    public void Validate_UnchangedInvalidValueOnUpdate_IsRatcheted()
    {
        var old = Object("""{"name":"TOO-LONG","tags":["a"]}""");
        var updated = Object("""{"name":"TOO-LONG","tags":["a","b","c"]}""");

        var errors = SchemaValidator.Validate(Schema, updated, old, SchemaScope.All);

        Assert.Equal(["spec.tags"], errors.Select(e => e.Field));
    }

    [Fact]
    public void Validate_StatusOnlyScope_IgnoresAnInvalidSpec()
    {
        var obj = Object("""{"name":"TOO-LONG"}""");

        Assert.Empty(SchemaValidator.Validate(Schema, obj, null, SchemaScope.StatusOnly));
        Assert.NotEmpty(SchemaValidator.Validate(Schema, obj, null, SchemaScope.AllButStatus));
    }

    private static IReadOnlyList<SchemaFieldError> Validate(string spec) =>
        SchemaValidator.Validate(Schema, Object(spec), null, SchemaScope.All);

    private static JsonObject Object(string spec) => new() { ["spec"] = JsonNode.Parse(spec) };
}
