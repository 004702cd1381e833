//! [`ClientBuilder`]: the settings of a [`Client`], and why one could not be built ([`BuildError`]).
//!
//! The network settings a production deployment needs (an outbound proxy, a private root certificate) live here
//! rather than in a hand-built HTTP client, so that the crate's safe settings (TLS floor, no redirects, the
//! connect timeout, the body cap) stay on whatever else is configured.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use super::endpoint::{AuthMethod, Endpoint};
use super::error::BoxError;
use super::retry::RetryPolicy;
use super::transport::Transport;
use super::{Client, DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUT, Inner, PerCall};
use paypal_soap_runtime::credentials::{ClientIdentity, Credentials};
use paypal_soap_runtime::xml::Limits;

/// Why a [`Client`] could not be built.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    /// Certificate credentials (no API signature) without a client certificate.
    #[error("certificate credentials (no api signature) need a client identity: call ClientBuilder::client_identity")]
    MissingIdentity,
    /// A client certificate with credentials that carry an API signature: PayPal accepts one or the other.
    #[error("a client identity goes with certificate credentials, but these credentials carry an api signature")]
    IdentityWithSignature,
    /// A plain `http://` endpoint without [`ClientBuilder::allow_http`].
    #[error("endpoint {url} is not https (call ClientBuilder::allow_http to allow it for tests)")]
    InsecureUrl {
        /// The endpoint.
        url: String,
    },
    /// An endpoint that is not an absolute `http(s)://` URL.
    #[error("endpoint {url:?} is not an absolute https url")]
    InvalidUrl {
        /// The endpoint.
        url: String,
    },
    /// No transport: the `reqwest` feature is off and none was given.
    #[error("no transport: enable the `reqwest` feature or pass one to ClientBuilder::transport")]
    NoTransport,
    /// A proxy, root certificate or TLS setting that needs the default transport, with a transport of the
    /// caller's own (which has its own settings for them).
    #[error("{setting} configures the default transport, but a custom transport was given")]
    NeedsDefaultTransport {
        /// The builder method.
        setting: &'static str,
    },
    /// Per-call credentials of the other kind (signature or certificate) than the client's: the two use
    /// different hosts and TLS settings, so they need a client of their own.
    #[error("per-call credentials use {given:?} authentication, but this client was built for {built:?}")]
    AuthMismatch {
        /// What the client was built for.
        built: AuthMethod,
        /// What the per-call credentials use.
        given: AuthMethod,
    },
    /// The default transport could not be set up (a client identity PEM without a key, a malformed proxy URL
    /// or root certificate).
    #[error("http client setup failed: {0}")]
    Http(#[source] BoxError),
}

/// An outbound proxy URL. `Debug` masks the user and password a URL may carry (`http://user:pw@proxy:3128`).
#[derive(Clone, PartialEq, Eq)]
pub struct ProxyUrl(String);

impl ProxyUrl {
    /// Wraps `url` (`http://proxy.internal:3128`, `http://user:password@proxy:3128`).
    pub fn new(url: impl Into<String>) -> Self {
        Self(url.into())
    }

    /// The URL itself, for the transport. Never log it: it may carry a password.
    #[must_use]
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The URL with any user information replaced by `***`, for logs and `Debug`.
    #[must_use]
    pub fn masked(&self) -> String {
        let url = &self.0;
        let after_scheme = url.find("://").map_or(0, |i| i + 3);
        let authority_end = url[after_scheme..].find(['/', '?', '#']).map_or(url.len(), |i| after_scheme + i);
        match url[after_scheme..authority_end].rfind('@') {
            Some(at) => format!("{}***{}", &url[..after_scheme], &url[after_scheme + at..]),
            None => url.clone(),
        }
    }
}

impl fmt::Debug for ProxyUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ProxyUrl({:?})", self.masked())
    }
}

