//! Typed outcomes of a failed call: [`Error`] says which operation failed, what happened ([`ErrorKind`]), and
//! whether the request may have reached PayPal ([`Delivery`]), which is what decides if sending it again is safe.

use std::any::Any;
use std::error::Error as StdError;
use std::fmt;
use std::time::Duration;

use super::response::{ApiError, ack_text};
use crate::generated::ebl::AckCodeType;
use paypal_soap_runtime::DateTime;
use paypal_soap_runtime::operation::{Effect, Operation};
use paypal_soap_runtime::soap::SoapFault;
use paypal_soap_runtime::validate::Violations;
use paypal_soap_runtime::xml::{DecodeError, EncodeError};

/// A boxed error from a transport or another layer below the client.
pub type BoxError = Box<dyn StdError + Send + Sync + 'static>;

/// Whether the request may have reached PayPal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Delivery {
    /// The request never left this process (invalid, not encodable) or no connection was opened: nothing
    /// happened at PayPal and sending it again is safe.
    NotSent,
    /// PayPal answered definitively: a decoded response, or a SOAP `Client` fault (the request was refused).
    Answered,
    /// The request may have reached PayPal and no definitive answer came back (a timeout after sending, a
    /// broken connection, a `Server` fault, a proxy page, an undecodable or oversized body, a redirect).
    Unknown,
}

/// Which timeout expired.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimeoutPhase {
    /// Opening the connection (TCP and TLS): the request was not sent.
    Connect,
    /// The whole exchange of one attempt (sending, PayPal's processing, reading the answer).
    Total,
    /// The whole call, every attempt and wait included ([`super::ClientBuilder::deadline`]).
    Deadline,
}

/// What went wrong.
#[derive(Debug)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The request breaks the schema's limits; it was not sent. Turn validation off with
    /// [`super::ClientBuilder::validate_requests`] to send it anyway.
    Invalid(Violations),
    /// The request holds text XML cannot carry; it was not sent.
    Encode(EncodeError),
    /// PayPal answered with `Ack` other than `Success`/`SuccessWithWarning`/`Warning` (`Failure`,
    /// `FailureWithWarning`, `PartialSuccess`, ...) or with no `Ack` at all.
    Api(Box<ApiFailure>),
    /// A SOAP fault, sent with HTTP 200 or 500.
    Fault {
        /// The fault's code, string and detail.
        fault: Box<SoapFault>,
        /// The HTTP status.
        status: u16,
    },
    /// The body is not a SOAP envelope: an HTML proxy or maintenance page, JSON, an empty body.
    NotSoap {
        /// The HTTP status.
        status: u16,
        /// The `Content-Type` header, when present.
        content_type: Option<String>,
        /// The start of the body (at most 200 characters, control characters replaced).
        snippet: String,
    },
    /// A SOAP envelope that could not be decoded (malformed XML, a body element of another operation, a value
    /// that does not parse).
    Decode {
        /// The HTTP status.
        status: u16,
        /// What the decoder found, with position and element path.
        error: DecodeError,
    },
    /// The response body grew past the size cap; reading stopped there.
    BodyTooLarge {
        /// The HTTP status.
        status: u16,
        /// The cap in bytes ([`super::ClientBuilder::max_response_bytes`]).
        limit: usize,
    },
    /// An HTTP redirect, never followed: following it would send the credentials to another URL.
    Redirect {
        /// The HTTP status (301, 302, 303, 307, 308).
        status: u16,
        /// The `Location` header, when present.
        location: Option<String>,
    },
    /// A timeout expired.
    Timeout {
        /// Which one.
        phase: TimeoutPhase,
        /// Its configured length.
        after: Duration,
    },
    /// The connection could not be opened (DNS, refused, TLS handshake): the request was not sent.
    Connect(BoxError),
    /// The connection failed after it was opened (reset, closed early, an HTTP protocol error).
    Transport(BoxError),
}

/// `Ack=Failure` (or another non-success `Ack`): every error PayPal sent, the correlation ID to quote to
/// PayPal, and the payload that came with the failure (PayPal sometimes fills it, e.g. a DoDirectPayment
/// failure with AVS and CVV2 codes).
pub struct ApiFailure {
    /// The `Ack` value; `None` when the response had none.
    pub ack: Option<AckCodeType>,
    /// Every entry of `Errors`, in order.
    pub errors: Vec<ApiError>,
    /// `CorrelationID`.
    pub correlation_id: Option<String>,
    /// `Timestamp`.
    pub timestamp: Option<DateTime>,
    /// The HTTP status.
    pub status: u16,
    payload: Box<dyn Any + Send + Sync>,
    payload_type: &'static str,
}

