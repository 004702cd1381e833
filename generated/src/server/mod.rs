//! The fake PayPal: a SOAP server on a loopback port that merchants' tests (and this crate's) call with the real
//! client over real HTTP.
//!
//! Implement [`PayPalApi`] (one `async fn` per operation you need; the rest answer as [`DefaultReply`] says),
//! start a [`FakeServer`], point a client at [`FakeServer::url`], and script the failures PayPal's sandbox
//! makes hard to produce with [`FakeServer::script`]: PayPal errors (10486, 10422, 10411, 10736, ...), SOAP
//! faults, HTML proxy pages, redirects, slow or missing answers, oversized bodies. [`FakeServer::calls`] shows
//! what the server received, decoded.
//!
//! # Example
//! ```
//! use paypal_soap::operations::ops;
//! use paypal_soap::Credentials;
//! use paypal_soap::testing::{ExpressCheckoutFake, FakeServer, Scripted};
//! use paypal_soap::types::*;
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let server = FakeServer::start(ExpressCheckoutFake::default()).await?;
//! // The scripted answer comes before any handler, so an empty request will do: skip validation.
//! let client = server.client_builder(Credentials::signature("user", "pass", "sig")).validate_requests(false).build()?;
//! server.script().once(&ops::DO_EXPRESS_CHECKOUT_PAYMENT, Scripted::error(10486));
//! let err = client
//!     .do_express_checkout_payment(DoExpressCheckoutPaymentRequestType::default())
//!     .await
//!     .unwrap_err();
//! assert!(err.has_code("10486"));
//! # Ok(()) }
//! ```

mod envelope;
mod exchange;
mod express;
mod http;
mod idempotency;
mod payments;
mod reply;
mod script;
mod search;

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{SystemTime, UNIX_EPOCH};

use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub use crate::generated::services::server::{PayPalApi, dispatch};
pub use envelope::HeaderCredentials;
pub use exchange::{Call, Exchange, NOT_IMPLEMENTED_CODE, ReceivedCall, RequestInfo};
pub use express::ExpressCheckoutFake;
pub use payments::{Entry, EntryKind, PaymentsFake, SEARCH_LIMIT};
pub use reply::{HttpReply, Reply, ReplyBody, paypal_error};
pub use script::{Script, Scripted};
pub use search::TransactionSearchFake;

use crate::client::{Client, ClientBuilder, Endpoint};
use paypal_soap_runtime::credentials::Credentials;

/// Largest request body the fake accepts (PayPal's requests are a few KiB).
pub const MAX_REQUEST_BYTES: usize = 4 * 1024 * 1024;

/// What the server answers for an operation whose handler returns [`Reply::Unhandled`] (the trait default).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DefaultReply {
    /// `Ack=Failure` with error code [`NOT_IMPLEMENTED_CODE`]: a test that forgets a handler fails loudly
    /// instead of seeing, say, a payment succeed.
    #[default]
    NotImplemented,
    /// `Ack=Success` with an otherwise empty response of the operation's type.
    MinimalSuccess,
}

/// Shared state of one running server.
#[derive(Debug)]
pub(crate) struct State {
    credentials: Option<Credentials>,
    default_reply: DefaultReply,
    script: Script,
    calls: Mutex<Vec<ReceivedCall>>,
    counter: AtomicU64,
    seed: u64,
    ledger: idempotency::Ledger,
}

impl State {
    fn new(credentials: Option<Credentials>, default_reply: DefaultReply) -> Self {
        let seed = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos() as u64);
        Self {
            credentials,
            default_reply,
            script: Script::default(),
            calls: Mutex::new(Vec::new()),
            counter: AtomicU64::new(1),
            seed,
            ledger: idempotency::Ledger::default(),
        }
    }

    fn record(&self, call: ReceivedCall) {
        self.calls.lock().unwrap_or_else(PoisonError::into_inner).push(call);
    }

    /// A fresh 13-hex-digit ID, the shape of PayPal's correlation IDs.
    fn next_id(&self) -> String {
        let n = self.counter.fetch_add(1, Ordering::Relaxed);
        // A multiplicative hash spreads consecutive numbers; the seed keeps two servers' IDs apart.
        format!("{:013x}", (n ^ self.seed).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 12)
    }
}

/// Settings of a [`FakeServer`].
#[derive(Debug, Clone, Default)]
pub struct FakeServerBuilder {
    credentials: Option<Credentials>,
    default_reply: DefaultReply,
    port: u16,
}

