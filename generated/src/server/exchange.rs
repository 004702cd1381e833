//! One request to the fake PayPal, as the generated dispatcher (`crate::generated::services::server::dispatch`)
//! handles it: find the operation, decode the body, record the call, check credentials and scripted answers,
//! then encode the handler's reply.

use std::any::Any;
use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::envelope::{Peek, peek, read_body, read_request};
use super::idempotency::{Key, Seen};
use super::reply::{HttpReply, Reply, ReplyBody, paypal_error};
use super::script::Scripted;
use super::{DefaultReply, State};
use crate::client::{ApiError, ApiResponse, Operation};
use crate::generated::ebl::AckCodeType;
use paypal_soap_runtime::DateTime;
use paypal_soap_runtime::soap::{self, SoapFault};
use paypal_soap_runtime::xml::XmlRead;

/// The error code a [`DefaultReply::NotImplemented`] failure carries.
pub const NOT_IMPLEMENTED_CODE: &str = "NotImplementedByFake";

/// What a handler knows about the call it answers.
#[derive(Debug, Clone, Default)]
pub struct Call {
    /// The WSDL operation name.
    pub operation: &'static str,
    /// The caller's API username.
    pub username: String,
    /// The third party the caller acts for (`Subject`), if any.
    pub subject: Option<String>,
    /// The `CorrelationID` the answer will carry.
    pub correlation_id: String,
}

/// HTTP details of a request, recorded with each call.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RequestInfo {
    /// The request path.
    pub path: String,
    /// The `Content-Type` header.
    pub content_type: Option<String>,
    /// The `SOAPAction` header.
    pub soap_action: Option<String>,
}

/// A call the fake server received and decoded, for tests to inspect.
#[derive(Clone)]
pub struct ReceivedCall {
    /// The WSDL operation name.
    pub operation: &'static str,
    /// Its port.
    pub port: &'static str,
    /// The credentials header's username, when the header was present.
    pub username: Option<String>,
    /// Whether the header carried a non-empty `Signature`.
    pub has_signature: bool,
    /// The `Subject`, if any.
    pub subject: Option<String>,
    /// HTTP details.
    pub http: RequestInfo,
    request: Arc<dyn Any + Send + Sync>,
    request_type: &'static str,
    body: Arc<[u8]>,
}

impl ReceivedCall {
    /// The request body exactly as received: to prove, for example, that a resend was byte for byte the first
    /// request. It holds the caller's credentials, so `Debug` shows only its length.
    #[must_use]
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// The decoded request, as the inner request type the handler received (`SetExpressCheckoutRequestType`).
    #[must_use]
    pub fn request<T: 'static>(&self) -> Option<&T> {
        self.request.downcast_ref()
    }
}

impl fmt::Debug for ReceivedCall {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ReceivedCall")
            .field("operation", &self.operation)
            .field("port", &self.port)
            .field("username", &self.username)
            .field("has_signature", &self.has_signature)
            .field("subject", &self.subject)
            .field("http", &self.http)
            .field("request", &format_args!("{}", self.request_type))
            .field("body_len", &self.body.len())
            .finish()
    }
}

/// One request being answered.
#[derive(Debug)]
pub struct Exchange<'a> {
    state: &'a State,
    body: &'a [u8],
    peek: Peek<'a>,
    http: RequestInfo,
    call: Call,
    op: Option<&'static Operation>,
    /// The `MsgSubID` this request registered with the server's ledger, to settle when the answer is encoded.
    msg_key: Option<Key>,
    /// Set by [`Scripted::LoseAnswer`]: handle the request, then cut the connection instead of answering.
    lose_answer: AtomicBool,
}

impl<'a> Exchange<'a> {
    /// Looks at the envelope; a body that is not a SOAP 1.1 envelope gets a `Client` fault.
    pub(crate) fn new(state: &'a State, body: &'a [u8], http: RequestInfo) -> Result<Self, HttpReply> {
        let peek = peek(body).map_err(|e| fault(500, "soapenv:Client", &format!("malformed request envelope: {e}")))?;
        let creds = peek.credentials.as_ref();
        let call = Call {
            operation: "",
            username: creds.map(|c| c.username.clone()).unwrap_or_default(),
            subject: creds.and_then(|c| c.subject.clone()),
            correlation_id: state.next_id(),
        };
        Ok(Self { state, body, peek, http, call, op: None, msg_key: None, lose_answer: AtomicBool::new(false) })
    }

