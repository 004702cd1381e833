//! The SOAP 1.1 envelope around every PayPal call: namespace constants, [`write_request`] (the envelope with
//! the `RequesterCredentials` header), [`read_response`] (the body's response element or a [`SoapFault`]), and
//! the response and fault writers a server needs.

mod read;
mod write;

pub use read::{read_envelope, read_envelope_with_limits, read_response, read_response_with_limits};
pub use write::{write_fault, write_request, write_response};

use std::fmt;

use crate::xml::DecodeReport;

/// The SOAP 1.1 envelope namespace.
pub const SOAP_ENV: &str = "http://schemas.xmlsoap.org/soap/envelope/";
/// The SOAP 1.2 envelope namespace, recognised only to say that it is not supported.
pub const SOAP12_ENV: &str = "http://www.w3.org/2003/05/soap-envelope";
/// PayPal's API namespace: request and response elements, `RequesterCredentials`.
pub const PAYPAL_API: &str = "urn:ebay:api:PayPalAPI";
/// PayPal's eBL base components namespace: most types and `Credentials`.
pub const EBL: &str = "urn:ebay:apis:eBLBaseComponents";
/// PayPal's core component types namespace (`BasicAmountType`, ...).
pub const CC: &str = "urn:ebay:apis:CoreComponentTypes";
/// PayPal's enhanced data types namespace.
pub const ED: &str = "urn:ebay:apis:EnhancedDataTypes";
/// The XML Schema instance namespace (`xsi:type`, `xsi:nil`).
pub const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";
/// The WS-Security (2002/12) namespace of the `Security` header PayPal sends with every response.
pub const WSSE: &str = "http://schemas.xmlsoap.org/ws/2002/12/secext";

/// What a response envelope's body carried.
#[derive(Debug, Clone, PartialEq)]
pub enum Body<T> {
    /// The expected response element, decoded. `Ack=Failure` responses are here too: PayPal reports API errors
    /// inside the response, not as faults.
    Response(T),
    /// A SOAP fault (sent with HTTP 200 or 500).
    Fault(SoapFault),
}

/// A decoded response envelope: the body and everything the tolerant read skipped (unknown header elements
/// included).
#[derive(Debug, Clone, PartialEq)]
pub struct Response<T> {
    /// The body's content.
    pub body: Body<T>,
    /// What was skipped while reading.
    pub report: DecodeReport,
}

/// An expanded XML name: namespace URI and local name.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct QName {
    /// The namespace URI (empty for none).
    pub ns: String,
    /// The local name.
    pub local: String,
}

impl fmt::Display for QName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{{{}}}{}", self.ns, self.local)
    }
}

/// A SOAP 1.1 fault.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SoapFault {
    /// `faultcode` as received, like `SOAP-ENV:Server`.
    pub code: String,
    /// The code with its prefix resolved, like `{http://schemas.xmlsoap.org/soap/envelope/}Server`; `None` when
    /// the prefix is not declared where the code appears.
    pub code_name: Option<QName>,
    /// `faultstring`: the human-readable explanation.
    pub string: String,
    /// `faultactor`, if present.
    pub actor: Option<String>,
    /// `detail`: its text when it holds only text, otherwise its content as received XML; `None` without one.
    pub detail: Option<String>,
}

impl SoapFault {
    /// A fault with a code and a string, for servers.
    #[must_use]
    pub fn new(code: impl Into<String>, string: impl Into<String>) -> Self {
        Self { code: code.into(), string: string.into(), ..Self::default() }
    }

    /// True for SOAP 1.1 `Server` faults (and their dotted refinements like `Server.Timeout`): the request may
    /// be fine and the failure is PayPal's.
    #[must_use]
    pub fn is_server(&self) -> bool {
        self.has_soap_code("Server")
    }

    /// True for SOAP 1.1 `Client` faults (and refinements like `Client.Authentication`): the request was wrong.
    #[must_use]
    pub fn is_client(&self) -> bool {
        self.has_soap_code("Client")
    }

    fn has_soap_code(&self, class: &str) -> bool {
        self.code_name.as_ref().is_some_and(|name| {
            name.ns == SOAP_ENV
                && name.local.strip_prefix(class).is_some_and(|rest| rest.is_empty() || rest.starts_with('.'))
        })
    }
}

/// How many characters of a fault's received text [`SoapFault`]'s `Display` repeats.
const DISPLAY_MAX: usize = 200;

fn bounded(text: &str) -> String {
    match text.char_indices().nth(DISPLAY_MAX) {
        None => text.to_owned(),
        Some((end, _)) => format!("{}…", &text[..end]),
    }
}

impl fmt::Display for SoapFault {
    /// `soap fault SOAP-ENV:Server: Internal error (Timeout processing request)`, each part cut to a bounded
    /// length.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "soap fault {}: {}", bounded(&self.code), bounded(&self.string))?;
        if let Some(detail) = &self.detail {
            write!(f, " ({})", bounded(detail))?;
        }
        Ok(())
    }
}

impl std::error::Error for SoapFault {}

#[cfg(test)]
mod tests {
    use super::*;

    fn fault(ns: &str, local: &str) -> SoapFault {
        SoapFault { code_name: Some(QName { ns: ns.into(), local: local.into() }), ..SoapFault::new("x", "y") }
    }

    #[test]
    fn fault_classes() {
        assert!(fault(SOAP_ENV, "Server").is_server());
        assert!(fault(SOAP_ENV, "Client.Authentication").is_client());
        assert!(!fault(SOAP_ENV, "ServerX").is_server());
        assert!(!fault("urn:other", "Server").is_server());
        assert!(!SoapFault::new("Server", "unresolved").is_server());
    }

    #[test]
    fn fault_display_is_bounded() {
        let mut f = SoapFault::new("SOAP-ENV:Server", "Internal error");
        f.detail = Some("Timeout processing request".into());
        assert_eq!(f.to_string(), "soap fault SOAP-ENV:Server: Internal error (Timeout processing request)");
        f.string = "x".repeat(10_000);
        assert!(f.to_string().chars().count() < 3 * DISPLAY_MAX);
    }
}
