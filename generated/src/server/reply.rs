//! What a fake PayPal handler answers ([`Reply`]), what goes back over HTTP ([`HttpReply`]), and the PayPal
//! errors tests most often need, with PayPal's own messages ([`paypal_error`]).

use std::fmt;

use crate::client::ApiError;
use paypal_soap_runtime::soap::SoapFault;

/// A handler's answer to one call of an operation whose response type is `T`.
#[derive(Debug, Clone)]
pub enum Reply<T> {
    /// Answer with this response. `Ack` (default `Success`), `Timestamp`, `CorrelationID`, `Version` and `Build`
    /// are filled in when the handler left them empty.
    Ok(T),
    /// Answer `Ack=Failure` with these errors, in an otherwise empty response of type `T`, as PayPal does.
    Failure(Vec<ApiError>),
    /// Answer with a SOAP fault (HTTP 500).
    Fault(SoapFault),
    /// Answer with these exact HTTP bytes (an HTML page, JSON, a redirect, a huge body).
    Http(HttpReply),
    /// The handler does not implement this operation: the server answers as its `DefaultReply` says.
    Unhandled,
}

impl<T> Reply<T> {
    /// `Ack=Failure` with one PayPal error: the code, and PayPal's messages for it when [`paypal_error`] knows
    /// them.
    #[must_use]
    pub fn error(code: u32) -> Self {
        Reply::Failure(vec![paypal_error(code)])
    }
}

/// A PayPal error with PayPal's short and long message for the codes integration tests most often need
/// (10001, 10002, 10411, 10415, 10416, 10417, 10421, 10422, 10486, 10736, 11002, and 11604 and 11607, PayPal's
/// answers to a repeated `MsgSubID`), severity `Error` (`Warning` for 11002); other codes get a generic message
/// naming the code.
///
/// # Example
/// ```
/// use paypal_soap::testing::paypal_error;
/// let e = paypal_error(10486);
/// assert_eq!((e.code.as_str(), e.short_message.as_str()), ("10486", "This transaction couldn't be completed."));
/// ```
#[must_use]
pub fn paypal_error(code: u32) -> ApiError {
    let (short, long) = match code {
        10001 => ("Internal Error", "Internal Error"),
        10002 => ("Authentication/Authorization Failed", "Username/Password is incorrect"),
        10411 => (
            "This Express Checkout session has expired.",
            "This Express Checkout session has expired. Token value is no longer valid.",
        ),
        10415 => (
            "Transaction refused because of an invalid argument. See additional error messages for details.",
            "A successful transaction has already been completed for this token.",
        ),
        10416 => (
            "Transaction refused because of an invalid argument. See additional error messages for details.",
            "You have exceeded the maximum number of payment attempts for this token.",
        ),
        10417 => (
            "Transaction cannot complete.",
            "The transaction cannot complete successfully. Instruct the customer to use an alternative payment method.",
        ),
        10421 => (
            "This Express Checkout session belongs to a different customer.",
            "This Express Checkout session belongs to a different customer. Token value mismatch.",
        ),
        10422 => (
            "Customer must choose new funding sources.",
            "The customer must return to PayPal to select new funding sources.",
        ),
        10486 => (
            "This transaction couldn't be completed.",
            "This transaction couldn't be completed. Please redirect your customer to PayPal.",
        ),
        10736 => (
            "Shipping Address Invalid City State Postal Code",
            "A match of the Shipping Address City, State, and Postal Code failed.",
        ),
        11002 => (
            "Search warning",
            "The number of results were truncated. Please change your search parameters if you wish to see all your results.",
        ),
        11604 => (
            "Request for Message Submission ID already in progress.",
            "Request for the specified Message Submission ID (specified in MSGSUBID parameter) cannot be started until the previous request finishes.",
        ),
        11607 => (
            "Duplicate request for specified Message Submission ID.",
            "The specified Message Submission ID (specified in MSGSUBID parameter) is a duplicate; result parameters of the original request are attached.",
        ),
        _ => ("Scripted error", "An error scripted on the fake PayPal server."),
    };
    ApiError {
        code: code.to_string(),
        short_message: short.to_owned(),
        long_message: Some(long.to_owned()),
        severity: Some(if code == 11002 { "Warning" } else { "Error" }.to_owned()),
        parameters: Vec::new(),
    }
}

/// The body of an [`HttpReply`].
#[derive(Clone, PartialEq, Eq)]
pub enum ReplyBody {
    /// These bytes.
    Bytes(Vec<u8>),
    /// `len` bytes produced while they are sent, in chunks (for oversized bodies): `prefix`, then spaces.
    Generated {
        /// The first bytes.
        prefix: Vec<u8>,
        /// The whole length.
        len: usize,
    },
    /// No answer at all: the connection is closed once the request has been read.
    Cut,
}

impl fmt::Debug for ReplyBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReplyBody::Bytes(b) => write!(f, "Bytes({} bytes)", b.len()),
            ReplyBody::Generated { len, .. } => write!(f, "Generated({len} bytes)"),
            ReplyBody::Cut => f.write_str("Cut"),
        }
    }
}

/// An HTTP answer, exactly as it is sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpReply {
    /// The status.
    pub status: u16,
    /// Headers (`Content-Type` among them).
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: ReplyBody,
}

impl HttpReply {
    /// `status` with a body of type `content_type`.
    #[must_use]
    pub fn new(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Self {
        Self {
            status,
            headers: vec![("Content-Type".to_owned(), content_type.to_owned())],
            body: ReplyBody::Bytes(body.into()),
        }
    }

    /// A SOAP envelope (`text/xml; charset=utf-8`).
    #[must_use]
    pub fn xml(status: u16, body: Vec<u8>) -> Self {
        Self::new(status, "text/xml; charset=utf-8", body)
    }

    /// An HTML page, like the one a proxy or load balancer shows (`503 Service Unavailable`).
    #[must_use]
    pub fn html(status: u16, body: &str) -> Self {
        Self::new(status, "text/html; charset=utf-8", body)
    }

    /// A JSON body (what PayPal's REST API or a misrouted gateway answers).
    #[must_use]
    pub fn json(status: u16, body: &str) -> Self {
        Self::new(status, "application/json", body)
    }

    /// An empty body.
    #[must_use]
    pub fn empty(status: u16) -> Self {
        Self { status, headers: Vec::new(), body: ReplyBody::Bytes(Vec::new()) }
    }

    /// A redirect (`307`, `302`, ...) to `location`.
    #[must_use]
    pub fn redirect(status: u16, location: &str) -> Self {
        Self { status, headers: vec![("Location".to_owned(), location.to_owned())], body: ReplyBody::Bytes(Vec::new()) }
    }

    /// No answer: the connection is closed right after the request was read.
    #[must_use]
    pub fn cut() -> Self {
        Self { status: 0, headers: Vec::new(), body: ReplyBody::Cut }
    }

    /// A `text/xml` body of `len` bytes that starts like a SOAP envelope and never ends, sent in chunks
    /// without a `Content-Length`, to prove a client stops reading at its cap.
    #[must_use]
    pub fn oversized(len: usize) -> Self {
        let prefix = b"<?xml version=\"1.0\" encoding=\"UTF-8\"?><SOAP-ENV:Envelope \
            xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\"><SOAP-ENV:Body>"
            .to_vec();
        Self {
            status: 200,
            headers: vec![("Content-Type".to_owned(), "text/xml; charset=utf-8".to_owned())],
            body: ReplyBody::Generated { prefix, len },
        }
    }
}
