//! PayPal's classic API policy, as data, in one place.
//!
//! These decisions are PayPal knowledge rather than schema knowledge, and two programs need each of them: the
//! generator (`paypal-soap-codegen`), when it writes the `Debug` impls and the operation descriptors, and the
//! `paypal-soap` crate, when it masks logs and error texts, decides whether a call may be retried and explains a
//! failure. Both depend on this crate, so each list exists once and a second copy cannot drift:
//!
//! - [`secrets`]: the element names whose values are credentials, tokens or card data, and how each is masked;
//! - [`effects`]: which operations read, change state, or move money;
//! - [`recovery`]: the classes of what a merchant does about an error;
//! - [`currencies`]: the currencies PayPal accepts, their decimals and maximum transaction amounts;
//! - [`rules`]: PayPal's business rules the schema cannot express, which `validate()` checks.
#![forbid(unsafe_code)]

pub mod currencies;
pub mod effects;
pub mod recovery;
pub mod rules;
pub mod secrets;

pub use effects::Effect;
pub use recovery::RecoveryClass;
pub use rules::{Rule, Severity};
pub use secrets::{Mask, Masked, Secret, SecretKind};
