//! Scripted answers: failures a test wants the fake PayPal to produce for an operation, once or every time,
//! before (or instead of) its handler: PayPal errors like 10486, faults, proxy pages, redirects, slow or
//! missing answers, oversized bodies. They are what PayPal's sandbox makes hard to produce on demand.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::Duration;

use super::reply::{HttpReply, paypal_error};
use crate::client::{ApiError, Operation};
use paypal_soap_runtime::soap::SoapFault;

/// One scripted answer.
///
/// # Example
/// ```
/// use std::time::Duration;
/// use paypal_soap::testing::Scripted;
/// // PayPal's "redirect the buyer back to PayPal" failure.
/// let funding = Scripted::error(10486);
/// // PayPal's own timeout fault, after five seconds.
/// let slow_fault = Scripted::timeout_fault().after(Duration::from_secs(5));
/// // A load balancer's maintenance page.
/// let html = Scripted::html(503, "<html><body>Service Unavailable</body></html>");
/// # let _ = (funding, slow_fault, html);
/// ```
#[derive(Debug, Clone)]
pub enum Scripted {
    /// Let the handler answer (useful after a delay).
    Handle,
    /// `Ack=Failure` with these errors, in the operation's response type.
    Failure(Vec<ApiError>),
    /// `Ack=SuccessWithWarning` with these warnings, in an otherwise empty response of the operation's type.
    Warning(Vec<ApiError>),
    /// A SOAP fault with this HTTP status.
    Fault {
        /// The HTTP status (PayPal uses 500; some proxies 200).
        status: u16,
        /// The fault.
        fault: SoapFault,
    },
    /// These exact HTTP bytes.
    Http(HttpReply),
    /// Never answer: the connection stays open until the client gives up.
    Hang,
    /// Read the request, then close the connection without answering or handling it: the request never reached
    /// PayPal's processing, but the client cannot know that.
    Cut,
    /// Let the handler answer (PayPal acted: a payment was made, a `MsgSubID` remembered), then close the
    /// connection instead of sending the answer: the outcome a timeout or a network cut leaves a merchant with.
    LoseAnswer,
    /// Wait, then answer as the inner script says.
    Delayed(Duration, Box<Scripted>),
}

impl Scripted {
    /// `Ack=Failure` with PayPal's error `code` and PayPal's messages for it (see
    /// [`paypal_error`](super::paypal_error)).
    #[must_use]
    pub fn error(code: u32) -> Self {
        Scripted::Failure(vec![paypal_error(code)])
    }

    /// `Ack=SuccessWithWarning` with PayPal's warning `code` (11002: a TransactionSearch truncated at 100).
    #[must_use]
    pub fn warning(code: u32) -> Self {
        let mut w = paypal_error(code);
        w.severity = Some("Warning".to_owned());
        Scripted::Warning(vec![w])
    }

    /// PayPal's own timeout fault: `SOAP-ENV:Server`, "Internal error", detail "Timeout processing request",
    /// with HTTP 500.
    #[must_use]
    pub fn timeout_fault() -> Self {
        let mut fault = SoapFault::new("soapenv:Server", "Internal error");
        fault.detail = Some("Timeout processing request".to_owned());
        Scripted::Fault { status: 500, fault }
    }

    /// A SOAP fault with `code` (`soapenv:Client`, `soapenv:Server`), `string` and HTTP `status`.
    #[must_use]
    pub fn fault(status: u16, code: &str, string: &str) -> Self {
        Scripted::Fault { status, fault: SoapFault::new(code, string) }
    }

    /// An HTML page with `status`.
    #[must_use]
    pub fn html(status: u16, body: &str) -> Self {
        Scripted::Http(HttpReply::html(status, body))
    }

    /// A redirect with `status` (307, 302, ...) to `location`.
    #[must_use]
    pub fn redirect(status: u16, location: &str) -> Self {
        Scripted::Http(HttpReply::redirect(status, location))
    }

    /// A body of `len` bytes, streamed without `Content-Length`.
    #[must_use]
    pub fn oversized(len: usize) -> Self {
        Scripted::Http(HttpReply::oversized(len))
    }

    /// The same answer after waiting `delay`.
    #[must_use]
    pub fn after(self, delay: Duration) -> Self {
        Scripted::Delayed(delay, Box::new(self))
    }

    /// Wait `delay`, then let the handler answer.
    #[must_use]
    pub fn delay(delay: Duration) -> Self {
        Scripted::Handle.after(delay)
    }
}

/// Which calls a script entry applies to.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Target {
    /// One operation, by (port, name).
    Op(&'static str, &'static str),
    /// Every operation.
    Any,
}

/// The scripted answers of one fake server. One-shot entries are used in the order they were added and
/// before any permanent entry; an operation's entries come before the ones for every operation.
#[derive(Debug, Default)]
pub struct Script {
    state: Mutex<ScriptState>,
}

#[derive(Debug, Default)]
struct ScriptState {
    once: HashMap<Target, VecDeque<Scripted>>,
    always: HashMap<Target, Scripted>,
}

impl Script {
    /// Answers the next call of `op` with `answer`.
    pub fn once(&self, op: &Operation, answer: Scripted) {
        self.lock().once.entry(Target::Op(op.port, op.name)).or_default().push_back(answer);
    }

    /// Answers every call of `op` with `answer`, until [`Self::clear`].
    pub fn always(&self, op: &Operation, answer: Scripted) {
        self.lock().always.insert(Target::Op(op.port, op.name), answer);
    }

    /// Answers the next call of any operation with `answer`.
    pub fn once_any(&self, answer: Scripted) {
        self.lock().once.entry(Target::Any).or_default().push_back(answer);
    }

    /// Answers every call of every operation with `answer`, until [`Self::clear`].
    pub fn always_any(&self, answer: Scripted) {
        self.lock().always.insert(Target::Any, answer);
    }

    /// Removes every entry.
    pub fn clear(&self) {
        let mut s = self.lock();
        s.once.clear();
        s.always.clear();
    }

    /// The entry for the call of `op` that is starting now, if any.
    pub(crate) fn take(&self, op: &Operation) -> Option<Scripted> {
        let mut s = self.lock();
        for target in [Target::Op(op.port, op.name), Target::Any] {
            if let Some(answer) = s.once.get_mut(&target).and_then(VecDeque::pop_front) {
                return Some(answer);
            }
        }
        for target in [Target::Op(op.port, op.name), Target::Any] {
            if let Some(answer) = s.always.get(&target) {
                return Some(answer.clone());
            }
        }
        None
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, ScriptState> {
        // A panic while holding the lock leaves plain data behind, so the state is still usable.
        self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}
