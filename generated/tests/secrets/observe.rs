//! Capturing every text a call leaves behind (its trace log and the `Debug` and `Display` of its result and
//! errors) and checking it for secrets.
//!
//! The log goes through one global trace-level subscriber into a buffer of the calling thread: every test runs
//! on its own single-threaded runtime, the fake server included. A subscriber per test (`set_default`) would
//! race with the other tests' threads over `tracing`'s per-callsite interest cache and lose events now and
//! then, and a check that sees no log line proves nothing.

use std::cell::RefCell;
use std::error::Error as StdError;
use std::fmt::Debug;
use std::io::Write;
use std::sync::Once;

use paypal_soap::runtime::client::{ApiError, Error, Response};

use super::{CARD, CARD_DASHED, CARD_SPACED, CERT_PASSWORD, CVV2, KEY_BODY, PASSWORD, SIGNATURE};

thread_local! {
    /// What the subscriber wrote on this thread since the last [`take_log`].
    static LOG: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// A `tracing` writer into the current thread's [`LOG`].
struct ThreadLog;

impl Write for ThreadLog {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        LOG.with_borrow_mut(|log| log.extend_from_slice(buf));
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Installs the global trace-level subscriber, once.
fn install_subscriber() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_ansi(false)
            .without_time()
            .with_writer(|| ThreadLog)
            .init();
    });
}

/// The log this thread wrote since the last call, emptied.
fn take_log() -> String {
    String::from_utf8(LOG.with_borrow_mut(std::mem::take)).unwrap()
}

/// Every text one call left behind.
pub(crate) struct Observed {
    /// The trace log first, then the results' texts.
    pub(crate) texts: Vec<String>,
    /// `host:port` of the peer, replaced before checking: a port number is noise that could hold any digits.
    pub(crate) peer: String,
}

impl Observed {
    /// Panics, naming the secret and the text, when any text shows a secret.
    pub(crate) fn assert_clean(&self) {
        for text in &self.texts {
            let text = without_noise(text, &self.peer);
            for secret in [PASSWORD, SIGNATURE, CERT_PASSWORD, KEY_BODY, CARD, CARD_SPACED, CARD_DASHED] {
                assert!(!text.contains(secret), "{secret:?} shows in:\n{text}");
            }
            // Escaped forms, as a page that echoes XML would show them.
            for escaped in ["cert&lt;Pass&gt;&amp;5524", "cert&amp;lt;Pass&amp;gt;&amp;amp;5524"] {
                assert!(!text.contains(escaped), "{escaped:?} shows in:\n{text}");
            }
            assert!(!shows_more_than_last_four(&text), "card digits beyond the last four show in:\n{text}");
            assert!(!shows_token(&text, CVV2), "the CVV2 shows in:\n{text}");
        }
    }
}

/// `text` with the peer address and port and elapsed times (random digits) blanked.
fn without_noise(text: &str, peer: &str) -> String {
    let mut out = text.replace(peer, "PEER");
    if let Some((_, port)) = peer.rsplit_once(':') {
        out = out.replace(&format!("Port({port})"), "Port(PORT)");
    }
    while let Some(at) = out.find("elapsed=") {
        let end = out[at..].find(char::is_whitespace).map_or(out.len(), |i| at + i);
        out.replace_range(at..end, "ELAPSED");
    }
    out
}

/// True when five consecutive digits of the card number appear, ignoring spaces and dashes between digits:
/// the masked form (`************0366`) shows four.
fn shows_more_than_last_four(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    let mut joined = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let between_digits =
            i > 0 && chars[i - 1].is_ascii_digit() && chars.get(i + 1).is_some_and(char::is_ascii_digit);
        if !(matches!(c, ' ' | '-') && between_digits) {
            joined.push(c);
        }
    }
    (0..=CARD.len() - 5).any(|i| joined.contains(&CARD[i..i + 5]))
}

/// True when `token` appears on its own, not inside a longer word or number (a short secret like a CVV2 can be
/// part of a byte count or an ID by chance).
fn shows_token(text: &str, token: &str) -> bool {
    text.match_indices(token).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + token.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// Runs `call` under the trace-level subscriber, and collects the log it wrote and every text of its result.
/// The test must run on a current-thread runtime, so that the fake server logs into the same buffer.
pub(crate) async fn observe<T, F>(peer: &str, call: F) -> (Result<Response<T>, Error>, Observed)
where
    T: Debug + 'static,
    F: std::future::Future<Output = Result<Response<T>, Error>>,
{
    install_subscriber();
    take_log();
    let result = call.await;
    let log = take_log();
    assert!(log.contains("paypal_soap::client"), "the call logged nothing of its own: {log:?}");
    let mut texts = vec![log];
    texts.extend(result_texts(&result));
    (result, Observed { texts, peer: peer.to_owned() })
}

fn result_texts<T: Debug + 'static>(result: &Result<Response<T>, Error>) -> Vec<String> {
    let mut texts = vec![format!("{result:?}"), format!("{result:#?}")];
    match result {
        Ok(response) => {
            let report = response.decode_report();
            texts.extend([format!("{:#?}", response.payload()), format!("{report:?}"), format!("{report:#?}")]);
            texts.push(report.to_string());
            texts.extend(report.findings.iter().map(ToString::to_string));
            texts.extend(response.warnings().iter().map(ToString::to_string));
        }
        Err(error) => {
            texts.push(error.kind().to_string());
            texts.extend(chain_texts(error));
            if let Some(failure) = error.api_failure() {
                texts.extend([failure.to_string(), format!("{failure:#?}")]);
                texts.push(format!("{:#?}", failure.payload::<T>()));
                texts.extend(failure.errors.iter().map(ApiError::to_string));
            }
        }
    }
    texts
}

/// `Display`, `{:?}` and `{:#?}` of `error` and of every error in its `source()` chain.
pub(crate) fn chain_texts(error: &(dyn StdError + 'static)) -> Vec<String> {
    let mut texts = Vec::new();
    let mut next = Some(error);
    while let Some(e) = next {
        texts.extend([e.to_string(), format!("{e:?}"), format!("{e:#?}")]);
        next = e.source();
    }
    texts
}
