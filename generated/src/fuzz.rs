//! The checks that the fuzz targets (`generated/fuzz/`) and the property tests share (behind the `examples`
//! feature): one function per target, each taking arbitrary bytes and panicking only when the crate is wrong.
//!
//! - [`decode_any`]: the response side. The first byte picks one of the 57 operations' response decoders; the
//!   rest is the document, fed to that decoder and to [`Message::read_envelope`]. Neither may panic, an error's
//!   text stays short however large or deep the input is, and a decoded response written, read and written
//!   again gives the same bytes.
//! - [`roundtrip_any`]: the request side. The first two bytes pick a generated type or global element, the rest
//!   is a [`Source`] for an arbitrary value of it; writing the value and reading it back must give an equal
//!   value and a clean report, and `validate()` must not panic on it.

use std::fmt::Debug;
use std::sync::OnceLock;

use crate::generated::examples::{for_each_element, for_each_type};
use crate::generated::messages::Message;
use paypal_soap_runtime::arbitrary::{Generate, Source};
use paypal_soap_runtime::credentials::Credentials;
use paypal_soap_runtime::example::{Example, SetText, Visitor};
use paypal_soap_runtime::soap::{Body, PAYPAL_API, SOAP_ENV, read_response, write_request};
use paypal_soap_runtime::validate::{Limited, Validate};
use paypal_soap_runtime::xml::{DecodeError, XmlRead, XmlReader, XmlWrite, XmlWriter};

/// The longest `Display` text a decode error may have: errors quote the input, and must quote it in bounded
/// pieces, since they end up in logs.
pub const ERROR_DISPLAY_MAX: usize = 1024;

/// A response decoder: element name, and a function that decodes a document as the response of that name.
type ResponseDecoder = (&'static str, fn(&[u8], &'static str) -> Result<(), DecodeError>);

/// A round trip: what a failure calls it, the check (it builds a value from the bytes and writes and reads it),
/// and the namespace and name the value is written under.
type RoundTrip = (String, fn(&[u8], &'static str, &'static str) -> Result<(), String>, &'static str, &'static str);

/// Every response element of PayPal's API namespace (one per operation), in `for_each_element` order.
pub fn responses() -> &'static [ResponseDecoder] {
    static TABLE: OnceLock<Vec<ResponseDecoder>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut v = Responses(Vec::new());
        for_each_element(&mut v);
        v.0
    })
}

struct Responses(Vec<ResponseDecoder>);

impl Visitor for Responses {
    fn visit<T>(&mut self, ns: &'static str, name: &'static str)
    where
        T: XmlRead + XmlWrite,
    {
        if ns == PAYPAL_API && name.ends_with("Response") {
            self.0.push((name, decode_response::<T>));
        }
    }
}

fn decode_response<T: XmlRead + XmlWrite>(doc: &[u8], name: &'static str) -> Result<(), DecodeError> {
    let response = read_response::<T>(doc, PAYPAL_API, name)?;
    let _ = response.report.to_string();
    if let Body::Response(value) = response.body {
        if let Err(e) = rewrite_is_stable(&value, name) {
            panic!("{name}: {e}");
        }
    }
    Ok(())
}

/// A decoded value can be written, and what the reader makes of that is written the same way again: reading
/// loses nothing the writer wrote. Compared as written bytes, since a decoded NaN is not equal to itself.
fn rewrite_is_stable<T: XmlRead + XmlWrite>(value: &T, name: &'static str) -> Result<(), String> {
    let encode = |v: &T| {
        let mut w = XmlWriter::new();
        v.write_element(&mut w, PAYPAL_API, name).map(|()| w.into_bytes())
    };
    let first = encode(value).map_err(|e| format!("a decoded value does not encode: {e}"))?;
    let shown = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    let mut r = XmlReader::new(&first);
    let again = r
        .root()
        .and_then(|root| T::read_element(&mut r, &root))
        .and_then(|v| r.finish().map(|_| v))
        .map_err(|e| format!("what the writer wrote does not decode: {e}\n{}", shown(&first)))?;
    let second = encode(&again).map_err(|e| format!("the value read back does not encode: {e}"))?;
    if first != second {
        return Err(format!("written differently after a read:\n{}\n{}", shown(&first), shown(&second)));
    }
    Ok(())
}

