//! PayPal's `MsgSubID` idempotency, as the fake PayPal plays it for every operation that has the field (from the
//! generator's plan, `Operation::msg_sub_id`): the first successful answer to a `MsgSubID` is remembered, and a
//! repeat gets that answer again with warning 11607 ("Duplicate request for specified Message Submission ID")
//! instead of being handled a second time; a repeat that arrives while the first is still being handled gets
//! error 11604. As at PayPal, a failed first request is not remembered, so a corrected request may reuse the key.
//! Keys are kept per API user and `Subject`, the way PayPal keeps them per merchant account.

use std::collections::HashMap;
use std::collections::hash_map::Entry as MapEntry;
use std::sync::{Mutex, PoisonError};

/// One remembered request: the operation, whose account it was, and its `MsgSubID` as sent.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Key {
    pub(crate) operation: &'static str,
    pub(crate) username: String,
    pub(crate) subject: Option<String>,
    pub(crate) msg_sub_id: Vec<u8>,
}

/// What the ledger knew about a key when a request with it arrived.
#[derive(Debug)]
pub(crate) enum Seen {
    /// Nothing: the request is handled, and the key is now marked in progress.
    New,
    /// A request with this key is being handled.
    InProgress,
    /// A request with this key succeeded with this response body.
    Done(Vec<u8>),
}

#[derive(Debug)]
enum State {
    InProgress,
    Done(Vec<u8>),
}

/// Every `MsgSubID` one fake server has seen.
#[derive(Debug, Default)]
pub(crate) struct Ledger {
    entries: Mutex<HashMap<Key, State>>,
}

impl Ledger {
    /// Looks `key` up, marking it in progress when it is new.
    pub(crate) fn begin(&self, key: &Key) -> Seen {
        match self.lock().entry(key.clone()) {
            MapEntry::Vacant(v) => {
                v.insert(State::InProgress);
                Seen::New
            }
            MapEntry::Occupied(o) => match o.get() {
                State::InProgress => Seen::InProgress,
                State::Done(body) => Seen::Done(body.clone()),
            },
        }
    }

    /// Records how the request that began `key` ended: its response body when it succeeded, `None` when it
    /// failed (the key is forgotten, as PayPal forgets failed requests).
    pub(crate) fn finish(&self, key: &Key, success: Option<Vec<u8>>) {
        let mut entries = self.lock();
        match success {
            Some(body) => {
                entries.insert(key.clone(), State::Done(body));
            }
            None => {
                entries.remove(key);
            }
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Key, State>> {
        // A panic while holding the lock leaves plain data behind, so the state is still usable.
        self.entries.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(id: &str) -> Key {
        Key { operation: "DoCapture", username: "u".into(), subject: None, msg_sub_id: id.as_bytes().to_vec() }
    }

    #[test]
    fn remembers_successes_and_forgets_failures() {
        let ledger = Ledger::default();
        assert!(matches!(ledger.begin(&key("a")), Seen::New));
        assert!(matches!(ledger.begin(&key("a")), Seen::InProgress));
        ledger.finish(&key("a"), Some(b"first".to_vec()));
        assert!(matches!(ledger.begin(&key("a")), Seen::Done(b) if b == b"first"));
        assert!(matches!(ledger.begin(&key("b")), Seen::New));
        ledger.finish(&key("b"), None);
        assert!(matches!(ledger.begin(&key("b")), Seen::New));
    }
}
