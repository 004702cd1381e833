//! Typed, validated access to PayPal's classic SOAP API (`PayPalAPIInterfaceService`, schema version 204.0):
//! Express Checkout, Direct Payment, captures, refunds, recurring payments and transaction search.
//!
//! ```no_run
//! use paypal_soap::types::{BasicAmountType, CurrencyCodeType, PaymentDetailsType, SetExpressCheckoutRequestDetailsType};
//! use paypal_soap::{Client, Credentials, Endpoint};
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let client = Client::builder(Endpoint::Sandbox, Credentials::signature("user", "password", "signature")).build()?;
//! let total = BasicAmountType::from_minor(CurrencyCodeType::Usd, 1995); // 19.95 USD, exactly
//! let details = SetExpressCheckoutRequestDetailsType::default()
//!     .return_url("https://shop.example/return")
//!     .cancel_url("https://shop.example/cancel")
//!     .payment_details(PaymentDetailsType::default().order_total(total));
//! let response = client.set_express_checkout(details).await?; // checked against the schema and PayPal's rules
//! println!("token {:?}", response.token); // the response derefs to the typed payload
//! # Ok(())
//! # }
//! ```
//!
//! What is where:
//!
//! - the crate root: the [`Client`] and its [`ClientBuilder`], [`Endpoint`], [`Credentials`], the typed
//!   [`Error`] and [`Response`], [`Validate`] (every type checks itself against the schema), and the exact
//!   [`Decimal`] and [`DateTime`] values;
//! - [`types`]: every schema type (380 structs, 123 enumerations), and `types::Message`, any global element
//!   (feature `any-message`);
//! - [`rules`]: PayPal's business rules that `validate()` checks (cart totals, currencies, refunds, …);
//! - [`errors`]: PayPal's error catalog (every code, its messages and what a merchant does about it);
//! - [`client`]: the rest of the client (transports, retry policy, timeouts, outcome details);
//! - [`checkout`]: the URLs that send a buyer to PayPal, every form for live and sandbox; the typed
//!   identifiers [`TransactionId`] and [`ExpressCheckoutToken`], which response accessors return
//!   (`paid.transaction_id()`, `set.express_checkout_token()`);
//! - [`operations`]: one descriptor per WSDL operation (what it can change, its wire names);
//! - [`wire`]: the SOAP envelope and XML reader and writer, for captured traffic and custom transports;
//! - `testing` (feature `testing`): a fake PayPal on loopback for merchants' tests.
//!
//! Features: `reqwest` (default) is the HTTP transport; without it, bring your own [`client::Transport`].
//! `testing` adds the fake PayPal; `any-message` adds `types::Message`, which decodes a document by whichever
//! global element it carries (the client does not need it, and it is a sixth of the release build); `fuzzing`
//! adds example and arbitrary values of every type and the fuzzing entry points.
#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]

mod amount;
mod answers;
pub mod checkout;
pub mod client;
mod outcome;
#[doc(hidden)]
pub mod recovery;
pub mod rules;
pub mod search;
#[cfg(feature = "testing")]
#[doc(hidden)]
pub mod server;

#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod fuzz;

/// The generated code, written by `cargo xtask regen`. Merchants use [`types`], [`errors`] and [`operations`];
/// this path exists for the crate's own tests.
#[rustfmt::skip]
#[doc(hidden)]
pub mod generated;

pub use answers::{ExpressCheckoutToken, PayerId, TransactionId};
pub use checkout::{CheckoutFlow, Environment, checkout_page, checkout_url};
pub use client::{
    AuthMethod, BuildError, Client, ClientBuilder, Endpoint, Error, ErrorKind, Response, RetryPolicy, TimeoutPhase,
};
pub use generated::SCHEMA_VERSION;
pub use paypal_soap_runtime::credentials::{Credentials, Secret};
pub use paypal_soap_runtime::validate::{Limited, Validate, Violation, ViolationKind, Violations};
pub use paypal_soap_runtime::{Date, DateTime, Decimal, Time};

/// Every type of PayPal's schema, from one place: structs for complex types, enums for enumerations, aliases
/// for the other simple types; and, with feature `any-message`, `Message`, any global element, for decoding a
/// body by the element it carries.
pub mod types {
    #[cfg(feature = "any-message")]
    #[cfg_attr(docsrs, doc(cfg(feature = "any-message")))]
    pub use crate::generated::messages::Message;
    pub use crate::generated::types::*;
    pub use paypal_soap_runtime::AnyElement;
}

/// PayPal's error catalog and what a merchant does about an error.
///
/// [`ErrorCode`](crate::errors::ErrorCode) names every code PayPal documents;
/// [`recovery`](crate::errors::recovery) decides what to do about a failed response as a whole (restart
/// checkout, send the buyer back to PayPal, fix the request, retry later, …), and [`checkout_url`] builds the URL
/// that sends a buyer back to PayPal.
pub mod errors {
    pub use crate::generated::errors::*;
    pub use crate::outcome::recovery;
    pub use crate::recovery::{
        Decision, Environment, ErrorInfo, MessageInfo, ReportedError, Severity, checkout_url, decide,
    };
    pub use paypal_soap_runtime::policy::RecoveryClass;
}

/// One descriptor per WSDL operation: its wire names, port, and what a call can change
/// ([`Effect`](crate::client::Effect)).
pub mod operations {
    pub use crate::generated::services::{OPERATION_NAMES, OPERATIONS, ops};
    pub use paypal_soap_runtime::operation::{Effect, Operation};
}

/// The wire format, for captured traffic, custom transports and tests: the SOAP envelope and the XML reader and
/// writer the generated code uses.
pub mod wire {
    pub use paypal_soap_runtime::redact::redact;
    pub use paypal_soap_runtime::{DecodeError, DecodeReport, EncodeError};
    pub use paypal_soap_runtime::{soap, xml};
}

/// A fake PayPal on loopback for merchants' tests: scripted answers and failures (10486, 10422, 10411, 10736,
/// SOAP faults, timeouts), Express Checkout's token life cycle, and a record of every call.
#[cfg(feature = "testing")]
#[cfg_attr(docsrs, doc(cfg(feature = "testing")))]
pub mod testing {
    pub use crate::server::*;
}

/// The runtime's modules and the crate's own layers under the paths this crate's tests use. Not for merchants.
#[doc(hidden)]
pub mod runtime {
    #[cfg(feature = "fuzzing")]
    pub use crate::fuzz;
    #[cfg(feature = "testing")]
    pub use crate::server;
    pub use crate::{client, recovery};
    pub use paypal_soap_runtime::*;
}
