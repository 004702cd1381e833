//! The PayPal SOAP client: [`Client`] (built by [`ClientBuilder`]) sends one operation's request and returns a
//! typed [`Response`] or a typed [`Error`]. The generated code (`crate::generated::services`) adds one method per
//! WSDL operation to [`Client`]; each sets `Version`, validates the request and calls [`Client::call`].
//!
//! Safe defaults: a 10 s connect timeout and a 60 s total timeout, redirects never followed, HTTPS only,
//! TLS 1.2 or newer, responses over 8 MiB refused while they arrive, no retries. Request and response bodies
//! are logged through `tracing` at trace level with credentials and card data masked ([`redact`]); so is every
//! text an [`Error`] repeats from a response (a proxy page, a fault string, PayPal's error messages), with the
//! call's own credentials and card numbers masked wherever they appear.

mod classify;
mod endpoint;
mod error;
#[cfg(feature = "reqwest")]
mod reqwest_transport;
mod response;
mod retry;
mod transport;

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant};

use tracing::Instrument;

pub use endpoint::{
    AuthMethod, Endpoint, LIVE_CERTIFICATE_URL, LIVE_SIGNATURE_URL, SANDBOX_CERTIFICATE_URL, SANDBOX_SIGNATURE_URL,
};
pub use error::{ApiFailure, BoxError, Delivery, Error, ErrorKind, TimeoutPhase};
pub use paypal_soap_runtime::operation::{Effect, Operation};
use paypal_soap_runtime::redact::Secrets;
pub use paypal_soap_runtime::redact::redact;
#[cfg(feature = "reqwest")]
pub use reqwest_transport::{ReqwestConfig, ReqwestTransport};
pub use response::{ApiError, ApiResponse, CommonFields, CommonFieldsMut, Response};
pub use retry::RetryPolicy;
pub use transport::{HttpRequest, HttpResponse, SendFuture, Transport, TransportError};

use paypal_soap_runtime::credentials::{ClientIdentity, Credentials};
use paypal_soap_runtime::soap;
use paypal_soap_runtime::validate::{Validate, Violation, Violations};
use paypal_soap_runtime::xml::{Limits, XmlWrite};

/// Default connect timeout.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Default total timeout of one attempt (sending, PayPal's processing, reading the answer).
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
/// Default cap on a response body. PayPal's largest answers (a TransactionSearch of 100 results, a
/// GetTransactionDetails with many items) are far below it.
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 8 * 1024 * 1024;

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
    /// The default transport could not be set up (e.g. a client identity PEM without a key).
    #[error("http client setup failed: {0}")]
    Http(#[source] BoxError),
}

/// Settings of a [`Client`]; start with [`Client::builder`].
#[derive(Debug, Clone)]
pub struct ClientBuilder {
    endpoint: Endpoint,
    credentials: Credentials,
    identity: Option<ClientIdentity>,
    connect_timeout: Duration,
    timeout: Duration,
    max_response_bytes: usize,
    retry: RetryPolicy,
    validate: bool,
    allow_http: bool,
    transport: Option<Arc<dyn Transport>>,
    xml_limits: Limits,
}

impl ClientBuilder {
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

    /// How long one attempt may take in all (default 60 s).
    #[must_use]
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
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
    /// an [`ErrorKind::Decode`] with [`DecodeErrorKind::LimitExceeded`](paypal_soap_runtime::xml::DecodeErrorKind).
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

    /// Sends through `transport` instead of the default reqwest transport. The connect timeout and the client
    /// identity are then the transport's business.
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
            None => default_transport(self.connect_timeout, self.identity, self.allow_http)?,
        };
        Ok(Client {
            inner: Arc::new(Inner {
                url,
                credentials: self.credentials,
                transport,
                validate: self.validate,
                connect_timeout: self.connect_timeout,
                timeout: self.timeout,
                max_response_bytes: self.max_response_bytes,
                retry: self.retry,
                xml_limits: self.xml_limits,
            }),
        })
    }
}