/// The fuzz input that sends `document` to the response decoder of the element its body carries: the
/// decoder's index, then the document (index 0 when the body holds no response element, e.g. a fault).
#[must_use]
pub fn seed_input(document: &[u8]) -> Vec<u8> {
    let index = body_element(document).and_then(|name| responses().iter().position(|(n, _)| *n == name));
    let mut out = Vec::with_capacity(document.len() + 1);
    out.push(index.and_then(|i| u8::try_from(i).ok()).unwrap_or(0));
    out.extend_from_slice(document);
    out
}

fn body_element(document: &[u8]) -> Option<String> {
    let mut r = XmlReader::new(document);
    r.root().ok()?;
    while let Some(child) = r.next_child().ok()? {
        if child.is(SOAP_ENV, "Body") {
            return r.next_child().ok()?.map(|c| c.local().to_owned());
        }
        r.skip_element(&child).ok()?;
    }
    None
}

/// Decodes `input[1..]` with the response decoder that `input[0]` picks and with [`Message::read_envelope`].
///
/// # Panics
/// When a decoder panics, when a decode error's text is longer than [`ERROR_DISPLAY_MAX`] bytes, or when a
/// decoded response does not survive a write and a read: bugs this check exists to find.
pub fn decode_any(input: &[u8]) {
    let Some((&selector, doc)) = input.split_first() else { return };
    let table = responses();
    let (name, decode) = table[usize::from(selector) % table.len()];
    if let Err(e) = decode(doc, name) {
        check_error(name, &e);
    }
    match Message::read_envelope(doc) {
        Ok(response) => {
            let _ = response.report.to_string();
        }
        Err(e) => check_error("Message::read_envelope", &e),
    }
}

fn check_error(decoder: &str, e: &DecodeError) {
    let text = e.to_string();
    assert!(
        text.len() <= ERROR_DISPLAY_MAX,
        "{decoder}: the error text is {} bytes long: {}…",
        text.len(),
        text.chars().take(300).collect::<String>()
    );
}

/// Every round trip [`roundtrip_any`] can pick: each complex type written as an element named after the type,
/// then each global element written inside a request envelope.
pub fn round_trips() -> &'static [RoundTrip] {
    static TABLE: OnceLock<Vec<RoundTrip>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut types = RoundTrips { envelope: false, entries: Vec::new() };
        for_each_type(&mut types);
        let mut elements = RoundTrips { envelope: true, entries: types.entries };
        for_each_element(&mut elements);
        elements.entries
    })
}

struct RoundTrips {
    envelope: bool,
    entries: Vec<RoundTrip>,
}

impl Visitor for RoundTrips {
    fn visit<T>(&mut self, ns: &'static str, name: &'static str)
    where
        T: Example + Generate + SetText + Limited + XmlRead + XmlWrite + Validate + PartialEq + Debug,
    {
        if self.envelope {
            self.entries.push((format!("element {{{ns}}}{name} in an envelope"), envelope_round_trip::<T>, ns, name));
        } else {
            self.entries.push((format!("type {{{ns}}}{name}"), type_round_trip::<T>, ns, name));
        }
    }
}

/// Builds a `T` from `bytes`, runs `validate()` on it (its result does not matter, only that it returns) and
/// round-trips it with [`value_round_trip`].
///
/// # Errors
/// What went wrong, with the value and the XML.
pub fn type_round_trip<T>(bytes: &[u8], ns: &'static str, name: &'static str) -> Result<(), String>
where
    T: Generate + XmlRead + XmlWrite + Validate + PartialEq + Debug,
{
    let value = T::generate(&mut Source::new(bytes), 0);
    let _ = value.validate();
    value_round_trip(&value, ns, name)
}

