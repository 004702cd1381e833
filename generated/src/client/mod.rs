//! The PayPal SOAP client: [`Client`] (built by [`ClientBuilder`]) sends one operation's request and returns a
//! typed [`Response`] or a typed [`Error`]. The generated code (`crate::generated::services`) adds one method per
//! WSDL operation to [`Client`]; each sets `Version`, validates the request and calls [`Client::call`].
//!
//! Safe defaults: a 10 s connect timeout and a 60 s total timeout, redirects never followed, HTTPS only,
//! TLS 1.2 or newer, responses over 8 MiB refused while they arrive, no retries, no proxy (the proxy environment
//! variables are ignored unless [`ClientBuilder::proxy_from_env`] asks for them). Request and response bodies
//! are logged through `tracing` at trace level with credentials and card data masked ([`redact`]); so is every
//! text an [`Error`] repeats from a response (a proxy page, a fault string, PayPal's error messages), with the
//! call's own credentials and card numbers masked wherever they appear.
//!
//! One client serves many merchants: [`Client::with_credentials`], [`Client::with_subject`] and
//! [`Client::with_deadline`] return cheap copies that share the connection pool and differ only in what the
//! next calls send or how long they may take.

mod builder;
mod classify;
mod endpoint;
mod error;
#[cfg(feature = "reqwest")]
mod reqwest_transport;
pub(crate) mod resend;
mod response;
mod retry;
mod transport;

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use tokio::time::Instant;

use tracing::Instrument;

pub use builder::{BuildError, ClientBuilder, ProxyUrl};
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

use paypal_soap_runtime::credentials::Credentials;
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
    per_call: PerCall,
}

/// What [`Client::with_credentials`], [`Client::with_subject`] and [`Client::with_deadline`] change: the
/// settings of the calls made through one copy of a client, apart from the shared transport.
#[derive(Clone)]
struct PerCall {
    credentials: Arc<Credentials>,
    deadline: Option<Duration>,
}