/// Settings of a [`Client`]; start with [`Client::builder`].
#[derive(Debug, Clone)]
pub struct ClientBuilder {
    pub(super) endpoint: Endpoint,
    pub(super) credentials: Credentials,
    pub(super) identity: Option<ClientIdentity>,
    pub(super) connect_timeout: Duration,
    pub(super) timeout: Duration,
    pub(super) deadline: Option<Duration>,
    pub(super) max_response_bytes: usize,
    pub(super) retry: RetryPolicy,
    pub(super) validate: bool,
    pub(super) allow_http: bool,
    pub(super) transport: Option<Arc<dyn Transport>>,
    pub(super) xml_limits: Limits,
    pub(super) proxy: Option<ProxyUrl>,
    pub(super) env_proxy: bool,
    pub(super) root_certificates: RootPems,
}

/// The PEM bundles given to [`ClientBuilder::add_root_certificate`]. `Debug` counts them instead of printing
/// kilobytes of bytes.
#[derive(Clone, Default)]
pub(super) struct RootPems(pub(super) Vec<Vec<u8>>);

impl fmt::Debug for RootPems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} root certificate PEM(s)", self.0.len())
    }
}

impl ClientBuilder {
    pub(super) fn new(endpoint: Endpoint, credentials: Credentials) -> Self {
        Self {
            endpoint,
            credentials,
            identity: None,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            timeout: DEFAULT_TIMEOUT,
            deadline: None,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            retry: RetryPolicy::none(),
            validate: true,
            allow_http: false,
            transport: None,
            xml_limits: Limits::DEFAULT,
            proxy: None,
            env_proxy: false,
            root_certificates: RootPems::default(),
        }
    }

    /// The client certificate (certificate and private key in one PEM) for API certificate credentials.
    #[must_use]
    pub fn client_identity(mut self, identity: ClientIdentity) -> Self {
        self.identity = Some(identity);
        self
    }

    /// How long opening a connection may take (default 10 s).
    #[must_use]
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// How long one attempt may take in all (default 60 s). With a [`RetryPolicy`] a call makes several
    /// attempts; [`Self::deadline`] bounds the whole call.
    #[must_use]
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// How long a whole call may take, every attempt and every wait between attempts included (default none:
    /// only [`Self::timeout`] per attempt). When it passes, the attempt under way is abandoned and the call
    /// fails with [`ErrorKind::Timeout`](super::ErrorKind::Timeout) in phase
    /// [`TimeoutPhase::Deadline`](super::TimeoutPhase::Deadline); a state-changing request is then reported as
    /// of unknown outcome, as after any timeout. [`Client::with_deadline`] sets it for some calls only.
    #[must_use]
    pub fn deadline(mut self, deadline: Duration) -> Self {
        self.deadline = Some(deadline);
        self
    }

    /// The largest response body accepted (default 8 MiB); reading stops as soon as a body grows past it.
    #[must_use]
    pub fn max_response_bytes(mut self, bytes: usize) -> Self {
        self.max_response_bytes = bytes;
        self
    }

    /// The XML reader's limits for responses (default [`Limits::DEFAULT`]: depth 64, 64 attributes and 32
    /// namespace declarations per element, 1 MiB per text value, 100 000 findings). A body that breaks one is
    /// an [`ErrorKind::Decode`](super::ErrorKind::Decode) with
    /// [`DecodeErrorKind::LimitExceeded`](paypal_soap_runtime::xml::DecodeErrorKind).
    /// The body size itself is capped earlier, while it arrives, by [`Self::max_response_bytes`].
    #[must_use]
    pub fn xml_limits(mut self, limits: Limits) -> Self {
        self.xml_limits = limits;
        self
    }

    /// Retries (default none); see [`RetryPolicy`] for which failures of which operations are retried.
    #[must_use]
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Whether requests are checked against the schema's limits and PayPal's business rules before they are
    /// sent (default on). Responses are never refused for breaking limits.
    #[must_use]
    pub fn validate_requests(mut self, on: bool) -> Self {
        self.validate = on;
        self
    }