impl ApiFailure {
    pub(crate) fn new<T: Send + Sync + 'static>(
        ack: Option<AckCodeType>,
        errors: Vec<ApiError>,
        correlation_id: Option<String>,
        timestamp: Option<DateTime>,
        status: u16,
        payload: T,
    ) -> Self {
        let payload_type = std::any::type_name::<T>();
        Self { ack, errors, correlation_id, timestamp, status, payload: Box::new(payload), payload_type }
    }

    /// The decoded response that carried the failure, as the operation's response type (the type the method
    /// would have returned on success); `None` when `T` is another type.
    ///
    /// # Example
    /// ```no_run
    /// # fn f(e: paypal_soap::client::Error) {
    /// use paypal_soap::types::DoDirectPaymentResponseType;
    /// if let Some(failure) = e.api_failure() {
    ///     if let Some(payload) = failure.payload::<DoDirectPaymentResponseType>() {
    ///         println!("AVS {:?}, CVV2 {:?}", payload.avs_code, payload.cvv2_code);
    ///     }
    /// }
    /// # }
    /// ```
    #[must_use]
    pub fn payload<T: 'static>(&self) -> Option<&T> {
        self.payload.downcast_ref()
    }

    /// The payload, owned; `None` when `T` is not its type.
    #[must_use]
    pub fn into_payload<T: 'static>(self) -> Option<T> {
        self.payload.downcast::<T>().ok().map(|p| *p)
    }

    /// True when one of the errors has `code` (`"10486"`).
    #[must_use]
    pub fn has_code(&self, code: &str) -> bool {
        self.errors.iter().any(|e| e.code.trim() == code)
    }
}

impl fmt::Debug for ApiFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiFailure")
            .field("ack", &self.ack)
            .field("errors", &self.errors)
            .field("correlation_id", &self.correlation_id)
            .field("timestamp", &self.timestamp)
            .field("status", &self.status)
            .field("payload", &format_args!("{}", self.payload_type))
            .finish()
    }
}

impl fmt::Display for ApiFailure {
    /// `paypal answered Failure: 10486: This transaction couldn't be completed. (correlation id 5f2c3a1b9e0d7); recovery: redirect the buyer to PayPal …`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ack = self.ack.as_ref().map_or_else(|| "no Ack".to_owned(), ack_text);
        write!(f, "paypal answered {ack}")?;
        for (i, e) in self.errors.iter().enumerate() {
            f.write_str(if i == 0 { ": " } else { "; " })?;
            write!(f, "{e}")?;
        }
        if self.errors.is_empty() {
            f.write_str(" without errors")?;
        }
        match &self.correlation_id {
            Some(id) => write!(f, " (correlation id {id})")?,
            None => f.write_str(" (no correlation id)")?,
        }
        // What to do, from the error catalog (`crate::outcome`): the part a merchant's code acts on.
        write!(f, "; recovery: {}", self.recovery())
    }
}

/// PayPal's answers to a repeated `MsgSubID`: conflicting content, still in progress, duplicate.
pub(crate) const DUPLICATE_CODES: [&str; 3] = ["11603", "11604", "11607"];

/// A failed call.
///
/// `Display` says what happened and, when the request may have changed something at PayPal without a
/// definitive answer, that the outcome is unknown and how to find it out.
#[derive(Debug)]
pub struct Error {
    // Boxed so that `Result<_, Error>` stays one pointer wide on the success path.
    inner: Box<Inner>,
}

#[derive(Debug)]
struct Inner {
    operation: &'static str,
    effect: Effect,
    delivery: Delivery,
    attempts: u32,
    kind: ErrorKind,
}

impl Error {
    pub(crate) fn new(op: &Operation, kind: ErrorKind) -> Self {
        let delivery = match &kind {
            ErrorKind::Invalid(_) | ErrorKind::Encode(_) | ErrorKind::Connect(_) => Delivery::NotSent,
            ErrorKind::Timeout { phase: TimeoutPhase::Connect, .. } => Delivery::NotSent,
            ErrorKind::Api(_) => Delivery::Answered,
            ErrorKind::Fault { fault, .. } if fault.is_client() => Delivery::Answered,
            _ => Delivery::Unknown,
        };
        Self { inner: Box::new(Inner { operation: op.name, effect: op.effect, delivery, attempts: 1, kind }) }
    }

    pub(crate) fn with_attempts(mut self, attempts: u32) -> Self {
        self.inner.attempts = attempts;
        self
    }