struct Inner {
    url: String,
    auth: AuthMethod,
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
            .field("credentials", &*self.per_call.credentials)
            .field("transport", &i.transport)
            .field("validate", &i.validate)
            .field("connect_timeout", &i.connect_timeout)
            .field("timeout", &i.timeout)
            .field("deadline", &self.per_call.deadline)
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
        ClientBuilder::new(endpoint, credentials)
    }

    /// A copy of this client whose calls send `credentials` (another merchant's API credentials, or the
    /// platform's own with a `Subject`), over the same connection pool and with every other setting shared.
    /// Cloning is cheap: two reference counts. The credentials are masked in `Debug` and in logs like the
    /// client's own.
    ///
    /// # Errors
    /// [`BuildError::AuthMismatch`] when `credentials` use the other kind of authentication (signature or
    /// certificate) than the client was built for: the two go to different hosts and TLS settings.
    ///
    /// # Example
    /// ```no_run
    /// # async fn f(platform: paypal_soap::Client) -> Result<(), Box<dyn std::error::Error>> {
    /// use paypal_soap::Credentials;
    /// use paypal_soap::types::GetBalanceRequestType;
    /// let merchant = platform.with_credentials(Credentials::signature("m_api1.shop.example", "pw", "sig"))?;
    /// let balance = merchant.get_balance(GetBalanceRequestType::default()).await?;
    /// # Ok(()) }
    /// ```
    pub fn with_credentials(&self, credentials: Credentials) -> Result<Client, BuildError> {
        let given = if credentials.signature.is_some() { AuthMethod::Signature } else { AuthMethod::Certificate };
        if given != self.inner.auth {
            return Err(BuildError::AuthMismatch { built: self.inner.auth, given });
        }
        let mut copy = self.clone();
        copy.per_call.credentials = Arc::new(credentials);
        Ok(copy)
    }

    /// A copy of this client whose calls act on behalf of `subject` (the email address or payer ID of a
    /// merchant who granted this API user permission), with the same credentials and connection pool.
    ///
    /// # Example
    /// ```no_run
    /// # async fn f(platform: paypal_soap::Client) -> Result<(), paypal_soap::Error> {
    /// use paypal_soap::types::GetBalanceRequestType;
    /// let balance = platform.with_subject("merchant@shop.example").get_balance(GetBalanceRequestType::default()).await?;
    /// # Ok(()) }
    /// ```
    #[must_use]
    pub fn with_subject(&self, subject: impl Into<String>) -> Client {
        let mut copy = self.clone();
        copy.per_call.credentials = Arc::new((*self.per_call.credentials).clone().with_subject(subject));
        copy
    }

    /// A copy of this client whose calls each end within `deadline`, every attempt and wait included (see
    /// [`ClientBuilder::deadline`]).
    #[must_use]
    pub fn with_deadline(&self, deadline: Duration) -> Client {
        let mut copy = self.clone();
        copy.per_call.deadline = Some(deadline);
        copy
    }

    /// The credentials this copy's calls send (`Debug` masks the secrets).
    #[must_use]
    pub fn credentials(&self) -> &Credentials {
        &self.per_call.credentials
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
        let credentials = &*self.per_call.credentials;
        let mut envelope = soap::write_request(credentials, body, op.request_ns, op.request_element)
            .map_err(|e| Error::new(op, ErrorKind::Encode(e)))?;
        // What this call must never show, collected before the envelope is handed to the transport.
        let secrets = Secrets::new(credentials, &envelope);
        if tracing::enabled!(tracing::Level::TRACE) {
            tracing::trace!(body = %secrets.scrub(&redact(&envelope)), "request");
        }
        // PayPal answers a repeated MsgSubID with the first result, so a resend of this very envelope cannot act
        // twice. Which operations have one comes from the generator's plan (`Operation::msg_sub_id`); whether this
        // request sets it, from the bytes about to be sent.
        let idempotent = op.msg_sub_id.is_some() && resend::carries_msg_sub_id(&envelope);
        let deadline = self.per_call.deadline.map(|total| Deadline { at: Instant::now() + total, total });
        let max_attempts = inner.retry.max_attempts();
        let mut attempt = 1;
        loop {
            // The last attempt takes the buffer; earlier ones send a copy, so every attempt sends the same bytes.
            let body = if attempt < max_attempts { envelope.clone() } else { std::mem::take(&mut envelope) };
            let result = self.attempt::<Resp>(op, body, attempt, &secrets, deadline).await;
            let error = match result {
                Ok(response) => return Ok(response),
                Err(error) => error,
            };
            if inner.retry.should_retry(attempt, op.effect, idempotent, &error) {
                let wait = inner.retry.backoff(attempt);
                // A retry that could not even start before the deadline is not made: the call ends now, with
                // the failure that happened, instead of sleeping into a deadline error.
                if deadline.is_none_or(|d| d.left() > wait) {
                    tracing::debug!(attempt, ?wait, idempotent, error = %error, "retrying");
                    tokio::time::sleep(wait).await;
                    attempt += 1;
                    continue;
                }
            }
            tracing::debug!(attempt, error = %error, outcome_unknown = error.outcome_unknown(), "failed");
            return Err(error.with_attempts(attempt));
        }
    }

    async fn attempt<Resp: ApiResponse>(
        &self,
        op: &'static Operation,
        body: Vec<u8>,
        attempt: u32,
        secrets: &Secrets,
        deadline: Option<Deadline>,
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
        // The attempt ends at its own timeout or at the call's deadline, whichever comes first.
        let (limit, timeout_kind) = match deadline {
            Some(d) if d.left() < inner.timeout => {
                (d.left(), ErrorKind::Timeout { phase: TimeoutPhase::Deadline, after: d.total })
            }
            _ => (inner.timeout, ErrorKind::Timeout { phase: TimeoutPhase::Total, after: inner.timeout }),
        };
        tracing::debug!(attempt, url = %inner.url, bytes = request.body.len(), "sending");
        let started = Instant::now();
        let sent = tokio::time::timeout(limit, inner.transport.send(request)).await;
        let http = match sent {
            Err(_elapsed) => return Err(Error::new(op, timeout_kind)),
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

/// When a call must be over: [`ClientBuilder::deadline`] or [`Client::with_deadline`], from the call's start.
#[derive(Debug, Clone, Copy)]
struct Deadline {
    at: Instant,
    total: Duration,
}

impl Deadline {
    fn left(self) -> Duration {
        self.at.saturating_duration_since(Instant::now())
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