    /// Allows a plain `http://` endpoint: for tests against a local fake server only.
    #[must_use]
    pub fn allow_http(mut self) -> Self {
        self.allow_http = true;
        self
    }

    /// Sends every call through the HTTP proxy at `url` (`http://proxy.internal:3128`; user and password in
    /// the URL are sent as proxy authorization and masked in `Debug`). HTTPS calls go through the proxy as a
    /// `CONNECT` tunnel, so the proxy never sees the credentials; TLS is still checked end to end, redirects
    /// are still refused, and every timeout and cap still applies.
    ///
    /// Environment variables (`HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY`, `NO_PROXY`) are **not** honoured
    /// unless [`Self::proxy_from_env`] says so: a variable set for other programs on the host must not reroute
    /// requests that carry the API credentials.
    #[must_use]
    pub fn proxy(mut self, url: impl Into<String>) -> Self {
        self.proxy = Some(ProxyUrl::new(url));
        self
    }

    /// Takes the proxy from the environment variables `HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY` and `NO_PROXY`
    /// (and their lowercase forms), as curl does, when no [`Self::proxy`] is given. Off by default.
    #[must_use]
    pub fn proxy_from_env(mut self) -> Self {
        self.env_proxy = true;
        self
    }

    /// Trusts the root certificate(s) in `pem` besides the public roots the transport ships with: for networks
    /// whose TLS-inspecting proxy or internal gateway presents certificates of a private authority. Public
    /// roots stay trusted, and the TLS 1.2 floor and hostname checks stay on.
    #[must_use]
    pub fn add_root_certificate(mut self, pem: impl Into<Vec<u8>>) -> Self {
        self.root_certificates.0.push(pem.into());
        self
    }

    /// Sends through `transport` instead of the default reqwest transport. The connect timeout, the client
    /// identity, proxies and root certificates are then the transport's business.
    #[must_use]
    pub fn transport(mut self, transport: Arc<dyn Transport>) -> Self {
        self.transport = Some(transport);
        self
    }

    /// Builds the client.
    ///
    /// # Errors
    /// See [`BuildError`].
    pub fn build(self) -> Result<Client, BuildError> {
        let auth = if self.credentials.signature.is_some() { AuthMethod::Signature } else { AuthMethod::Certificate };
        match (auth, &self.identity, &self.transport) {
            (AuthMethod::Certificate, None, None) => return Err(BuildError::MissingIdentity),
            (AuthMethod::Signature, Some(_), _) => return Err(BuildError::IdentityWithSignature),
            _ => {}
        }
        if self.transport.is_some() {
            let setting = if self.proxy.is_some() {
                Some("ClientBuilder::proxy")
            } else if self.env_proxy {
                Some("ClientBuilder::proxy_from_env")
            } else if !self.root_certificates.0.is_empty() {
                Some("ClientBuilder::add_root_certificate")
            } else {
                None
            };
            if let Some(setting) = setting {
                return Err(BuildError::NeedsDefaultTransport { setting });
            }
        }
        let url = self.endpoint.url(auth).to_owned();
        let lower = url.to_ascii_lowercase();
        if lower.starts_with("http://") {
            if !self.allow_http {
                return Err(BuildError::InsecureUrl { url });
            }
        } else if !lower.starts_with("https://") || url.len() <= "https://".len() {
            return Err(BuildError::InvalidUrl { url });
        }
        let transport = match self.transport {
            Some(t) => t,
            None => default_transport(DefaultTransport {
                connect_timeout: self.connect_timeout,
                identity: self.identity,
                allow_http: self.allow_http,
                proxy: self.proxy,
                env_proxy: self.env_proxy,
                root_certificates: self.root_certificates.0,
            })?,
        };
        Ok(Client {
            inner: Arc::new(Inner {
                url,
                auth,
                transport,
                validate: self.validate,
                connect_timeout: self.connect_timeout,
                timeout: self.timeout,
                max_response_bytes: self.max_response_bytes,
                retry: self.retry,
                xml_limits: self.xml_limits,
            }),
            per_call: PerCall { credentials: Arc::new(self.credentials), deadline: self.deadline },
        })
    }
}

