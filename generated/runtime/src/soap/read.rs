//! Reading SOAP 1.1 response envelopes: elements are matched by namespace URI and local name, never by prefix;
//! the body holds the expected response element or a fault.
//!
//! Header rule: PayPal sends `Security` (WS-Security, with an `xsi:type` no schema defines, always empty) and
//! `RequesterCredentials` (an echo of the request's credentials, with empty values) with every response; both
//! are accepted without a finding as long as they carry only that. The echoed credential values are dropped on
//! purpose: they are the caller's own. Anything else in them (an attribute, a child element, text, an
//! `eBayAuthToken` or `HardExpirationWarning`), and any other header element, is recorded as a finding, so
//! nothing received is lost unnoticed. The same goes for attributes of `Envelope`, `Header`, `Body` and the
//! fault's elements, except the `id` PayPal puts on every `Body` (a WS-Security reference target).

use super::{Body, EBL, PAYPAL_API, QName, Response, SOAP_ENV, SOAP12_ENV, SoapFault, WSSE};
use crate::xml::{DecodeError, DecodeErrorKind, Limits, StartTag, Ws, XmlRead, XmlReader};

fn expanded(ns: &str, local: &str) -> String {
    format!("{{{ns}}}{local}")
}

/// Reads a response envelope whose body should hold the element `{ns}name`, decoded as `T`.
///
/// # Errors
/// Malformed XML; a root other than the SOAP 1.1 `Envelope` ([`DecodeErrorKind::UnexpectedRoot`], whose `found`
/// says "SOAP 1.2" for a SOAP 1.2 envelope); no `Body` or an empty one ([`DecodeErrorKind::MissingElement`]); a
/// body element other than `{ns}name` or `Fault` ([`DecodeErrorKind::UnexpectedElement`], e.g. another
/// operation's response); any error `T` reports.
pub fn read_response<T: XmlRead>(bytes: &[u8], ns: &str, name: &str) -> Result<Response<T>, DecodeError> {
    read_response_with_limits(bytes, ns, name, &Limits::DEFAULT)
}

/// [`read_response`] under the reader limits `limits` instead of the defaults; the client passes the limits
/// its builder was given (`ClientBuilder::xml_limits` in `paypal-soap`).
///
/// # Errors
/// As [`read_response`], and [`DecodeErrorKind::LimitExceeded`] when the input breaks one of `limits`.
pub fn read_response_with_limits<T: XmlRead>(
    bytes: &[u8],
    ns: &str,
    name: &str,
    limits: &Limits,
) -> Result<Response<T>, DecodeError> {
    read_envelope_as(bytes, Expected::Element(ns, name), limits, |r, child| {
        if child.is(ns, name) { T::read_element(r, child).map(Some) } else { Ok(None) }
    })
}

/// What the body should hold, for the error when it does not: spelled out only then, so a call that succeeds
/// formats nothing.
#[derive(Clone, Copy)]
enum Expected<'e> {
    /// A description given by the caller of [`read_envelope`].
    Text(&'e str),
    /// The element `{ns}name`.
    Element(&'e str, &'e str),
}

impl std::fmt::Display for Expected<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Expected::Text(text) => f.write_str(text),
            Expected::Element(ns, name) => f.write_str(&expanded(ns, name)),
        }
    }
}

/// Reads an envelope whose body element is decided by `read_body_element`: it gets each candidate body element
/// and returns `Ok(None)`, leaving it unread, when it is not one it knows. `expected` describes what was wanted,
/// for the error when nothing matches. The generated `Message::read_envelope` uses this to decode whichever
/// element a captured envelope carries.
///
/// # Errors
/// As [`read_response`].
pub fn read_envelope<'a, T>(
    bytes: &'a [u8],
    expected: &str,
    read_body_element: impl FnMut(&mut XmlReader<'a>, &StartTag<'a>) -> Result<Option<T>, DecodeError>,
) -> Result<Response<T>, DecodeError> {
    read_envelope_with_limits(bytes, expected, &Limits::DEFAULT, read_body_element)
}