/// Like [`type_round_trip`], for a global element: [`value_envelope_round_trip`].
///
/// # Errors
/// What went wrong, with the value and the XML.
pub fn envelope_round_trip<T>(bytes: &[u8], ns: &'static str, name: &'static str) -> Result<(), String>
where
    T: Generate + XmlRead + XmlWrite + Validate + PartialEq + Debug,
{
    let value = T::generate(&mut Source::new(bytes), 0);
    let _ = value.validate();
    value_envelope_round_trip(&value, ns, name).map(drop)
}

/// Writes `value` as the element `{ns}name`, reads it back and compares; the read must report nothing. The
/// fuzz targets run it on arbitrary values, the round-trip tests on every type's example.
///
/// # Errors
/// What went wrong, with the value and the XML.
pub fn value_round_trip<T>(value: &T, ns: &'static str, name: &'static str) -> Result<(), String>
where
    T: XmlRead + XmlWrite + PartialEq + Debug,
{
    let mut w = XmlWriter::new();
    value.write_element(&mut w, ns, name).map_err(|e| format!("encode: {e}\nvalue: {value:?}"))?;
    let xml = w.into_bytes();
    let shown = || String::from_utf8_lossy(&xml).into_owned();
    let mut r = XmlReader::new(&xml);
    let root = r.root().map_err(|e| format!("decode: {e}\n{}", shown()))?;
    let back = T::read_element(&mut r, &root).map_err(|e| format!("decode: {e}\n{}", shown()))?;
    let report = r.finish().map_err(|e| format!("decode: {e}\n{}", shown()))?;
    if back != *value {
        return Err(format!("decoded value differs\nwritten: {value:?}\nread:    {back:?}\n{}", shown()));
    }
    if !report.is_clean() {
        return Err(format!("decode report is not clean: {report}\n{}", shown()));
    }
    Ok(())
}

/// Like [`value_round_trip`], for a global element written inside a request envelope (with credentials) and
/// read back with [`read_response`]. Returns the envelope, for tests that also hand it to a schema validator.
///
/// # Errors
/// What went wrong, with the value and the XML.
pub fn value_envelope_round_trip<T>(value: &T, ns: &'static str, name: &'static str) -> Result<Vec<u8>, String>
where
    T: XmlRead + XmlWrite + PartialEq + Debug,
{
    let creds = Credentials::signature("api_user", "api_password", "api_signature");
    let xml = write_request(&creds, value, ns, name).map_err(|e| format!("encode: {e}\nvalue: {value:?}"))?;
    let shown = || String::from_utf8_lossy(&xml).into_owned();
    let response = read_response::<T>(&xml, ns, name).map_err(|e| format!("decode: {e}\n{}", shown()))?;
    match response.body {
        Body::Response(back) if back == *value => {}
        Body::Response(back) => {
            return Err(format!("decoded value differs\nwritten: {value:?}\nread:    {back:?}\n{}", shown()));
        }
        Body::Fault(f) => return Err(format!("decoded as a fault: {f:?}\n{}", shown())),
    }
    if !response.report.is_clean() {
        return Err(format!("decode report is not clean: {}\n{}", response.report, shown()));
    }
    Ok(xml)
}

/// Runs the round trip that `input[..2]` picks (little-endian index into [`round_trips`], modulo its length) on
/// a value built from `input[2..]`.
///
/// # Errors
/// What went wrong, with the value and the XML.
pub fn check_roundtrip(input: &[u8]) -> Result<(), String> {
    let table = round_trips();
    let selector =
        usize::from(u16::from_le_bytes([input.first().copied().unwrap_or(0), input.get(1).copied().unwrap_or(0)]));
    let (what, check, ns, name) = &table[selector % table.len()];
    check(input.get(2..).unwrap_or_default(), ns, name).map_err(|e| format!("{what}: {e}"))
}

/// [`check_roundtrip`] for fuzzers, which report panics.
///
/// # Panics
/// When the round trip fails: that is the finding.
pub fn roundtrip_any(input: &[u8]) {
    if let Err(e) = check_roundtrip(input) {
        panic!("{e}");
    }
}
