//! The seam between the client and an HTTP stack: [`Transport`] sends one POST and returns the status, the
//! content type and a body read up to a size cap. The default is [`super::ReqwestTransport`] (feature
//! `reqwest`); a caller can bring another HTTP stack by implementing this trait.

use std::fmt;
use std::future::Future;
use std::pin::Pin;

use super::error::BoxError;

/// One HTTP POST to send.
#[derive(Clone)]
pub struct HttpRequest {
    /// The absolute URL.
    pub url: String,
    /// Headers to send, besides what the HTTP stack adds itself (`Host`, `Content-Length`).
    pub headers: Vec<(&'static str, String)>,
    /// The body: a SOAP envelope holding the credentials.
    pub body: Vec<u8>,
    /// Stop reading the response body past this many bytes and return
    /// [`TransportError::BodyTooLarge`]; the body must be read incrementally, never buffered whole first.
    pub max_response_bytes: usize,
}

impl fmt::Debug for HttpRequest {
    /// The body is left out: it holds the credentials.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpRequest")
            .field("url", &self.url)
            .field("headers", &self.headers)
            .field("body_len", &self.body.len())
            .field("max_response_bytes", &self.max_response_bytes)
            .finish()
    }
}

/// What came back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpResponse {
    /// The HTTP status.
    pub status: u16,
    /// The `Content-Type` header.
    pub content_type: Option<String>,
    /// The `Location` header (redirects).
    pub location: Option<String>,
    /// The whole body, at most `max_response_bytes` long.
    pub body: Vec<u8>,
}

/// Why no response came back.
#[derive(Debug)]
#[non_exhaustive]
pub enum TransportError {
    /// The connection could not be opened (DNS, refused, TLS handshake): nothing was sent.
    Connect(BoxError),
    /// The connection was not open within the connect timeout: nothing was sent.
    ConnectTimeout,
    /// The body grew past `max_response_bytes`; reading stopped there.
    BodyTooLarge {
        /// The HTTP status of the response.
        status: u16,
    },
    /// Anything after the connection was opened: the request may have been received.
    Other(BoxError),
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TransportError::Connect(e) => write!(f, "connection failed: {e}"),
            TransportError::ConnectTimeout => f.write_str("connect timeout"),
            TransportError::BodyTooLarge { status } => write!(f, "response body too large (http {status})"),
            TransportError::Other(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for TransportError {}

/// The future [`Transport::send`] returns.
pub type SendFuture<'a> = Pin<Box<dyn Future<Output = Result<HttpResponse, TransportError>> + Send + 'a>>;

/// An HTTP stack that can POST a request and read the answer.
///
/// Implementations must not follow redirects (the body carries credentials), must refuse plain `http://` URLs
/// unless they were built to allow them, must read the response body incrementally and stop at
/// `max_response_bytes`, and should time out on connect and map that to [`TransportError::ConnectTimeout`].
/// The client applies its own total timeout around [`Transport::send`].
///
/// # Example
/// ```
/// use paypal_soap::client::{HttpRequest, HttpResponse, SendFuture, Transport, TransportError};
///
/// /// A transport that answers every call with an HTML maintenance page, for tests.
/// #[derive(Debug)]
/// struct Maintenance;
///
/// impl Transport for Maintenance {
///     fn send(&self, _request: HttpRequest) -> SendFuture<'_> {
///         Box::pin(async {
///             Ok(HttpResponse {
///                 status: 503,
///                 content_type: Some("text/html".into()),
///                 location: None,
///                 body: b"<html>down for maintenance</html>".to_vec(),
///             })
///         })
///     }
/// }
/// ```
pub trait Transport: Send + Sync + fmt::Debug {
    /// Sends `request` and reads the response.
    fn send(&self, request: HttpRequest) -> SendFuture<'_>;
}