/// What the default transport is built from.
// Without the `reqwest` feature there is no default transport to read these settings; the build fails with
// `BuildError::NoTransport` instead, so the fields are written and never read.
#[cfg_attr(not(feature = "reqwest"), allow(dead_code))]
struct DefaultTransport {
    connect_timeout: Duration,
    identity: Option<ClientIdentity>,
    allow_http: bool,
    proxy: Option<ProxyUrl>,
    env_proxy: bool,
    root_certificates: Vec<Vec<u8>>,
}

#[cfg(feature = "reqwest")]
fn default_transport(settings: DefaultTransport) -> Result<Arc<dyn Transport>, BuildError> {
    use super::reqwest_transport::{ReqwestConfig, ReqwestTransport};
    // A PEM with no certificate in it would add nothing and leave the private gateway refused with a TLS error
    // far from the cause; refuse it here instead.
    for pem in &settings.root_certificates {
        if reqwest::Certificate::from_pem_bundle(pem).map_err(|e| BuildError::Http(Box::new(e)))?.is_empty() {
            return Err(BuildError::Http("a root certificate PEM holds no certificate".into()));
        }
    }
    let config = ReqwestConfig {
        connect_timeout: settings.connect_timeout,
        identity: settings.identity,
        allow_http: settings.allow_http,
        proxy: settings.proxy,
        env_proxy: settings.env_proxy,
        root_certificates: settings.root_certificates,
    };
    let transport = ReqwestTransport::new(&config).map_err(|e| BuildError::Http(Box::new(e)))?;
    Ok(Arc::new(transport))
}

#[cfg(not(feature = "reqwest"))]
fn default_transport(_settings: DefaultTransport) -> Result<Arc<dyn Transport>, BuildError> {
    Err(BuildError::NoTransport)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::client::{HttpRequest, SendFuture, TransportError};

    #[derive(Debug)]
    struct Nowhere;

    impl Transport for Nowhere {
        fn send(&self, _request: HttpRequest) -> SendFuture<'_> {
            Box::pin(async { Err(TransportError::ConnectTimeout) })
        }
    }

    #[test]
    fn network_settings_need_the_default_transport() {
        let creds = || Credentials::signature("u", "p", "s");
        let custom = || ClientBuilder::new(Endpoint::Sandbox, creds()).transport(Arc::new(Nowhere));
        for (builder, setting) in [
            (custom().proxy("http://proxy:3128"), "ClientBuilder::proxy"),
            (custom().proxy_from_env(), "ClientBuilder::proxy_from_env"),
            (custom().add_root_certificate("pem"), "ClientBuilder::add_root_certificate"),
        ] {
            let err = builder.build().unwrap_err();
            assert!(matches!(err, BuildError::NeedsDefaultTransport { setting: s } if s == setting), "{err}");
        }
        assert!(custom().build().is_ok());
        let shown =
            format!("{:?}", ClientBuilder::new(Endpoint::Sandbox, creds()).add_root_certificate("x".repeat(999)));
        assert!(shown.contains("1 root certificate PEM(s)") && !shown.contains("120, 120"), "{shown}");
    }

    #[test]
    fn proxy_passwords_never_show() {
        let p = ProxyUrl::new("http://user:s3cr3t@proxy.internal:3128/x@y");
        assert_eq!(p.masked(), "http://***@proxy.internal:3128/x@y");
        assert!(!format!("{p:?}").contains("s3cr3t"));
        assert_eq!(ProxyUrl::new("http://proxy:3128").masked(), "http://proxy:3128");
        assert_eq!(ProxyUrl::new("user:pw@proxy").masked(), "***@proxy");
    }
}