    /// The WSDL name of the operation that failed.
    #[must_use]
    pub fn operation(&self) -> &'static str {
        self.inner.operation
    }

    /// What went wrong.
    #[must_use]
    pub fn kind(&self) -> &ErrorKind {
        &self.inner.kind
    }

    /// What went wrong, owned.
    #[must_use]
    pub fn into_kind(self) -> ErrorKind {
        self.inner.kind
    }

    /// Whether the request may have reached PayPal.
    #[must_use]
    pub fn delivery(&self) -> Delivery {
        self.inner.delivery
    }

    /// True when the operation changes something at PayPal (money, for [`Effect::MovesMoney`]) and the request
    /// may have reached PayPal without a definitive answer. Do not send it again blindly: look the transaction
    /// up first (GetTransactionDetails, TransactionSearch), or resend it with the same `MsgSubID`, which PayPal
    /// uses to answer a repeated request with the original result.
    #[must_use]
    pub fn outcome_unknown(&self) -> bool {
        self.inner.delivery == Delivery::Unknown && self.inner.effect != Effect::ReadOnly
    }

    /// How many times the request was sent (more than 1 only with a [`super::RetryPolicy`]).
    #[must_use]
    pub fn attempts(&self) -> u32 {
        self.inner.attempts
    }

    /// The failure PayPal reported, for [`ErrorKind::Api`].
    #[must_use]
    pub fn api_failure(&self) -> Option<&ApiFailure> {
        match &self.inner.kind {
            ErrorKind::Api(f) => Some(f),
            _ => None,
        }
    }

    /// True when PayPal reported error `code` (`"10486"`).
    #[must_use]
    pub fn has_code(&self, code: &str) -> bool {
        self.api_failure().is_some_and(|f| f.has_code(code))
    }

    /// True when PayPal refused the request as a repeat of an earlier one with the same `MsgSubID`: 11607
    /// ("Duplicate request for specified Message Submission ID"; the original result is attached as the payload,
    /// see [`ApiFailure::payload`]), 11604 (the first request with that `MsgSubID` is still in progress) or 11603
    /// (a request with that `MsgSubID` but different content was made before).
    #[must_use]
    pub fn is_duplicate_request(&self) -> bool {
        self.api_failure().is_some_and(|f| DUPLICATE_CODES.iter().any(|code| f.has_code(code)))
    }

    /// True for any timeout (connect, one attempt, or the call's deadline).
    #[must_use]
    pub fn is_timeout(&self) -> bool {
        matches!(self.inner.kind, ErrorKind::Timeout { .. })
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErrorKind::Invalid(v) => write!(f, "invalid request, not sent: {v}"),
            ErrorKind::Encode(e) => write!(f, "request not encodable, not sent: {e}"),
            ErrorKind::Api(failure) => write!(f, "{failure}"),
            ErrorKind::Fault { fault, status } => write!(f, "{fault} (http {status})"),
            ErrorKind::NotSoap { status, content_type, snippet } => {
                let ct = content_type.as_deref().unwrap_or("none");
                write!(f, "not a soap response: http {status}, content type {ct}, body {snippet:?}")
            }
            ErrorKind::Decode { status, error } => write!(f, "undecodable soap response (http {status}): {error}"),
            ErrorKind::BodyTooLarge { status, limit } => {
                write!(f, "response body over the {limit}-byte limit (http {status}), reading stopped")
            }
            ErrorKind::Redirect { status, location } => {
                let to = location.as_deref().unwrap_or("(no location)");
                write!(f, "http {status} redirect to {to} not followed: it would resend the credentials")
            }
            ErrorKind::Timeout { phase: TimeoutPhase::Connect, after } => {
                write!(f, "no connection within {after:?}, not sent")
            }
            ErrorKind::Timeout { phase: TimeoutPhase::Total, after } => write!(f, "no response within {after:?}"),
            ErrorKind::Timeout { phase: TimeoutPhase::Deadline, after } => {
                write!(f, "call deadline of {after:?} passed, retries included")
            }
            ErrorKind::Connect(e) => write!(f, "connection failed, not sent: {e}"),
            ErrorKind::Transport(e) => write!(f, "connection failed after sending began: {e}"),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "paypal {}: {}", self.inner.operation, self.inner.kind)?;
        if self.inner.attempts > 1 {
            write!(f, " (after {} attempts)", self.inner.attempts)?;
        }
        if self.outcome_unknown() {
            let money = if self.inner.effect == Effect::MovesMoney { " and moved money" } else { "" };
            write!(
                f,
                "; outcome unknown: the request may have reached paypal{money}; look the transaction up \
                 (GetTransactionDetails, TransactionSearch) before sending it again, or resend it with the same \
                 MsgSubID"
            )?;
        }
        Ok(())
    }
}

impl StdError for Error {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        match &self.inner.kind {
            ErrorKind::Invalid(v) => Some(v),
            ErrorKind::Encode(e) => Some(e),
            ErrorKind::Fault { fault, .. } => Some(&**fault),
            ErrorKind::Decode { error, .. } => Some(error),
            ErrorKind::Connect(e) | ErrorKind::Transport(e) => Some(&**e),
            _ => None,
        }
    }
}
