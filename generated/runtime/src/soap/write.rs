//! Writing SOAP 1.1 envelopes: requests with the `RequesterCredentials` header, and (for the fake PayPal server)
//! responses and faults.

use std::sync::OnceLock;

use super::{CC, EBL, ED, PAYPAL_API, SOAP_ENV, SoapFault};
use crate::credentials::Credentials;
use crate::xml::{EncodeError, XmlWrite, XmlWriter};

/// Room reserved for an envelope before the body: the header with credentials is about 600 bytes.
const ENVELOPE_CAPACITY: usize = 2048;

/// Starts a writer with the envelope's prefixes bound (`soapenv`, `ns`, `ebl`, `cc`, `ed`, always the same, in
/// this order), after the XML declaration and the `Envelope` start tag declaring them once.
///
/// That start is the same for every message, so it is written once and copied: writing it escapes five
/// namespace URIs, which cost as much as the rest of a small request's header.
fn start_envelope() -> Result<XmlWriter, EncodeError> {
    static START: OnceLock<Result<XmlWriter, EncodeError>> = OnceLock::new();
    match START.get_or_init(write_envelope_start) {
        Ok(start) => Ok(start.copy_with_capacity(ENVELOPE_CAPACITY)),
        Err(e) => Err(e.clone()),
    }
}

fn write_envelope_start() -> Result<XmlWriter, EncodeError> {
    let mut w = XmlWriter::with_capacity(ENVELOPE_CAPACITY);
    w.declare("soapenv", SOAP_ENV);
    w.declare("ns", PAYPAL_API);
    w.declare("ebl", EBL);
    w.declare("cc", CC);
    w.declare("ed", ED);
    w.xml_declaration()?;
    w.start(SOAP_ENV, "Envelope")?;
    w.declarations()?;
    Ok(w)
}

/// Writes the body holding `body` as `{ns}name` and closes the envelope.
fn finish_envelope<T: XmlWrite>(
    mut w: XmlWriter,
    body: &T,
    ns: &'static str,
    name: &'static str,
) -> Result<Vec<u8>, EncodeError> {
    w.start(SOAP_ENV, "Body")?;
    body.write_element(&mut w, ns, name)?;
    w.end(SOAP_ENV, "Body")?;
    w.end(SOAP_ENV, "Envelope")?;
    Ok(w.into_bytes())
}

fn string_element(w: &mut XmlWriter, ns: &str, name: &str, text: &str) -> Result<(), EncodeError> {
    w.start(ns, name)?;
    if !text.is_empty() {
        w.text(text)?;
    }
    w.end(ns, name)
}

/// Writes a request envelope: the XML declaration, `soapenv:Envelope` declaring every prefix once, the header
/// with `ns:RequesterCredentials/ebl:Credentials` (Username, Password, Signature, Subject, in the schema's
/// `UserIdPasswordType` order), and the body element `{ns}name` written by `body`.
///
/// Signature and Subject are always present, empty when unused: PayPal's reference says both "must be included
/// in the SOAP header" (`<Signature/>`, `<Subject/>`).
///
/// # Errors
/// A credential or body value holding a character XML 1.0 cannot carry.
///
/// # Example
/// ```
/// use paypal_soap_runtime::credentials::Credentials;
/// use paypal_soap_runtime::soap::{write_request, PAYPAL_API, EBL};
/// use paypal_soap_runtime::xml::{EncodeError, XmlWrite, XmlWriter};
///
/// struct GetBalanceReq;
/// impl XmlWrite for GetBalanceReq {
///     fn write_element(&self, w: &mut XmlWriter, ns: &'static str, name: &'static str) -> Result<(), EncodeError> {
///         w.start(ns, name)?;
///         w.start(PAYPAL_API, "GetBalanceRequest")?;
///         w.scalar_element(EBL, "Version", &"204.0".to_owned())?;
///         w.end(PAYPAL_API, "GetBalanceRequest")?;
///         w.end(ns, name)
///     }
/// }
/// let creds = Credentials::signature("user", "pass", "sig");
/// let bytes = write_request(&creds, &GetBalanceReq, PAYPAL_API, "GetBalanceReq")?;
/// let text = String::from_utf8(bytes).unwrap();
/// assert!(text.contains("<ebl:Signature>sig</ebl:Signature><ebl:Subject/>"));
/// assert!(text.ends_with("<soapenv:Body><ns:GetBalanceReq><ns:GetBalanceRequest><ebl:Version>204.0</ebl:Version></ns:GetBalanceRequest></ns:GetBalanceReq></soapenv:Body></soapenv:Envelope>"));
/// # Ok::<(), EncodeError>(())
/// ```
pub fn write_request<T: XmlWrite>(
    creds: &Credentials,
    body: &T,
    ns: &'static str,
    name: &'static str,
) -> Result<Vec<u8>, EncodeError> {
    let mut w = start_envelope()?;
    w.start(SOAP_ENV, "Header")?;
    w.start(PAYPAL_API, "RequesterCredentials")?;
    w.start(EBL, "Credentials")?;
    string_element(&mut w, EBL, "Username", &creds.username)?;
    string_element(&mut w, EBL, "Password", creds.password.expose())?;
    string_element(&mut w, EBL, "Signature", creds.signature.as_ref().map_or("", |s| s.expose().as_str()))?;
    string_element(&mut w, EBL, "Subject", creds.subject.as_deref().unwrap_or(""))?;
    w.end(EBL, "Credentials")?;
    w.end(PAYPAL_API, "RequesterCredentials")?;
    w.end(SOAP_ENV, "Header")?;
    finish_envelope(w, body, ns, name)
}

/// Writes a response envelope with an empty header and the body element `{ns}name`; for servers such as the
/// fake PayPal.
///
/// # Errors
/// A body value holding a character XML 1.0 cannot carry.
pub fn write_response<T: XmlWrite>(body: &T, ns: &'static str, name: &'static str) -> Result<Vec<u8>, EncodeError> {
    let mut w = start_envelope()?;
    w.start(SOAP_ENV, "Header")?;
    w.end(SOAP_ENV, "Header")?;
    finish_envelope(w, body, ns, name)
}

/// Writes a SOAP 1.1 fault envelope. The code is written as given, so use the `soapenv` prefix
/// (`soapenv:Server`, `soapenv:Client`) or an unprefixed name; `detail` is written as escaped text.
///
/// # Errors
/// A value holding a character XML 1.0 cannot carry.
pub fn write_fault(fault: &SoapFault) -> Result<Vec<u8>, EncodeError> {
    let mut w = start_envelope()?;
    w.start(SOAP_ENV, "Body")?;
    w.start(SOAP_ENV, "Fault")?;
    // SOAP 1.1's fault children are unqualified.
    string_element(&mut w, "", "faultcode", &fault.code)?;
    string_element(&mut w, "", "faultstring", &fault.string)?;
    if let Some(actor) = &fault.actor {
        string_element(&mut w, "", "faultactor", actor)?;
    }
    if let Some(detail) = &fault.detail {
        string_element(&mut w, "", "detail", detail)?;
    }
    w.end(SOAP_ENV, "Fault")?;
    w.end(SOAP_ENV, "Body")?;
    w.end(SOAP_ENV, "Envelope")?;
    Ok(w.into_bytes())
}
