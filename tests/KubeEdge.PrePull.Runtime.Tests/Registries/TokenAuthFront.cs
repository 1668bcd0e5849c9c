using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace KubeEdge.PrePull.Runtime.Tests.Registries;

/// <summary>
/// The bearer token flow in front of a real (anonymous) docker-registry: manifest requests without the token are
/// answered 401 with a <c>Bearer</c> challenge naming <c>/token</c>, which hands the token out for the right basic
/// credentials only; requests with it are forwarded. docker-registry's own token auth needs a signing CA, so the
/// flow is played here and the manifests still come from the real registry.
/// </summary>
internal sealed class TokenAuthFront : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _client = new();
    private readonly Uri _upstream;
    private readonly string _user;
    private readonly string _password;
    private readonly string _token = "tok-" + Guid.NewGuid().ToString("N");
    private int _tokensIssued;

    private TokenAuthFront(WebApplication app, Uri upstream, string user, string password)
    {
        _app = app;
        _upstream = upstream;
        _user = user;
        _password = password;
    }

    public int Port { get; private set; }

    public string Password => _password;

    public string Host => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Port}");

    public int TokensIssued => Volatile.Read(ref _tokensIssued);

    public string? LastScope { get; private set; }

    public static async Task<TokenAuthFront> StartAsync(Uri upstream, string user, string password)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var front = new TokenAuthFront(app, upstream, user, password);
        app.Run(front.HandleAsync);
        await app.StartAsync();
        front.Port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
        return front;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _client.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (context.Request.Path == "/token")
        {
            var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_user}:{_password}"));
            if (context.Request.Headers.Authorization.ToString() != expected || context.Request.Query["service"] != "front")
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("""{"errors":[{"code":"UNAUTHORIZED","message":"bad credentials"}]}""");
                return;
            }

            LastScope = context.Request.Query["scope"];
            Interlocked.Increment(ref _tokensIssued);
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync($$"""{"token":"{{_token}}","expires_in":300}""");
            return;
        }

        if (context.Request.Headers.Authorization.ToString() != "Bearer " + _token)
        {
            var repository = context.Request.Path.Value!["/v2/".Length..context.Request.Path.Value!.IndexOf("/manifests/", StringComparison.Ordinal)];
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = $"Bearer realm=\"http://{Host}/token\",service=\"front\",scope=\"repository:{repository}:pull\"";
            return;
        }

        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), new Uri(_upstream, context.Request.Path.Value!.TrimStart('/')));
        request.Headers.Accept.ParseAdd(context.Request.Headers.Accept.ToString());
        using var response = await _client.SendAsync(request);
        context.Response.StatusCode = (int)response.StatusCode;
        if (response.Headers.TryGetValues("Docker-Content-Digest", out var digest))
        {
            context.Response.Headers["Docker-Content-Digest"] = digest.First();
        }

        context.Response.ContentType = response.Content.Headers.ContentType?.ToString();
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await context.Response.Body.WriteAsync(await response.Content.ReadAsByteArrayAsync());
        }
        else if (response.Content.Headers.ContentLength is { } length)
        {
            context.Response.ContentLength = length;
        }
    }
}
