//! The default [`Transport`]: reqwest with rustls on tokio, configured the safe way (no redirects, TLS 1.2 or
//! newer, HTTPS only unless allowed, a connect timeout, an optional client certificate) and reading the body
//! chunk by chunk so an oversized body is refused while it arrives. Proxies and private root certificates are
//! set here too, so that configuring them never drops one of the safe settings.

use std::time::Duration;

use super::builder::ProxyUrl;
use super::transport::{HttpRequest, HttpResponse, SendFuture, Transport, TransportError};
use paypal_soap_runtime::credentials::ClientIdentity;

/// Settings of [`ReqwestTransport::new`].
#[derive(Debug, Clone)]
pub struct ReqwestConfig {
    /// How long opening a connection (TCP and TLS) may take.
    pub connect_timeout: Duration,
    /// A client certificate and key, for API certificate authentication.
    pub identity: Option<ClientIdentity>,
    /// Allow plain `http://` URLs (tests against a local fake server only).
    pub allow_http: bool,
    /// Send every request through this proxy.
    pub proxy: Option<ProxyUrl>,
    /// Without `proxy`, take the proxy from `HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY` and `NO_PROXY`; when false
    /// (the default of [`super::ClientBuilder`]) those variables are ignored.
    pub env_proxy: bool,
    /// Root certificates (PEM) trusted besides the public ones.
    pub root_certificates: Vec<Vec<u8>>,
}

impl Default for ReqwestConfig {
    /// The client's defaults: a 10 s connect timeout, no client certificate, HTTPS only, no proxy (and the proxy
    /// variables ignored), the public roots only.
    fn default() -> Self {
        Self {
            connect_timeout: super::DEFAULT_CONNECT_TIMEOUT,
            identity: None,
            allow_http: false,
            proxy: None,
            env_proxy: false,
            root_certificates: Vec::new(),
        }
    }
}

/// [`Transport`] over a `reqwest::Client`.
#[derive(Debug, Clone)]
pub struct ReqwestTransport {
    client: reqwest::Client,
}

impl ReqwestTransport {
    /// A transport with PayPal-safe settings: redirects never followed, TLS 1.2 minimum, rustls with the
    /// webpki root certificates (plus `config.root_certificates`), HTTPS only unless `config.allow_http`, the
    /// connect timeout, the client certificate when one is given, and the proxy `config` names (none unless
    /// it names one).
    ///
    /// # Errors
    /// A client identity whose PEM holds no usable certificate and key, a malformed proxy URL or root
    /// certificate, or a TLS setup failure.
    pub fn new(config: &ReqwestConfig) -> Result<Self, reqwest::Error> {
        let mut builder = reqwest::Client::builder()
            .use_rustls_tls()
            .min_tls_version(reqwest::tls::Version::TLS_1_2)
            .redirect(reqwest::redirect::Policy::none())
            .https_only(!config.allow_http)
            .connect_timeout(config.connect_timeout)
            .pool_idle_timeout(Duration::from_secs(30))
            .user_agent(concat!("paypal-soap/", env!("CARGO_PKG_VERSION")));
        if let Some(identity) = &config.identity {
            builder = builder.identity(reqwest::Identity::from_pem(identity.pem())?);
        }
        // reqwest reads the proxy variables unless told not to; the crate decides instead (see
        // `ClientBuilder::proxy`), so the automatic lookup is switched off before any proxy is added.
        if let Some(proxy) = &config.proxy {
            builder = builder.no_proxy().proxy(reqwest::Proxy::all(proxy.expose())?);
        } else if !config.env_proxy {
            builder = builder.no_proxy();
        }
        for pem in &config.root_certificates {
            for certificate in reqwest::Certificate::from_pem_bundle(pem)? {
                builder = builder.add_root_certificate(certificate);
            }
        }
        Ok(Self { client: builder.build()? })
    }

    /// Wraps a `reqwest::Client` configured by the caller. The caller is responsible for its settings (TLS
    /// floor, redirects, timeouts); the client still refuses redirects, because it treats any 3xx answer as an
    /// error. Proxies and extra root certificates need no hand-built client: see
    /// [`ClientBuilder::proxy`](super::ClientBuilder::proxy) and
    /// [`ClientBuilder::add_root_certificate`](super::ClientBuilder::add_root_certificate), which keep the safe
    /// settings.
    #[must_use]
    pub fn from_client(client: reqwest::Client) -> Self {
        Self { client }
    }
}

impl Transport for ReqwestTransport {
    fn send(&self, request: HttpRequest) -> SendFuture<'_> {
        Box::pin(async move {
            let mut builder = self.client.post(&request.url);
            for (name, value) in &request.headers {
                builder = builder.header(*name, value);
            }
            let mut response = builder.body(request.body).send().await.map_err(map_error)?;
            let status = response.status().as_u16();
            let header = |name: reqwest::header::HeaderName| {
                response.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_owned)
            };
            let content_type = header(reqwest::header::CONTENT_TYPE);
            let location = header(reqwest::header::LOCATION);
            if response.content_length().is_some_and(|n| n > request.max_response_bytes as u64) {
                return Err(TransportError::BodyTooLarge { status });
            }
            let mut body = Vec::new();
            while let Some(chunk) = response.chunk().await.map_err(map_error)? {
                if body.len() + chunk.len() > request.max_response_bytes {
                    // Dropping the response closes the connection, so the rest is never read.
                    return Err(TransportError::BodyTooLarge { status });
                }
                body.extend_from_slice(&chunk);
            }
            Ok(HttpResponse { status, content_type, location, body })
        })
    }
}

fn map_error(e: reqwest::Error) -> TransportError {
    if e.is_connect() {
        if e.is_timeout() { TransportError::ConnectTimeout } else { TransportError::Connect(Box::new(e)) }
    } else {
        TransportError::Other(Box::new(e))
    }
}