/// [`read_envelope`] under the reader limits `limits` instead of the defaults.
///
/// # Errors
/// As [`read_response_with_limits`].
pub fn read_envelope_with_limits<'a, T>(
    bytes: &'a [u8],
    expected: &str,
    limits: &Limits,
    read_body_element: impl FnMut(&mut XmlReader<'a>, &StartTag<'a>) -> Result<Option<T>, DecodeError>,
) -> Result<Response<T>, DecodeError> {
    read_envelope_as(bytes, Expected::Text(expected), limits, read_body_element)
}

fn read_envelope_as<'a, T>(
    bytes: &'a [u8],
    expected: Expected<'_>,
    limits: &Limits,
    mut read_body_element: impl FnMut(&mut XmlReader<'a>, &StartTag<'a>) -> Result<Option<T>, DecodeError>,
) -> Result<Response<T>, DecodeError> {
    let mut r = XmlReader::with_limits(bytes, *limits);
    let root = r.root()?;
    if !root.is(SOAP_ENV, "Envelope") {
        let found = if root.is(SOAP12_ENV, "Envelope") {
            format!("{} (a SOAP 1.2 envelope; PayPal's API speaks SOAP 1.1)", root.expanded_name())
        } else {
            root.expanded_name()
        };
        let expected = expanded(SOAP_ENV, "Envelope");
        return Err(r.error_at_tag(&root, DecodeErrorKind::UnexpectedRoot { expected, found }));
    }
    unknown_attributes(&mut r, &root);
    let mut body = None;
    let mut seen_header = false;
    while let Some(child) = r.next_child()? {
        if child.is(SOAP_ENV, "Header") && !seen_header && body.is_none() {
            seen_header = true;
            unknown_attributes(&mut r, &child);
            read_header(&mut r)?;
        } else if child.is(SOAP_ENV, "Body") && body.is_none() {
            for a in child.attrs() {
                if !(a.local() == "id" && a.ns().is_empty()) {
                    r.unknown_attribute(&child, a);
                }
            }
            body = Some(read_body(&mut r, &child, expected, &mut read_body_element)?);
        } else {
            r.skip_unknown(&child)?;
        }
    }
    let Some(body) = body else {
        return Err(r.error(DecodeErrorKind::MissingElement { expected: expanded(SOAP_ENV, "Body") }));
    };
    let report = r.finish()?;
    Ok(Response { body, report })
}

/// Records every attribute of `start` as unknown (`xsi:type` and `xsi:nil` excepted, see
/// [`XmlReader::unknown_attribute`]).
fn unknown_attributes(r: &mut XmlReader<'_>, start: &StartTag<'_>) {
    for a in start.attrs() {
        r.unknown_attribute(start, a);
    }
}

/// Records the attributes of the header entry `start` except SOAP 1.1's own `mustUnderstand` and `actor`, which
/// are envelope protocol about the entry, not data in it (ActiveMerchant's requests send `mustUnderstand="0"`).
fn header_entry_attributes(r: &mut XmlReader<'_>, start: &StartTag<'_>) {
    for a in start.attrs() {
        if !(a.ns() == SOAP_ENV && matches!(a.local(), "mustUnderstand" | "actor")) {
            r.unknown_attribute(start, a);
        }
    }
}

fn read_header(r: &mut XmlReader<'_>) -> Result<(), DecodeError> {
    while let Some(child) = r.next_child()? {
        if child.is(WSSE, "Security") {
            // PayPal's Security element is always empty: whatever it holds is reported.
            header_entry_attributes(r, &child);
            while let Some(inner) = r.next_child()? {
                r.skip_unknown(&inner)?;
            }
        } else if child.is(PAYPAL_API, "RequesterCredentials") {
            read_credentials_echo(r, &child)?;
        } else {
            r.skip_unknown(&child)?;
        }
    }
    Ok(())
}

/// Reads the `RequesterCredentials` echo: one `Credentials` element whose values are dropped (see the module's
/// header rule); everything else in it is recorded.
fn read_credentials_echo(r: &mut XmlReader<'_>, start: &StartTag<'_>) -> Result<(), DecodeError> {
    header_entry_attributes(r, start);
    let mut seen = false;
    while let Some(child) = r.next_child()? {
        if !child.is(EBL, "Credentials") || seen {
            r.skip_unknown(&child)?;
            continue;
        }
        seen = true;
        unknown_attributes(r, &child);
        let mut fields = [false; CREDENTIAL_FIELDS.len()];
        while let Some(field) = r.next_child()? {
            let known = CREDENTIAL_FIELDS.iter().position(|name| field.is(EBL, name));
            match known {
                Some(i) if !fields[i] => {
                    fields[i] = true;
                    r.read_scalar::<String>(&field, Ws::Preserve)?;
                }
                Some(_) => r.skip_duplicate(&field)?,
                None => r.skip_unknown(&field)?,
            }
        }
    }
    Ok(())
}

