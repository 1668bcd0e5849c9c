using System.Net;
using k8s.Autorest;

namespace KubeEdge.PrePull.Runtime.ApiServer;

/// <summary>Reads API errors without ever showing request or response bodies (a secret's body holds its data).</summary>
internal static class ApiErrors
{
    /// <summary>Whether <paramref name="e"/> is an API answer with <paramref name="code"/>.</summary>
    public static bool Is(Exception e, HttpStatusCode code) => e is HttpOperationException { Response.StatusCode: var c } && c == code;

    /// <summary>
    /// Whether <paramref name="e"/> is worth another try: 429 Too Many Requests, a 5xx answer, or no answer at all
    /// (connection refused or reset while the API server restarts).
    /// </summary>
    public static bool IsTransient(Exception e) => e switch
    {
        HttpOperationException { Response.StatusCode: var c } => IsTransient(c),
        HttpRequestException => true,
        _ => false,
    };

    /// <summary>Whether an answer with <paramref name="code"/> may succeed when sent again: 429 or any 5xx.</summary>
    public static bool IsTransient(HttpStatusCode code) => code == HttpStatusCode.TooManyRequests || (int)code >= 500;

    /// <summary>A short description safe for logs and reasons: the HTTP status, or the exception type and message.</summary>
    public static string Describe(Exception e) => e is HttpOperationException { Response: { } response }
        ? $"the API server answered {(int)response.StatusCode} {response.StatusCode}"
        : $"{e.GetType().Name}: {e.Message}";
}