    /// The operation whose request element the body holds, looked up in `table`.
    pub fn operation(&mut self, table: &[&'static Operation]) -> Option<&'static Operation> {
        let (ns, local) = self.peek.element.as_ref()?;
        let op = table.iter().copied().find(|op| op.request_ns == ns && op.request_element == local)?;
        self.op = Some(op);
        self.call.operation = op.name;
        Some(op)
    }

    /// The `Client` fault for a body element no operation has.
    #[must_use]
    pub fn unknown_operation(&self) -> HttpReply {
        let found = match &self.peek.element {
            Some((ns, local)) => format!("{{{ns}}}{local}"),
            None => "an empty body".to_owned(),
        };
        fault(500, "soapenv:Client", &format!("no operation takes {found}"))
    }

    /// Decodes the body as `op`'s request element; a `Client` fault when it does not decode.
    ///
    /// # Errors
    /// The fault to send back.
    pub fn decode<T: XmlRead>(&mut self, op: &'static Operation) -> Result<T, HttpReply> {
        // The reader `peek` stopped on the body goes on from there; a second decode reads the envelope again.
        let decoded = match self.peek.body.take() {
            Some(start) => read_body::<T>(start, op.request_ns, op.request_element),
            None => read_request::<T>(self.body, op.request_ns, op.request_element),
        };
        decoded.map_err(|e| fault(500, "soapenv:Client", &format!("request does not decode: {e}")))
    }

    /// Records the decoded request for [`super::FakeServer::calls`].
    pub fn record<R: Clone + Send + Sync + 'static>(&self, request: &R) {
        let Some(op) = self.op else { return };
        let creds = self.peek.credentials.as_ref();
        let call = ReceivedCall {
            operation: op.name,
            port: op.port,
            username: creds.map(|c| c.username.clone()),
            has_signature: creds.is_some_and(|c| c.signature.is_some()),
            subject: creds.and_then(|c| c.subject.clone()),
            http: self.http.clone(),
            request: Arc::new(request.clone()),
            request_type: std::any::type_name::<R>(),
            // A copy, not a share of the received `Bytes`: those can hold on to the whole read buffer of the
            // connection, kilobytes per call, for as long as the call is recorded.
            body: Arc::from(self.body),
        };
        self.state.record(call);
    }

    /// The call's details, for the handler.
    #[must_use]
    pub fn call(&self) -> &Call {
        &self.call
    }

    /// Answers before the handler when the credentials are missing or wrong, when a script entry applies, or
    /// when the request repeats a `MsgSubID` (see [`Self::repeat`]).
    pub async fn intercept<T: ApiResponse>(&mut self, op: &'static Operation) -> Option<HttpReply> {
        if let Some(reply) = self.check_credentials::<T>(op) {
            return Some(reply);
        }
        // The delays of a script entry come first; what follows them decides the answer.
        let mut next = self.state.script.take(op);
        let mut delay = Duration::ZERO;
        while let Some(Scripted::Delayed(d, inner)) = next {
            delay += d;
            next = Some(*inner);
        }
        let handled = match next {
            None | Some(Scripted::Handle) => true,
            Some(Scripted::LoseAnswer) => {
                self.lose_answer.store(true, Ordering::Relaxed);
                true
            }
            Some(_) => false,
        };
        if handled {
            // A request PayPal handles is registered as it arrives, and a delay before handling is PayPal's
            // processing time: a resend during it finds the first request in progress (11604).
            if let Some(reply) = self.repeat::<T>(op) {
                return Some(reply);
            }
            if !delay.is_zero() {
                tokio::time::sleep(delay).await;
            }
            return None;
        }
        if !delay.is_zero() {
            tokio::time::sleep(delay).await;
        }
        match next? {
            Scripted::Cut => Some(HttpReply::cut()),
            Scripted::Hang => std::future::pending().await,
            Scripted::Failure(errors) => Some(self.respond(op, Reply::<T>::Failure(errors))),
            Scripted::Warning(warnings) => {
                let mut payload = T::default();
                let common = payload.common_mut();
                *common.ack = Some(AckCodeType::SuccessWithWarning);
                *common.errors = warnings.iter().map(ApiError::to_wire).collect();
                Some(self.respond(op, Reply::Ok(payload)))
            }
            Scripted::Fault { status, fault: f } => Some(fault_reply(status, &f)),
            Scripted::Http(reply) => Some(reply),
            // Resolved above.
            Scripted::Handle | Scripted::LoseAnswer | Scripted::Delayed(..) => None,
        }
    }

    /// PayPal's idempotency (see `super::idempotency`): for an operation with a `MsgSubID` that this request
    /// sets, the first successful answer to that key again with warning 11607, or error 11604 while the first
    /// request is still being handled; `None` for a request to handle, whose key is then registered.
    fn repeat<T: ApiResponse>(&mut self, op: &'static Operation) -> Option<HttpReply> {
        op.msg_sub_id?;
        let id = crate::client::resend::msg_sub_id(self.body)?;
        let key = Key {
            operation: op.name,
            username: self.call.username.clone(),
            subject: self.call.subject.clone(),
            msg_sub_id: id.to_vec(),
        };
        match self.state.ledger.begin(&key) {
            Seen::New => {
                self.msg_key = Some(key);
                None
            }
            Seen::InProgress => Some(self.respond(op, Reply::<T>::error(11604))),
            Seen::Done(first) => {
                let decoded = soap::read_response::<T>(&first, op.response_ns, op.response_element);
                let Ok(soap::Response { body: soap::Body::Response(mut payload), .. }) = decoded else {
                    return Some(fault(500, "soapenv:Server", "the fake could not read its own first answer"));
                };
                let common = payload.common_mut();
                *common.ack = Some(AckCodeType::SuccessWithWarning);
                let mut warning = paypal_error(11607);
                warning.severity = Some("Warning".to_owned());
                common.errors.push(warning.to_wire());
                // A fresh correlation ID, as PayPal gives every answer its own.
                *common.correlation_id = None;
                Some(self.encode(op, payload).0)
            }
        }
    }

    /// Missing credentials get a `Client` fault; credentials other than the server's get PayPal's 10002.
    fn check_credentials<T: ApiResponse>(&self, op: &'static Operation) -> Option<HttpReply> {
        let Some(got) = &self.peek.credentials else {
            return Some(fault(500, "soapenv:Client", "authentication failed: no RequesterCredentials header"));
        };
        let expected = self.state.credentials.as_ref()?;
        let signature = |s: Option<&paypal_soap_runtime::credentials::Secret>| s.map(|s| s.expose().clone());
        let ok = got.username == expected.username
            && got.password.expose() == expected.password.expose()
            && signature(got.signature.as_ref()) == signature(expected.signature.as_ref());
        (!ok).then(|| self.respond(op, Reply::<T>::Failure(vec![paypal_error(10002)])))
    }

    /// Encodes a handler's reply; settles the request's `MsgSubID`, if it registered one, and cuts the
    /// connection instead when the script said to lose the answer.
    #[must_use]
    pub fn respond<T: ApiResponse>(&self, op: &'static Operation, reply: Reply<T>) -> HttpReply {
        let (reply, succeeded) = self.answer(op, reply);
        if let Some(key) = &self.msg_key {
            let body = match (&reply.body, succeeded) {
                (ReplyBody::Bytes(bytes), true) => Some(bytes.clone()),
                _ => None,
            };
            self.state.ledger.finish(key, body);
        }
        if self.lose_answer.load(Ordering::Relaxed) { HttpReply::cut() } else { reply }
    }

    /// The HTTP answer for `reply`, and whether it is a success PayPal would remember for its `MsgSubID`.
    fn answer<T: ApiResponse>(&self, op: &'static Operation, reply: Reply<T>) -> (HttpReply, bool) {
        let payload = match reply {
            Reply::Ok(payload) => payload,
            Reply::Failure(errors) => failure(&errors),
            Reply::Fault(f) => return (fault_reply(500, &f), false),
            Reply::Http(reply) => return (reply, false),
            Reply::Unhandled => match self.state.default_reply {
                DefaultReply::MinimalSuccess => T::default(),
                DefaultReply::NotImplemented => failure(&[ApiError {
                    code: NOT_IMPLEMENTED_CODE.to_owned(),
                    short_message: "Not implemented by this fake".to_owned(),
                    long_message: Some(format!(
                        "The fake PayPal server has no handler for {}: implement it on your PayPalApi",
                        op.name
                    )),
                    severity: Some("Error".to_owned()),
                    parameters: Vec::new(),
                }]),
            },
        };
        self.encode(op, payload)
    }

    fn encode<T: ApiResponse>(&self, op: &'static Operation, mut payload: T) -> (HttpReply, bool) {
        let common = payload.common_mut();
        common.ack.get_or_insert(AckCodeType::Success);
        if common.timestamp.is_none() {
            let now = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
            *common.timestamp = DateTime::from_unix_utc(i64::try_from(now).unwrap_or(0), 0).ok();
        }
        common.correlation_id.get_or_insert_with(|| self.call.correlation_id.clone());
        common.version.get_or_insert_with(|| crate::generated::SCHEMA_VERSION.to_owned());
        common.build.get_or_insert_with(|| "fake".to_owned());
        let succeeded = matches!(common.ack, Some(AckCodeType::Success | AckCodeType::SuccessWithWarning));
        match soap::write_response(&payload, op.response_ns, op.response_element) {
            Ok(bytes) => (HttpReply::xml(200, bytes), succeeded),
            Err(e) => (fault(500, "soapenv:Server", &format!("the fake could not encode its answer: {e}")), false),
        }
    }
}

fn failure<T: ApiResponse>(errors: &[ApiError]) -> T {
    let mut payload = T::default();
    let common = payload.common_mut();
    *common.ack = Some(AckCodeType::Failure);
    *common.errors = errors.iter().map(ApiError::to_wire).collect();
    payload
}

fn fault(status: u16, code: &str, string: &str) -> HttpReply {
    fault_reply(status, &SoapFault::new(code, string))
}

fn fault_reply(status: u16, f: &SoapFault) -> HttpReply {
    match soap::write_fault(f) {
        Ok(bytes) => HttpReply::xml(status, bytes),
        // Only a string with characters XML cannot carry gets here; say so in plain text.
        Err(e) => HttpReply::new(500, "text/plain; charset=utf-8", format!("fault not encodable: {e}")),
    }
}