/// The children of `ebl:UserIdPasswordType`, the type of the echoed `Credentials`.
const CREDENTIAL_FIELDS: [&str; 8] =
    ["AppId", "DevId", "AuthCert", "Username", "Password", "Signature", "Subject", "AuthToken"];

fn read_body<'a, T>(
    r: &mut XmlReader<'a>,
    body: &StartTag<'a>,
    expected: Expected<'_>,
    read_body_element: &mut impl FnMut(&mut XmlReader<'a>, &StartTag<'a>) -> Result<Option<T>, DecodeError>,
) -> Result<Body<T>, DecodeError> {
    let mut content = None;
    while let Some(child) = r.next_child()? {
        if content.is_some() {
            r.skip_unknown(&child)?;
        } else if child.is(SOAP_ENV, "Fault") {
            unknown_attributes(r, &child);
            content = Some(Body::Fault(read_fault(r)?));
        } else if let Some(value) = read_body_element(r, &child)? {
            content = Some(Body::Response(value));
        } else {
            let expected = format!("{expected} or {}", expanded(SOAP_ENV, "Fault"));
            let found = child.expanded_name();
            return Err(r.error_at_tag(&child, DecodeErrorKind::UnexpectedElement { expected, found }));
        }
    }
    content.ok_or_else(|| r.error_at_tag(body, DecodeErrorKind::MissingElement { expected: expected.to_string() }))
}

/// Reads the children of a `Fault` element. SOAP 1.1 gives them no namespace; qualified ones are tolerated.
fn read_fault(r: &mut XmlReader<'_>) -> Result<SoapFault, DecodeError> {
    let mut fault = SoapFault::default();
    let (mut code, mut string) = (false, false);
    while let Some(child) = r.next_child()? {
        let fault_child = matches!(child.ns(), "" | SOAP_ENV);
        match child.local() {
            "faultcode" if fault_child && !code => {
                code = true;
                // The code is a QName: its prefix is resolved with the bindings in scope at `faultcode`.
                let scope = r.namespace_scope();
                fault.code = r.read_scalar::<String>(&child, Ws::Collapse)?.unwrap_or_default();
                fault.code_name = scope.resolve(&fault.code).map(|(ns, local)| QName { ns, local });
            }
            "faultstring" if fault_child && !string => {
                string = true;
                fault.string = r.read_scalar::<String>(&child, Ws::Preserve)?.unwrap_or_default();
            }
            "faultactor" if fault_child && fault.actor.is_none() => {
                fault.actor = r.read_scalar::<String>(&child, Ws::Collapse)?;
            }
            "detail" if fault_child && fault.detail.is_none() => {
                fault.detail = Some(read_detail(r, &child)?);
            }
            _ => r.skip_unknown(&child)?,
        }
    }
    Ok(fault)
}

/// The detail's text when it holds only text (references replaced, CDATA included), otherwise its content as
/// received XML.
fn read_detail<'a>(r: &mut XmlReader<'a>, detail: &StartTag<'a>) -> Result<String, DecodeError> {
    // The fault keeps the detail's content only, so its attributes are reported.
    unknown_attributes(r, detail);
    let any = r.read_any(detail)?;
    if !any.raw_inner.contains('<') && !any.raw_inner.contains('&') {
        return Ok(any.raw_inner);
    }
    // Re-read the captured element on its own (it is self-contained) to tell text from markup and to unescape.
    let xml = any.to_xml().map_err(|e| r.error_at_tag(detail, DecodeErrorKind::Syntax { message: e.to_string() }))?;
    let mut inner = XmlReader::new(xml.as_bytes());
    inner.root()?;
    let mut text = String::new();
    let mut has_elements = false;
    while let Some(child) = inner.next_child_mixed(&mut text)? {
        has_elements = true;
        inner.skip_element(&child)?;
    }
    inner.finish()?;
    Ok(if has_elements { any.raw_inner } else { text })
}
