//! Typed access to PayPal's classic SOAP API (`PayPalAPIInterfaceService`, schema version 204.0).
//!
//! The types under [`generated`] are written by `cargo xtask regen` from PayPal's WSDL and XSDs; the
//! [`runtime`] is written by hand and carries the XML reader and writer, scalar types and SOAP envelope.
#![forbid(unsafe_code)]

mod amount;
pub mod outcome;
pub mod runtime;

#[rustfmt::skip]
pub mod generated;
