//! Reading request envelopes on the server side: a quick first look ([`peek`]) at the credentials header and
//! the body element's name, which picks the operation, then the typed read of the body ([`read_request`]).

use paypal_soap_runtime::credentials::Secret;
use paypal_soap_runtime::soap::{EBL, PAYPAL_API, SOAP_ENV};
use paypal_soap_runtime::xml::{DecodeError, DecodeErrorKind, StartTag, Ws, XmlRead, XmlReader};

/// The `RequesterCredentials/Credentials` of a request. `Debug` never shows the password or the signature.
#[derive(Debug, Clone, Default)]
pub struct HeaderCredentials {
    /// `Username`.
    pub username: String,
    /// `Password`.
    pub password: Secret,
    /// `Signature`, when present and not empty.
    pub signature: Option<Secret>,
    /// `Subject`, when present and not empty.
    pub subject: Option<String>,
}

/// What [`peek`] found.
#[derive(Debug, Default)]
pub(crate) struct Peek<'a> {
    /// The body's first element: (namespace, local name).
    pub(crate) element: Option<(String, String)>,
    /// The credentials header, when present.
    pub(crate) credentials: Option<HeaderCredentials>,
    /// The reader, stopped on the body's first element, for [`read_body`] to go on from: the envelope is read
    /// once, not once to choose the operation and again to decode its request.
    pub(crate) body: Option<BodyStart<'a>>,
}

/// A reader stopped on the start tag of the body's first element.
pub(crate) struct BodyStart<'a> {
    reader: XmlReader<'a>,
    first: StartTag<'a>,
}

impl std::fmt::Debug for BodyStart<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BodyStart").field("first", &self.first.expanded_name()).finish_non_exhaustive()
    }
}

fn expanded(ns: &str, local: &str) -> String {
    format!("{{{ns}}}{local}")
}

/// Reads the envelope up to the body's first element.
pub(crate) fn peek(bytes: &[u8]) -> Result<Peek<'_>, DecodeError> {
    let mut r = XmlReader::new(bytes);
    let root = r.root()?;
    if !root.is(SOAP_ENV, "Envelope") {
        let kind =
            DecodeErrorKind::UnexpectedRoot { expected: expanded(SOAP_ENV, "Envelope"), found: root.expanded_name() };
        return Err(r.error_at_tag(&root, kind));
    }
    let mut out = Peek::default();
    while let Some(child) = r.next_child()? {
        if child.is(SOAP_ENV, "Header") {
            while let Some(h) = r.next_child()? {
                if h.is(PAYPAL_API, "RequesterCredentials") {
                    out.credentials = Some(read_credentials(&mut r)?);
                } else {
                    r.skip_element(&h)?;
                }
            }
        } else if child.is(SOAP_ENV, "Body") {
            if let Some(first) = r.next_child()? {
                out.element = Some((first.ns().to_owned(), first.local().to_owned()));
                out.body = Some(BodyStart { reader: r, first });
            }
            return Ok(out);
        } else {
            r.skip_element(&child)?;
        }
    }
    Ok(out)
}

fn read_credentials(r: &mut XmlReader<'_>) -> Result<HeaderCredentials, DecodeError> {
    let mut creds = HeaderCredentials::default();
    while let Some(c) = r.next_child()? {
        if !c.is(EBL, "Credentials") {
            r.skip_element(&c)?;
            continue;
        }
        while let Some(field) = r.next_child()? {
            if field.ns() != EBL {
                r.skip_element(&field)?;
                continue;
            }
            match field.local() {
                "Username" => creds.username = text(r, &field)?,
                "Password" => creds.password = Secret::new(text(r, &field)?),
                "Signature" => creds.signature = Some(text(r, &field)?).filter(|s| !s.is_empty()).map(Secret::new),
                "Subject" => creds.subject = Some(text(r, &field)?).filter(|s| !s.is_empty()),
                _ => r.skip_element(&field)?,
            }
        }
    }
    Ok(creds)
}

fn text(r: &mut XmlReader<'_>, tag: &StartTag<'_>) -> Result<String, DecodeError> {
    Ok(r.read_scalar::<String>(tag, Ws::Preserve)?.unwrap_or_default())
}

/// Decodes the request `{ns}name` as `T`, going on from where [`peek`] stopped: the body's first element, then
/// its other elements and whatever follows the body (both skipped, as the fake only answers the request), to
/// the end of the document, which must be well-formed.
pub(crate) fn read_body<T: XmlRead>(start: BodyStart<'_>, ns: &str, name: &str) -> Result<T, DecodeError> {
    let BodyStart { reader: mut r, first } = start;
    let mut body = None;
    let mut next = Some(first);
    while let Some(element) = next {
        if body.is_none() && element.is(ns, name) {
            body = Some(T::read_element(&mut r, &element)?);
        } else {
            r.skip_unknown(&element)?;
        }
        next = r.next_child()?;
    }
    // The rest of the envelope: anything after the body, which `peek` did not look at.
    while let Some(child) = r.next_child()? {
        r.skip_element(&child)?;
    }
    let body = body.ok_or_else(|| r.error(DecodeErrorKind::MissingElement { expected: expanded(ns, name) }))?;
    r.finish()?;
    Ok(body)
}

/// Reads a request envelope whose body holds `{ns}name`, decoded as `T`: [`peek`], then [`read_body`].
pub(crate) fn read_request<T: XmlRead>(bytes: &[u8], ns: &str, name: &str) -> Result<T, DecodeError> {
    match peek(bytes)?.body {
        Some(start) => read_body(start, ns, name),
        None => Err(XmlReader::new(bytes).error(DecodeErrorKind::MissingElement { expected: expanded(ns, name) })),
    }
}
