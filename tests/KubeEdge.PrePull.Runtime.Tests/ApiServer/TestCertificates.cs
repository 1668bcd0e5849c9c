using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace KubeEdge.PrePull.Runtime.Tests.ApiServer;

/// <summary>A certificate authority made for one test, and server and client certificates it issues.</summary>
internal sealed class TestCertificates : IDisposable
{
    private readonly ECDsa _caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public TestCertificates()
    {
        var request = new CertificateRequest("CN=prepull-test-ca", _caKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        Authority = request.CreateSelfSigned(DateTimeOffset.UnixEpoch.AddYears(30), DateTimeOffset.UnixEpoch.AddYears(100));
    }

    /// <summary>The authority's certificate (no private key), what a kubeconfig's <c>certificate-authority-data</c> holds.</summary>
    public X509Certificate2 Authority { get; }

    /// <summary>A server certificate for 127.0.0.1 and <paramref name="dnsName"/>, with its key.</summary>
    public X509Certificate2 Server(string dnsName = "localhost", bool withLoopbackAddress = true)
    {
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(dnsName);
        if (withLoopbackAddress)
        {
            names.AddIpAddress(IPAddress.Loopback);
        }

        return Issue("CN=" + dnsName, names.Build(), new Oid("1.3.6.1.5.5.7.3.1"));
    }

    /// <summary>A client certificate for <paramref name="subject"/>, with its key; also as PEM text (certificate, key).</summary>
    public (X509Certificate2 Certificate, string CertificatePem, string KeyPem) Client(string subject)
    {
        var certificate = Issue(subject, null, new Oid("1.3.6.1.5.5.7.3.2"));
        using var key = certificate.GetECDsaPrivateKey()!;
        return (certificate, certificate.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }

    public void Dispose()
    {
        Authority.Dispose();
        _caKey.Dispose();
    }

    private X509Certificate2 Issue(string subject, X509Extension? names, Oid usage)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([usage], false));
        if (names is not null)
        {
            request.CertificateExtensions.Add(names);
        }

        var serial = new byte[8];
        RandomNumberGenerator.Fill(serial);
        using var issued = request.Create(Authority.SubjectName, X509SignatureGenerator.CreateForECDsa(_caKey), DateTimeOffset.UnixEpoch.AddYears(30), DateTimeOffset.UnixEpoch.AddYears(99), serial);
        using var withKey = issued.CopyWithPrivateKey(key);

        // A PKCS#12 round trip gives a key the TLS stack can use on every platform.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }
}