impl FakeServerBuilder {
    /// Accepts only these credentials: other ones get PayPal's 10002 "Authentication/Authorization Failed".
    /// Without this, any credentials are accepted (the header must still be there).
    #[must_use]
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = Some(credentials);
        self
    }

    /// What unhandled operations answer (default [`DefaultReply::NotImplemented`]).
    #[must_use]
    pub fn default_reply(mut self, reply: DefaultReply) -> Self {
        self.default_reply = reply;
        self
    }

    /// Listens on this loopback port instead of a free one.
    #[must_use]
    pub fn port(mut self, port: u16) -> Self {
        self.port = port;
        self
    }

    /// Starts serving `api` on 127.0.0.1.
    ///
    /// # Errors
    /// The port cannot be bound.
    pub async fn start<A: PayPalApi>(self, api: A) -> std::io::Result<FakeServer> {
        let state = Arc::new(State::new(self.credentials, self.default_reply));
        let api = Arc::new(api);
        let shared = state.clone();
        let handler: http::Handler = Arc::new(move |info, body| {
            let (api, state) = (api.clone(), shared.clone());
            Box::pin(async move {
                let mut ex = match Exchange::new(&state, &body, info) {
                    Ok(ex) => ex,
                    Err(reply) => return reply,
                };
                dispatch(&*api, &mut ex).await
            })
        });
        FakeServer::spawn(self.port, handler, state).await
    }

    /// Starts a server that answers every POST with `reply`, whatever it receives: to replay a captured PayPal
    /// answer, or to measure the HTTP stack alone. Nothing is decoded or recorded.
    ///
    /// # Errors
    /// The port cannot be bound.
    pub async fn start_canned(self, reply: HttpReply) -> std::io::Result<FakeServer> {
        let state = Arc::new(State::new(None, self.default_reply));
        let handler: http::Handler = Arc::new(move |_info, _body| {
            let reply = reply.clone();
            Box::pin(async move { reply })
        });
        FakeServer::spawn(self.port, handler, state).await
    }
}

/// A running fake PayPal. Dropping it stops the server and closes its connections.
#[derive(Debug)]
pub struct FakeServer {
    addr: SocketAddr,
    state: Arc<State>,
    shutdown: Option<oneshot::Sender<()>>,
    task: JoinHandle<()>,
}

impl FakeServer {
    /// Starts serving `api` on a free loopback port, accepting any credentials.
    ///
    /// # Errors
    /// No loopback port can be bound.
    pub async fn start<A: PayPalApi>(api: A) -> std::io::Result<FakeServer> {
        Self::builder().start(api).await
    }

    /// Settings.
    #[must_use]
    pub fn builder() -> FakeServerBuilder {
        FakeServerBuilder::default()
    }

    async fn spawn(port: u16, handler: http::Handler, state: Arc<State>) -> std::io::Result<FakeServer> {
        let (listener, addr) = http::bind(port).await?;
        let (tx, rx) = oneshot::channel();
        let task = tokio::spawn(http::serve(listener, handler, MAX_REQUEST_BYTES, rx));
        Ok(FakeServer { addr, state, shutdown: Some(tx), task })
    }

    /// The address it listens on.
    #[must_use]
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Its SOAP endpoint URL: `http://127.0.0.1:<port>/2.0/`.
    #[must_use]
    pub fn url(&self) -> String {
        format!("http://{}/2.0/", self.addr)
    }

    /// A client builder pointed at this server, with plain HTTP allowed.
    #[must_use]
    pub fn client_builder(&self, credentials: Credentials) -> ClientBuilder {
        Client::builder(Endpoint::custom(self.url()), credentials).allow_http()
    }

    /// The scripted answers.
    #[must_use]
    pub fn script(&self) -> &Script {
        &self.state.script
    }

    /// Every call received and decoded so far, in order.
    #[must_use]
    pub fn calls(&self) -> Vec<ReceivedCall> {
        self.state.calls.lock().unwrap_or_else(PoisonError::into_inner).clone()
    }

    /// Forgets the calls received so far.
    pub fn clear_calls(&self) {
        self.state.calls.lock().unwrap_or_else(PoisonError::into_inner).clear();
    }

    /// Stops accepting, closes open connections and waits for the server task to end.
    pub async fn shutdown(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        let _ = (&mut self.task).await;
    }
}

impl Drop for FakeServer {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        self.task.abort();
    }
}