#[cfg(feature = "reqwest")]
fn default_transport(
    connect_timeout: Duration,
    identity: Option<ClientIdentity>,
    allow_http: bool,
) -> Result<Arc<dyn Transport>, BuildError> {
    let config = ReqwestConfig { connect_timeout, identity, allow_http };
    let transport = ReqwestTransport::new(&config).map_err(|e| BuildError::Http(Box::new(e)))?;
    Ok(Arc::new(transport))
}

#[cfg(not(feature = "reqwest"))]
fn default_transport(
    _connect_timeout: Duration,
    _identity: Option<ClientIdentity>,
    _allow_http: bool,
) -> Result<Arc<dyn Transport>, BuildError> {
    Err(BuildError::NoTransport)
}

/// A PayPal SOAP API client. Cheap to clone (one shared connection pool); `Debug` never shows a secret.
///
/// Calls must run inside a tokio runtime with its time driver enabled (`#[tokio::main]` enables it): the
/// client's total timeout and retry backoff use tokio timers, whatever the transport.
///
/// # Example
/// ```no_run
/// use paypal_soap::client::{Client, Endpoint};
/// use paypal_soap::Credentials;
/// use paypal_soap::types::GetBalanceRequestType;
///
/// # async fn f() -> Result<(), Box<dyn std::error::Error>> {
/// let creds = Credentials::signature("api_user", "api_password", "api_signature");
/// let client = Client::builder(Endpoint::Sandbox, creds).build()?;
/// let balance = client.get_balance(GetBalanceRequestType::default()).await?;
/// println!("{:?}", balance.balance);
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    url: String,
    credentials: Credentials,
    transport: Arc<dyn Transport>,
    validate: bool,
    connect_timeout: Duration,
    timeout: Duration,
    max_response_bytes: usize,
    retry: RetryPolicy,
    xml_limits: Limits,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let i = &self.inner;
        f.debug_struct("Client")
            .field("url", &i.url)
            .field("credentials", &i.credentials)
            .field("transport", &i.transport)
            .field("validate", &i.validate)
            .field("connect_timeout", &i.connect_timeout)
            .field("timeout", &i.timeout)
            .field("max_response_bytes", &i.max_response_bytes)
            .field("retry", &i.retry)
            .field("xml_limits", &i.xml_limits)
            .finish()
    }
}

impl Client {
    /// Starts building a client for `endpoint` with `credentials`; the credential type (signature or
    /// certificate) picks the host for [`Endpoint::Live`] and [`Endpoint::Sandbox`].
    #[must_use]
    pub fn builder(endpoint: Endpoint, credentials: Credentials) -> ClientBuilder {
        ClientBuilder {
            endpoint,
            credentials,
            identity: None,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            timeout: DEFAULT_TIMEOUT,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            retry: RetryPolicy::none(),
            validate: true,
            allow_http: false,
            transport: None,
            xml_limits: Limits::DEFAULT,
        }
    }

    /// The URL calls go to.
    #[must_use]
    pub fn url(&self) -> &str {
        &self.inner.url
    }

    /// Checks `request` against the schema's limits and PayPal's business rules ([`crate::rules`]) unless
    /// validation is off; the generated methods call it with the inner request before sending. Warnings are
    /// logged at `warn` level and do not stop the call.
    ///
    /// # Errors
    /// [`ErrorKind::Invalid`] with every violation, when at least one is an error.
    pub fn validate_request(&self, op: &'static Operation, request: &dyn Validate) -> Result<(), Error> {
        if !self.inner.validate {
            return Ok(());
        }
        // One walk finds both: errors stop the call, warnings (rules PayPal documents ambiguously) are logged and
        // the request is sent.
        let found = request.report();
        if found.iter().any(Violation::is_error) {
            tracing::debug!(operation = op.name, violations = found.len(), "request invalid, not sent");
            return Err(Error::new(op, ErrorKind::Invalid(Violations(found))));
        }
        for warning in &found {
            tracing::warn!(operation = op.name, %warning, "request breaks a business rule PayPal may enforce");
        }
        Ok(())
    }

