//! When a failed attempt is sent again. Off by default; a caller opts in with a [`RetryPolicy`].
//!
//! The rule: a request that certainly never left this process (no connection could be opened) may be sent
//! again whatever the operation does. A request that may have reached PayPal is sent again only for read-only
//! operations, and only after a transient failure (a timeout, a broken connection, a `Server` fault, a proxy
//! page, an HTTP 5xx). Money-moving and other state-changing operations are never sent twice once PayPal may
//! have seen them: the error reports the outcome as unknown instead.
//!
//! One opt-in exception, [`RetryPolicy::resend_with_msg_sub_id`]: a request that carries PayPal's idempotency
//! key `MsgSubID` may be sent again, byte for byte, after a transient failure, because PayPal answers the repeat
//! with the first request's result instead of acting twice.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::error::{Delivery, Error, ErrorKind};
use paypal_soap_runtime::operation::Effect;

/// How many attempts a call may make, and how long to wait between them.
///
/// # Example
/// ```
/// use std::time::Duration;
/// use paypal_soap::client::RetryPolicy;
/// let policy = RetryPolicy::attempts(3).with_backoff(Duration::from_millis(100), Duration::from_secs(2));
/// assert_eq!(policy.max_attempts(), 3);
/// assert_eq!(RetryPolicy::default().max_attempts(), 1);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    max_attempts: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
    msg_sub_id: bool,
}

impl Default for RetryPolicy {
    /// One attempt: no retries.
    fn default() -> Self {
        Self::none()
    }
}

impl RetryPolicy {
    /// No retries.
    #[must_use]
    pub fn none() -> Self {
        Self {
            max_attempts: 1,
            initial_backoff: Duration::from_millis(250),
            max_backoff: Duration::from_secs(4),
            msg_sub_id: false,
        }
    }

    /// Up to `max_attempts` attempts in all (at least 1), with exponential backoff from 250 ms up to 4 s.
    #[must_use]
    pub fn attempts(max_attempts: u32) -> Self {
        Self { max_attempts: max_attempts.max(1), ..Self::none() }
    }

    /// The backoff: the first wait is `initial`, each next one doubles, none exceeds `max`; each wait is cut by
    /// a random part of up to a half so that many clients do not retry in step.
    #[must_use]
    pub fn with_backoff(mut self, initial: Duration, max: Duration) -> Self {
        self.initial_backoff = initial;
        self.max_backoff = max.max(initial);
        self
    }

    /// Also resends state-changing and money-moving requests that carry a `MsgSubID` (the operations whose
    /// [`Operation::msg_sub_id`](paypal_soap_runtime::operation::Operation::msg_sub_id) is set, with the field
    /// set in the request) after a transient failure whose outcome is unknown (a timeout, a cut connection, a
    /// `Server` fault, a proxy page, an HTTP 5xx), and after PayPal's 11604 ("request for this Message
    /// Submission ID already in progress"). The resend is the same bytes as the first attempt. PayPal then
    /// answers with the first attempt's result, marked with warning or error 11607
    /// ([`Response::is_duplicate_request`](super::Response::is_duplicate_request),
    /// [`Error::is_duplicate_request`]), and never acts twice. Requests without a `MsgSubID` keep the strict rule.
    ///
    /// ```
    /// use paypal_soap::client::RetryPolicy;
    /// let policy = RetryPolicy::attempts(3).resend_with_msg_sub_id();
    /// assert!(policy.resends_with_msg_sub_id());
    /// ```
    #[must_use]
    pub fn resend_with_msg_sub_id(mut self) -> Self {
        self.msg_sub_id = true;
        self
    }

    /// Whether [`Self::resend_with_msg_sub_id`] is on.
    #[must_use]
    pub fn resends_with_msg_sub_id(&self) -> bool {
        self.msg_sub_id
    }

    /// Attempts in all.
    #[must_use]
    pub fn max_attempts(&self) -> u32 {
        self.max_attempts
    }

    /// Whether attempt number `attempt` (1-based), which failed with `error`, may be followed by another.
    /// `idempotent` says the request carries a `MsgSubID`, so PayPal would not act on a resend twice.
    pub(crate) fn should_retry(&self, attempt: u32, effect: Effect, idempotent: bool, error: &Error) -> bool {
        if attempt >= self.max_attempts {
            return false;
        }
        let keyed = self.msg_sub_id && idempotent;
        match error.delivery() {
            Delivery::NotSent => matches!(error.kind(), ErrorKind::Connect(_) | ErrorKind::Timeout { .. }),
            // 11604: PayPal is still working on the first request with this MsgSubID; asking again later gets
            // its result.
            Delivery::Answered => keyed && error.has_code("11604"),
            Delivery::Unknown => (effect == Effect::ReadOnly || keyed) && is_transient(error.kind()),
        }
    }

