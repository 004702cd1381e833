//! Outbound proxies and private trust roots, configured on the builder with the safe settings kept.

use std::net::SocketAddr;
use std::sync::Arc;

use paypal_soap::client::Delivery;
use paypal_soap::testing::{DefaultReply, ExpressCheckoutFake, FakeServer};
use paypal_soap::types::GetBalanceRequestType;
use paypal_soap::{Client, Endpoint, ErrorKind};
use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, KeyPair, SanType};
use tokio::net::{TcpListener, TcpStream};
use tokio_rustls::TlsAcceptor;
use tokio_rustls::rustls::pki_types::{PrivateKeyDer, PrivatePkcs8KeyDer};
use tokio_rustls::rustls::{self, ServerConfig};

use super::platform;
use super::proxy::RecordingProxy;

type TestResult = Result<(), Box<dyn std::error::Error>>;

async fn fake() -> std::io::Result<FakeServer> {
    FakeServer::builder().default_reply(DefaultReply::MinimalSuccess).start(ExpressCheckoutFake::default()).await
}

/// A certificate authority of the test's own, and the PEM of its root certificate.
struct Authority {
    key: KeyPair,
    cert: rcgen::Certificate,
}

impl Authority {
    fn new(name: &str) -> Result<Self, rcgen::Error> {
        let key = KeyPair::generate()?;
        let mut params = CertificateParams::default();
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params.distinguished_name.push(DnType::CommonName, name);
        let cert = params.self_signed(&key)?;
        Ok(Self { key, cert })
    }

    fn root_pem(&self) -> String {
        self.cert.pem()
    }

    /// A TLS server on 127.0.0.1 with a certificate for `127.0.0.1` signed by this authority, passing the
    /// decrypted bytes on to `backend`.
    async fn serve_tls_for(&self, backend: SocketAddr) -> Result<SocketAddr, Box<dyn std::error::Error>> {
        let key = KeyPair::generate()?;
        let mut params = CertificateParams::new(Vec::<String>::new())?;
        params.subject_alt_names.push(SanType::IpAddress("127.0.0.1".parse()?));
        let cert = params.signed_by(&key, &self.cert, &self.key)?;
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let config = ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()?
            .with_no_client_auth()
            .with_single_cert(
                vec![cert.der().clone()],
                PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der())),
            )?;
        let acceptor = TlsAcceptor::from(Arc::new(config));
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let acceptor = acceptor.clone();
                tokio::spawn(async move {
                    // A refused handshake (the client does not trust the root) just ends this connection.
                    let Ok(mut tls) = acceptor.accept(stream).await else { return };
                    let Ok(mut upstream) = TcpStream::connect(backend).await else { return };
                    let _ = tokio::io::copy_bidirectional(&mut tls, &mut upstream).await;
                });
            }
        });
        Ok(addr)
    }
}

#[tokio::test]
async fn calls_go_through_the_configured_proxy() -> TestResult {
    let server = fake().await?;
    let proxy = RecordingProxy::start().await?;
    let client = server.client_builder(platform()).proxy(proxy.url()).build()?;
    client.get_balance(GetBalanceRequestType::default()).await?;
    assert_eq!(proxy.lines(), [format!("POST http://{}/2.0/ HTTP/1.1", server.addr())]);
    assert_eq!(server.calls().len(), 1);
    Ok(())
}

#[tokio::test]
async fn a_private_root_is_trusted_and_an_unknown_one_refused() -> TestResult {
    let server = fake().await?;
    let private = Authority::new("paypal-soap test private root")?;
    let tls = private.serve_tls_for(server.addr()).await?;
    let endpoint = Endpoint::custom(format!("https://{tls}/2.0/"));

    let trusting = Client::builder(endpoint.clone(), platform()).add_root_certificate(private.root_pem()).build()?;
    trusting.get_balance(GetBalanceRequestType::default()).await?;
    assert_eq!(server.calls().len(), 1);

    // Another authority's root, and the public roots alone, do not vouch for the server.
    let stranger = Authority::new("paypal-soap test unknown root")?;
    for client in [
        Client::builder(endpoint.clone(), platform()).add_root_certificate(stranger.root_pem()).build()?,
        Client::builder(endpoint.clone(), platform()).build()?,
    ] {
        let err = client.get_balance(GetBalanceRequestType::default()).await.unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::Connect(_)), "{err}");
        assert_eq!(err.delivery(), Delivery::NotSent, "refused during the handshake, before anything was sent");
    }
    assert_eq!(server.calls().len(), 1, "nothing reached the server through an untrusted handshake");
    Ok(())
}

#[tokio::test]
async fn https_through_a_proxy_to_a_private_root() -> TestResult {
    let server = fake().await?;
    let private = Authority::new("paypal-soap test gateway root")?;
    let tls = private.serve_tls_for(server.addr()).await?;
    let proxy = RecordingProxy::start().await?;
    let client = Client::builder(Endpoint::custom(format!("https://{tls}/2.0/")), platform())
        .proxy(proxy.url())
        .add_root_certificate(private.root_pem())
        .build()?;
    client.get_balance(GetBalanceRequestType::default()).await?;
    // A tunnel: the proxy sees where, never what (the credentials stay inside TLS).
    assert_eq!(proxy.lines(), [format!("CONNECT {tls} HTTP/1.1")]);
    assert_eq!(server.calls().len(), 1);
    Ok(())
}

#[test]
fn a_root_pem_without_a_certificate_is_refused() {
    let err = Client::builder(Endpoint::Sandbox, platform()).add_root_certificate("not a pem").build().unwrap_err();
    assert!(err.to_string().contains("no certificate"), "{err}");
}