    /// Sends `body` (the operation's `...Req` element) and decodes the answer. The generated methods call this;
    /// call it directly only for an operation the schema does not have.
    ///
    /// # Errors
    /// Every failure is typed: see [`ErrorKind`]. [`Error::outcome_unknown`] says when a state-changing request
    /// may have reached PayPal without a definitive answer.
    pub async fn call<Req, Resp>(&self, op: &'static Operation, body: &Req) -> Result<Response<Resp>, Error>
    where
        Req: XmlWrite,
        Resp: ApiResponse,
    {
        let span = tracing::debug_span!("paypal_call", operation = op.name, port = op.port);
        self.call_inner(op, body).instrument(span).await
    }

    async fn call_inner<Req, Resp>(&self, op: &'static Operation, body: &Req) -> Result<Response<Resp>, Error>
    where
        Req: XmlWrite,
        Resp: ApiResponse,
    {
        let inner = &self.inner;
        let mut envelope = soap::write_request(&inner.credentials, body, op.request_ns, op.request_element)
            .map_err(|e| Error::new(op, ErrorKind::Encode(e)))?;
        // What this call must never show, collected before the envelope is handed to the transport.
        let secrets = Secrets::new(&inner.credentials, &envelope);
        if tracing::enabled!(tracing::Level::TRACE) {
            tracing::trace!(body = %secrets.scrub(&redact(&envelope)), "request");
        }
        let max_attempts = inner.retry.max_attempts();
        let mut attempt = 1;
        loop {
            // The last attempt takes the buffer; earlier ones send a copy.
            let body = if attempt < max_attempts { envelope.clone() } else { std::mem::take(&mut envelope) };
            let result = self.attempt::<Resp>(op, body, attempt, &secrets).await;
            match result {
                Ok(response) => return Ok(response),
                Err(error) if inner.retry.should_retry(attempt, op.effect, &error) => {
                    let wait = inner.retry.backoff(attempt);
                    tracing::debug!(attempt, ?wait, error = %error, "retrying");
                    tokio::time::sleep(wait).await;
                    attempt += 1;
                }
                Err(error) => {
                    tracing::debug!(attempt, error = %error, outcome_unknown = error.outcome_unknown(), "failed");
                    return Err(error.with_attempts(attempt));
                }
            }
        }
    }

    async fn attempt<Resp: ApiResponse>(
        &self,
        op: &'static Operation,
        body: Vec<u8>,
        attempt: u32,
        secrets: &Secrets,
    ) -> Result<Response<Resp>, Error> {
        let inner = &self.inner;
        let request = HttpRequest {
            url: inner.url.clone(),
            headers: vec![
                ("Content-Type", "text/xml; charset=utf-8".to_owned()),
                ("SOAPAction", format!("\"{}\"", op.soap_action)),
            ],
            body,
            max_response_bytes: inner.max_response_bytes,
        };
        tracing::debug!(attempt, url = %inner.url, bytes = request.body.len(), "sending");
        let started = Instant::now();
        let sent = tokio::time::timeout(inner.timeout, inner.transport.send(request)).await;
        let http = match sent {
            Err(_elapsed) => {
                let kind = ErrorKind::Timeout { phase: TimeoutPhase::Total, after: inner.timeout };
                return Err(Error::new(op, kind));
            }
            Ok(Err(e)) => return Err(Error::new(op, transport_error(e, inner))),
            Ok(Ok(http)) => http,
        };
        tracing::debug!(status = http.status, bytes = http.body.len(), elapsed = ?started.elapsed(), "received");
        if tracing::enabled!(tracing::Level::TRACE) {
            tracing::trace!(body = %secrets.scrub(&redact(&http.body)), "response");
        }
        classify::classify::<Resp>(http, op.response_ns, op.response_element, &inner.xml_limits, secrets)
            .map_err(|kind| Error::new(op, kind))
    }
}

fn transport_error(e: TransportError, inner: &Inner) -> ErrorKind {
    match e {
        TransportError::Connect(source) => ErrorKind::Connect(source),
        TransportError::ConnectTimeout => {
            ErrorKind::Timeout { phase: TimeoutPhase::Connect, after: inner.connect_timeout }
        }
        TransportError::BodyTooLarge { status } => ErrorKind::BodyTooLarge { status, limit: inner.max_response_bytes },
        TransportError::Other(source) => ErrorKind::Transport(source),
    }
}