    /// The wait before attempt `attempt + 1`.
    pub(crate) fn backoff(&self, attempt: u32) -> Duration {
        let exp = self.initial_backoff.saturating_mul(1u32 << attempt.saturating_sub(1).min(16));
        let full = exp.min(self.max_backoff);
        // Jitter from the clock's sub-second part: good enough to spread clients, no RNG dependency.
        let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
        let cut = full.mul_f64(f64::from(nanos % 1000) / 2000.0);
        full.saturating_sub(cut)
    }
}

fn is_transient(kind: &ErrorKind) -> bool {
    match kind {
        ErrorKind::Timeout { .. } | ErrorKind::Transport(_) => true,
        ErrorKind::Fault { fault, .. } => fault.is_server(),
        ErrorKind::NotSoap { status, .. } => *status >= 500,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::client::{ErrorKind, TimeoutPhase};
    use paypal_soap_runtime::operation::Operation;
    use paypal_soap_runtime::soap::SoapFault;

    fn op(effect: Effect) -> Operation {
        Operation {
            name: "X",
            port: "P",
            soap_action: "",
            request_ns: "",
            request_element: "XReq",
            response_ns: "",
            response_element: "XResponse",
            effect,
            msg_sub_id: None,
        }
    }

    fn timeout() -> ErrorKind {
        ErrorKind::Timeout { phase: TimeoutPhase::Total, after: Duration::from_secs(1) }
    }

    #[test]
    fn money_is_never_resent_once_it_may_have_arrived() {
        let policy = RetryPolicy::attempts(5);
        for effect in [Effect::MovesMoney, Effect::Mutating] {
            let o = op(effect);
            assert!(!policy.should_retry(1, effect, false, &Error::new(&o, timeout())));
            let fault = ErrorKind::Fault { fault: Box::new(SoapFault::new("soapenv:Server", "x")), status: 500 };
            assert!(!policy.should_retry(1, effect, false, &Error::new(&o, fault)));
            let connect = ErrorKind::Connect("refused".into());
            assert!(policy.should_retry(1, effect, false, &Error::new(&o, connect)));
        }
    }

    #[test]
    fn read_only_retries_transient_failures_up_to_the_limit() {
        let policy = RetryPolicy::attempts(3);
        let o = op(Effect::ReadOnly);
        let e = Error::new(&o, timeout());
        assert!(policy.should_retry(1, Effect::ReadOnly, false, &e));
        assert!(policy.should_retry(2, Effect::ReadOnly, false, &e));
        assert!(!policy.should_retry(3, Effect::ReadOnly, false, &e));
        let html = ErrorKind::NotSoap { status: 404, content_type: None, snippet: String::new() };
        assert!(!policy.should_retry(1, Effect::ReadOnly, false, &Error::new(&o, html)));
        assert!(!RetryPolicy::none().should_retry(1, Effect::ReadOnly, false, &e));
    }

    #[test]
    fn money_with_msg_sub_id_is_resent_only_when_opted_in() {
        let o = op(Effect::MovesMoney);
        let e = Error::new(&o, timeout());
        let strict = RetryPolicy::attempts(3);
        let keyed = RetryPolicy::attempts(3).resend_with_msg_sub_id();
        assert!(!strict.should_retry(1, Effect::MovesMoney, true, &e));
        assert!(!keyed.should_retry(1, Effect::MovesMoney, false, &e));
        assert!(keyed.should_retry(1, Effect::MovesMoney, true, &e));
        assert!(!keyed.should_retry(3, Effect::MovesMoney, true, &e));
        let html = ErrorKind::NotSoap { status: 404, content_type: None, snippet: String::new() };
        assert!(!keyed.should_retry(1, Effect::MovesMoney, true, &Error::new(&o, html)));
    }

    #[test]
    fn backoff_grows_and_is_capped() {
        let p = RetryPolicy::attempts(10).with_backoff(Duration::from_millis(100), Duration::from_millis(400));
        assert!(p.backoff(1) <= Duration::from_millis(100) && p.backoff(1) >= Duration::from_millis(50));
        assert!(p.backoff(2) >= Duration::from_millis(100));
        assert!(p.backoff(9) <= Duration::from_millis(400));
    }
}
