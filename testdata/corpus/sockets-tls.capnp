# TLS everywhere a socket can take it: https, tcp (implicit and STARTTLS), plus udp.
# Also walks every TlsOptions.Version enumerant.

using Workerd = import "/workerd/workerd.capnp";

const serverKeypair :Workerd.TlsOptions.Keypair = (
  privateKey = embed "files/test-key.pem",
  certificateChain = embed "files/test-cert.pem",
);

const strictTls :Workerd.TlsOptions = (
  keypair = .serverKeypair,
  requireClientCerts = true,
  trustBrowserCas = false,
  trustedCertificates = [embed "files/test-ca.pem"],
  minVersion = tls1Dot3,
  cipherList = "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-CHACHA20-POLY1305",
);

const tlsSockets :Workerd.Config = (
  services = [
    (name = "svc", worker = (serviceWorkerScript = embed "files/sw.js", compatibilityDate = "2024-01-01")),
  ],
  sockets = [
    ( name = "https-main",
      address = "*:8443",
      https = (
        options = (forwardedProtoHeader = "X-Proto", injectResponseHeaders = [(name = "Strict-Transport-Security", value = "max-age=600")]),
        tlsOptions = .strictTls,
      ),
      service = "svc" ),
    ( name = "https-legacy",
      address = "0.0.0.0:9443",
      https = (
        options = (),
        tlsOptions = (keypair = .serverKeypair, minVersion = ssl3, trustBrowserCas = true),
      ),
      service = "svc" ),
    (name = "https-v10", https = (tlsOptions = (keypair = .serverKeypair, minVersion = tls1Dot0)), service = "svc"),
    (name = "https-v11", https = (tlsOptions = (keypair = .serverKeypair, minVersion = tls1Dot1)), service = "svc"),
    (name = "https-v12", https = (tlsOptions = (keypair = .serverKeypair, minVersion = tls1Dot2)), service = "svc"),
    (name = "https-dflt", https = (tlsOptions = (keypair = .serverKeypair, minVersion = goodDefault)), service = "svc"),
    ( name = "smtp-starttls",
      address = "*:2525",
      tcp = (tlsOptions = .strictTls, tlsMode = startTls),
      service = (name = "svc", entrypoint = "SmtpHandler") ),
    ( name = "tls-tcp",
      address = "*:6443",
      tcp = (tlsOptions = (keypair = .serverKeypair), tlsMode = implicit),
      service = "svc" ),
    (name = "raw-tcp", address = "*:7000", tcp = (), service = "svc"),
    (name = "tcp-short", address = "*:7001", tcp = .strictTls, service = "svc"),   # group shorthand
    ( name = "dns-udp",
      address = "127.0.0.1:5353",
      udp = (idleTimeoutMs = 120000, maxPendingBytes = 0x100000),
      service = "svc" ),
    (name = "udp-short", address = "127.0.0.1:5354", udp = 1500, service = "svc"),   # group shorthand
  ],
);
