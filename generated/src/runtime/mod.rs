//! The hand-written runtime that generated code calls: XML reading and writing, XSD scalar types, the SOAP
//! envelope, credentials and validation. Nothing here is generated; it is covered by ordinary unit tests.

#[cfg(feature = "examples")]
pub mod arbitrary;
pub mod client;
pub mod credentials;
#[cfg(feature = "examples")]
pub mod example;
#[cfg(feature = "examples")]
pub mod fuzz;
pub mod recovery;
pub mod scalar;
#[cfg(feature = "fake-server")]
pub mod server;
pub mod soap;
pub mod validate;
pub mod xml;

/// PayPal's policy (which values are secret and how they are masked, which operations move money, the recovery
/// classes): the one definition the generator and this crate share.
pub use paypal_soap_policy as policy;
pub use scalar::{Date, DateTime, Decimal, Time};
pub use xml::{AnyElement, DecodeError, DecodeReport, EncodeError};
