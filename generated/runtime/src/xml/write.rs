//! [`XmlWriter`]: the namespace-exact, escaping XML writer that generated `XmlWrite` code and the SOAP envelope
//! write requests with.
//!
//! It appends to one owned buffer and never builds a tree. Namespaces are exact by construction: an element in a
//! namespace that an enclosing element has bound to a prefix (see [`XmlWriter::declare`]) is written with that
//! prefix; any other element gets a default-namespace declaration where the default in scope differs. Text and
//! attribute values are escaped in one pass that copies unescaped runs whole, and a character XML 1.0 cannot
//! carry is an [`EncodeError`] before anything of that value is written.

use std::fmt;

use super::{AnyElement, EncodeError, XmlScalar};

/// The XML declaration [`XmlWriter::xml_declaration`] writes.
const XML_DECLARATION: &str = r#"<?xml version="1.0" encoding="UTF-8"?>"#;

/// Writes XML to an owned buffer, tracking namespace scope and whether a start tag is still open.
///
/// A start tag stays open after [`XmlWriter::start`] so attributes can follow; [`XmlWriter::end_start`],
/// [`XmlWriter::text`] or a child's `start` closes it, and [`XmlWriter::end`] on a still-open start tag writes
/// `/>`.
///
/// # Example
/// ```
/// use paypal_soap_runtime::xml::XmlWriter;
/// let mut w = XmlWriter::new();
/// w.declare("ebl", "urn:ebay:apis:eBLBaseComponents");
/// w.start("urn:ebay:api:PayPalAPI", "Req")?;
/// w.start("urn:ebay:apis:eBLBaseComponents", "Amount")?;
/// w.attr("currencyID", "USD")?;
/// w.text("1.00")?;
/// w.end("urn:ebay:apis:eBLBaseComponents", "Amount")?;
/// w.end("urn:ebay:api:PayPalAPI", "Req")?;
/// assert_eq!(
///     std::str::from_utf8(w.as_bytes()).unwrap(),
///     r#"<Req xmlns="urn:ebay:api:PayPalAPI"><ebl:Amount currencyID="USD">1.00</ebl:Amount></Req>"#
/// );
/// # Ok::<(), paypal_soap_runtime::xml::EncodeError>(())
/// ```
pub struct XmlWriter {
    buf: Vec<u8>,
    /// Prefix bindings declared by an enclosing element, searched by namespace.
    prefixes: Vec<(&'static str, &'static str)>,
    /// Default namespaces this writer declared: the depth of the declaring element and the namespace.
    defaults: Vec<(usize, String)>,
    /// Number of open elements.
    depth: usize,
    /// Whether the last start tag still awaits its `>`.
    in_start_tag: bool,
    /// The first error of a field written with the `*_opt`/`*_list` methods, which do not return one: the
    /// enclosing element's [`XmlWriter::finish`] does (see `write_fields.rs`).
    pub(super) failed: Option<EncodeError>,
}

impl XmlWriter {
    /// An empty writer with no namespaces declared.
    #[must_use]
    pub fn new() -> Self {
        Self::with_capacity(0)
    }

    /// An empty writer whose buffer has room for `n` bytes.
    #[must_use]
    pub fn with_capacity(n: usize) -> Self {
        Self {
            buf: Vec::with_capacity(n),
            prefixes: Vec::new(),
            defaults: Vec::new(),
            depth: 0,
            in_start_tag: false,
            failed: None,
        }
    }

    /// Declares a prefix→namespace binding that an enclosing element (the SOAP envelope) has declared, so elements
    /// in `ns` are written as `prefix:name` with no further `xmlns`. A later binding of the same prefix replaces
    /// the earlier one. Elements in undeclared namespaces get a local `xmlns="…"` default declaration, only where
    /// the default in scope differs, so output is always namespace-correct. Use
    /// [`XmlWriter::declarations`] to write the bindings on the enclosing element.
    pub fn declare(&mut self, prefix: &'static str, ns: &'static str) {
        self.prefixes.retain(|&(p, _)| p != prefix);
        self.prefixes.push((prefix, ns));
    }

    /// Writes an `xmlns:prefix="ns"` attribute for every binding made with [`XmlWriter::declare`], in
    /// declaration order, on the open start tag.
    ///
    /// # Errors
    /// No start tag is open.
    pub fn declarations(&mut self) -> Result<(), EncodeError> {
        if !self.in_start_tag {
            return Err(misuse("namespace declarations outside a start tag"));
        }
        for i in 0..self.prefixes.len() {
            let (prefix, ns) = self.prefixes[i];
            self.buf.extend_from_slice(b" xmlns:");
            self.buf.extend_from_slice(prefix.as_bytes());
            self.buf.extend_from_slice(b"=\"");
            escape(&mut self.buf, ns, &ATTR)?;
            self.buf.push(b'"');
        }
        Ok(())
    }

    /// Writes the XML declaration `<?xml version="1.0" encoding="UTF-8"?>`.
    ///
    /// # Errors
    /// Something was written already.
    pub fn xml_declaration(&mut self) -> Result<(), EncodeError> {
        if !self.buf.is_empty() {
            return Err(misuse("an XML declaration after the start of the document"));
        }
        self.buf.extend_from_slice(XML_DECLARATION.as_bytes());
        Ok(())
    }

    /// Writes the start tag `<p:name` of element `{ns}name` (plus `xmlns="ns"` where needed), left open for
    /// attributes. Names come from generated code and are not checked.
    ///
    /// # Errors
    /// A namespace URI with a character XML 1.0 cannot carry.
    pub fn start(&mut self, ns: &str, name: &str) -> Result<(), EncodeError> {
        self.close_start_tag();
        self.buf.push(b'<');
        if let Some(prefix) = self.prefix_of(ns) {
            self.buf.extend_from_slice(prefix.as_bytes());
            self.buf.push(b':');
            self.buf.extend_from_slice(name.as_bytes());
        } else {
            self.buf.extend_from_slice(name.as_bytes());
            if self.default_ns() != ns {
                self.buf.extend_from_slice(b" xmlns=\"");
                escape(&mut self.buf, ns, &ATTR)?;
                self.buf.push(b'"');
                self.defaults.push((self.depth, ns.to_owned()));
            }
        }
        self.depth += 1;
        self.in_start_tag = true;
        Ok(())
    }

    /// Writes the unqualified attribute `name="value"` on the open start tag, escaped.
    ///
    /// # Errors
    /// No start tag is open, or the value has a character XML 1.0 cannot carry (then nothing of it is written).
    pub fn attr(&mut self, name: &str, value: &str) -> Result<(), EncodeError> {
        if !self.in_start_tag {
            return Err(misuse("an attribute outside a start tag"));
        }
        let mark = self.buf.len();
        self.buf.push(b' ');
        self.buf.extend_from_slice(name.as_bytes());
        self.buf.extend_from_slice(b"=\"");
        if let Err(e) = escape(&mut self.buf, value, &ATTR) {
            self.buf.truncate(mark);
            return Err(e);
        }
        self.buf.push(b'"');
        Ok(())
    }

    /// Writes a scalar as the attribute `name`.
    ///
    /// # Errors
    /// As [`XmlWriter::attr`].
    pub fn attr_scalar<T: XmlScalar>(&mut self, name: &str, v: &T) -> Result<(), EncodeError> {
        self.attr(name, &v.to_xml_text())
    }

    /// Closes the open start tag with `>`.
    ///
    /// # Errors
    /// No start tag is open.
    pub fn end_start(&mut self) -> Result<(), EncodeError> {
        if !self.in_start_tag {
            return Err(misuse("end_start with no open start tag"));
        }
        self.close_start_tag();
        Ok(())
    }

    /// Writes escaped text, closing an open start tag first.
    ///
    /// # Errors
    /// A character XML 1.0 cannot carry (then nothing of `s` is written).
    pub fn text(&mut self, s: &str) -> Result<(), EncodeError> {
        self.close_start_tag();
        let mark = self.buf.len();
        escape(&mut self.buf, s, &TEXT).inspect_err(|_| self.buf.truncate(mark))
    }

    /// Writes a scalar as text.
    ///
    /// # Errors
    /// As [`XmlWriter::text`].
    pub fn text_scalar<T: XmlScalar>(&mut self, v: &T) -> Result<(), EncodeError> {
        self.text(&v.to_xml_text())
    }

    /// Ends element `{ns}name`: `</p:name>`, or `/>` if its start tag is still open. `ns` and `name` must be
    /// the ones given to the matching [`XmlWriter::start`].
    ///
    /// # Errors
    /// No element is open.
    pub fn end(&mut self, ns: &str, name: &str) -> Result<(), EncodeError> {
        if self.depth == 0 {
            return Err(misuse("an end tag with no open element"));
        }
        if self.in_start_tag {
            self.buf.extend_from_slice(b"/>");
            self.in_start_tag = false;
        } else {
            self.buf.extend_from_slice(b"</");
            if let Some(prefix) = self.prefix_of(ns) {
                self.buf.extend_from_slice(prefix.as_bytes());
                self.buf.push(b':');
            }
            self.buf.extend_from_slice(name.as_bytes());
            self.buf.push(b'>');
        }
        self.depth -= 1;
        if self.defaults.last().is_some_and(|&(depth, _)| depth == self.depth) {
            self.defaults.pop();
        }
        Ok(())
    }

    /// Writes `<p:name>text</p:name>` for a scalar (`<p:name/>` when its text is empty).
    ///
    /// # Errors
    /// As [`XmlWriter::text`].
    pub fn scalar_element<T: XmlScalar>(&mut self, ns: &str, name: &str, v: &T) -> Result<(), EncodeError> {
        self.text_element(ns, name, &v.to_xml_text())
    }

    /// [`XmlWriter::scalar_element`] once the value is text: compiled once, not once per scalar type.
    fn text_element(&mut self, ns: &str, name: &str, text: &str) -> Result<(), EncodeError> {
        self.start(ns, name)?;
        if !text.is_empty() {
            self.text(text)?;
        }
        self.end(ns, name)
    }

    /// Re-emits an element captured by the reader for an `xs:any` member, as one self-contained element (its
    /// own namespace declarations included, see [`AnyElement::to_xml`]), closing an open start tag first.
    ///
    /// # Errors
    /// What [`AnyElement::to_xml`] reports (a name that is not an XML name, conflicting bindings, a forbidden
    /// character); nothing of the element is written then.
    pub fn any(&mut self, a: &AnyElement) -> Result<(), EncodeError> {
        let xml = a.to_xml()?;
        self.close_start_tag();
        self.buf.extend_from_slice(xml.as_bytes());
        Ok(())
    }

    /// A writer in the same state as this one (its bytes, prefixes, open elements), with room for `capacity`
    /// bytes: to start every message from a prefix written once, such as the SOAP envelope's start tag.
    pub(crate) fn copy_with_capacity(&self, capacity: usize) -> Self {
        let mut buf = Vec::with_capacity(capacity.max(self.buf.len()));
        buf.extend_from_slice(&self.buf);
        Self {
            buf,
            prefixes: self.prefixes.clone(),
            defaults: self.defaults.clone(),
            depth: self.depth,
            in_start_tag: self.in_start_tag,
            failed: self.failed.clone(),
        }
    }

    /// The written bytes.
    #[must_use]
    pub fn into_bytes(self) -> Vec<u8> {
        self.buf
    }

    /// The bytes written so far.
    #[must_use]
    pub fn as_bytes(&self) -> &[u8] {
        &self.buf
    }

    fn close_start_tag(&mut self) {
        if self.in_start_tag {
            self.buf.push(b'>');
            self.in_start_tag = false;
        }
    }

    fn prefix_of(&self, ns: &str) -> Option<&'static str> {
        if ns.is_empty() {
            return None;
        }
        // Generated code passes the same `&'static str` constants the envelope declared, so the pointer
        // comparison usually decides before any bytes are compared.
        self.prefixes
            .iter()
            .find(|&&(_, declared)| std::ptr::eq(declared, ns) || declared == ns)
            .map(|&(prefix, _)| prefix)
    }

    fn default_ns(&self) -> &str {
        self.defaults.last().map_or("", |(_, ns)| ns.as_str())
    }
}

impl Default for XmlWriter {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Debug for XmlWriter {
    /// Shows the state only: the buffer may hold credentials.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("XmlWriter")
            .field("len", &self.buf.len())
            .field("depth", &self.depth)
            .field("prefixes", &self.prefixes)
            .finish_non_exhaustive()
    }
}

fn misuse(what: &str) -> EncodeError {
    EncodeError::Invalid { what: what.to_owned() }
}

/// Bytes that text escaping must look at: markup characters, CR, the C0 controls XML 1.0 forbids, and 0xEF,
/// the lead byte of U+FFFE and U+FFFF.
const TEXT: [bool; 256] = table(b"&<>\r");
/// As [`TEXT`], plus quotes, and tab and line feed, which attribute-value normalization would turn into spaces.
const ATTR: [bool; 256] = table(b"&<>\r\"'\t\n");

const fn table(specials: &[u8]) -> [bool; 256] {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = b != 0x09 && b != 0x0A;
        b += 1;
    }
    t[0xEF] = true;
    let mut i = 0;
    while i < specials.len() {
        t[specials[i] as usize] = true;
        i += 1;
    }
    t
}

/// Appends `s` to `out` escaped per `special`, copying runs of ordinary bytes whole.
fn escape(out: &mut Vec<u8>, s: &str, special: &[bool; 256]) -> Result<(), EncodeError> {
    let bytes = s.as_bytes();
    let mut run = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if !special[usize::from(b)] {
            i += 1;
            continue;
        }
        let replacement: &[u8] = match b {
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'"' => b"&quot;",
            b'\'' => b"&apos;",
            b'\r' => b"&#13;",
            b'\n' => b"&#10;",
            b'\t' => b"&#9;",
            0xEF => {
                // U+FFFE and U+FFFF are EF BF BE and EF BF BF; every other character with this lead byte is fine.
                if let [0xBF, last @ (0xBE | 0xBF)] = bytes[i + 1..].get(..2).unwrap_or_default() {
                    return Err(EncodeError::IllegalCharacter {
                        offset: i,
                        code_point: 0xFFC0 | u32::from(*last & 0x3F),
                    });
                }
                i += 1;
                continue;
            }
            control => return Err(EncodeError::IllegalCharacter { offset: i, code_point: u32::from(control) }),
        };
        out.extend_from_slice(&bytes[run..i]);
        out.extend_from_slice(replacement);
        i += 1;
        run = i;
    }
    out.extend_from_slice(&bytes[run..]);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "urn:a";
    const B: &str = "urn:b";

    fn text_of(w: &XmlWriter) -> &str {
        std::str::from_utf8(w.as_bytes()).unwrap()
    }

    fn escaped(s: &str, table: &[bool; 256]) -> Result<String, EncodeError> {
        let mut out = Vec::new();
        escape(&mut out, s, table)?;
        Ok(String::from_utf8(out).unwrap())
    }

    #[test]
    fn text_escaping() {
        assert_eq!(escaped("Tom & Jerry <3 ]]> \"q\" 'a'", &TEXT).unwrap(), "Tom &amp; Jerry &lt;3 ]]&gt; \"q\" 'a'");
        assert_eq!(escaped("a\r\nb\tc", &TEXT).unwrap(), "a&#13;\nb\tc");
        assert_eq!(
            escaped("plain ünïcødé € 😀 \u{FFFD} \u{E000}", &TEXT).unwrap(),
            "plain ünïcødé € 😀 \u{FFFD} \u{E000}"
        );
        assert_eq!(escaped("", &TEXT).unwrap(), "");
    }

    #[test]
    fn attribute_escaping() {
        assert_eq!(
            escaped("a&b<c>d\"e'f\tg\nh\ri", &ATTR).unwrap(),
            "a&amp;b&lt;c&gt;d&quot;e&apos;f&#9;g&#10;h&#13;i"
        );
    }

    #[test]
    fn illegal_characters_are_errors_with_their_position() {
        for (s, offset, code_point) in [
            ("\0", 0, 0),
            ("ab\u{1}", 2, 1),
            ("é\u{8}", 2, 8),
            ("x\u{B}", 1, 0xB),
            ("x\u{C}", 1, 0xC),
            ("\u{E}", 0, 0xE),
            ("\u{1F}", 0, 0x1F),
            ("€\u{FFFE}", 3, 0xFFFE),
            ("\u{FFFF}", 0, 0xFFFF),
        ] {
            for table in [&TEXT, &ATTR] {
                assert_eq!(escaped(s, table), Err(EncodeError::IllegalCharacter { offset, code_point }), "{s:?}");
            }
        }
        // Neighbours of the forbidden characters are allowed.
        assert!(escaped("\u{FFFD}\u{FEFF}\u{EFBF}\u{10000}\u{7F}\u{20}", &TEXT).is_ok());
    }

    #[test]
    fn nothing_of_a_bad_value_is_written() {
        let mut w = XmlWriter::new();
        w.start(A, "x").unwrap();
        assert!(w.attr("a", "ok\u{0}").is_err());
        w.attr("b", "1").unwrap();
        assert!(w.text("good & \u{2} bad").is_err());
        w.end(A, "x").unwrap();
        assert_eq!(text_of(&w), r#"<x xmlns="urn:a" b="1"></x>"#);
    }

    #[test]
    fn declared_namespaces_use_their_prefix() {
        let mut w = XmlWriter::new();
        w.declare("a", A);
        w.declare("b", B);
        w.start(A, "Envelope").unwrap();
        w.declarations().unwrap();
        w.start(B, "Child").unwrap();
        w.end(B, "Child").unwrap();
        w.end(A, "Envelope").unwrap();
        assert_eq!(text_of(&w), r#"<a:Envelope xmlns:a="urn:a" xmlns:b="urn:b"><b:Child/></a:Envelope>"#);
    }

    #[test]
    fn undeclared_namespaces_get_a_default_only_where_it_changes() {
        let mut w = XmlWriter::new();
        w.start(A, "r").unwrap();
        w.start(A, "same").unwrap();
        w.text("1").unwrap();
        w.end(A, "same").unwrap();
        w.start(B, "other").unwrap();
        w.start(B, "inner").unwrap();
        w.end(B, "inner").unwrap();
        w.end(B, "other").unwrap();
        // Back in urn:a's scope: no declaration needed.
        w.start(A, "again").unwrap();
        w.end(A, "again").unwrap();
        w.start("", "unqualified").unwrap();
        w.end("", "unqualified").unwrap();
        w.end(A, "r").unwrap();
        assert_eq!(
            text_of(&w),
            concat!(
                r#"<r xmlns="urn:a"><same>1</same><other xmlns="urn:b"><inner/></other>"#,
                r#"<again/><unqualified xmlns=""/></r>"#
            )
        );
    }

    #[test]
    fn prefixed_and_default_namespaces_mix() {
        let mut w = XmlWriter::new();
        w.declare("a", A);
        w.start(B, "r").unwrap();
        w.start(A, "p").unwrap();
        w.start(B, "q").unwrap();
        w.end(B, "q").unwrap();
        w.end(A, "p").unwrap();
        w.start("", "u").unwrap();
        w.start(B, "v").unwrap();
        w.end(B, "v").unwrap();
        w.end("", "u").unwrap();
        w.end(B, "r").unwrap();
        assert_eq!(text_of(&w), r#"<r xmlns="urn:b"><a:p><q/></a:p><u xmlns=""><v xmlns="urn:b"/></u></r>"#);
    }

    #[test]
    fn scalars_attributes_and_nesting() {
        let mut w = XmlWriter::with_capacity(64);
        w.declare("e", A);
        w.xml_declaration().unwrap();
        w.start(A, "Item").unwrap();
        w.attr_scalar("n", &3i32).unwrap();
        w.end_start().unwrap();
        w.scalar_element(A, "Flag", &true).unwrap();
        w.scalar_element(A, "Empty", &String::new()).unwrap();
        w.start(A, "Mixed").unwrap();
        w.text_scalar(&-1.5f64).unwrap();
        w.end(A, "Mixed").unwrap();
        w.end(A, "Item").unwrap();
        assert_eq!(
            text_of(&w),
            concat!(
                r#"<?xml version="1.0" encoding="UTF-8"?>"#,
                r#"<e:Item n="3"><e:Flag>true</e:Flag><e:Empty/><e:Mixed>-1.5</e:Mixed></e:Item>"#
            )
        );
    }

    #[test]
    fn misuse_is_an_error_not_a_panic() {
        let mut w = XmlWriter::new();
        assert!(w.end(A, "x").is_err());
        assert!(w.attr("a", "b").is_err());
        assert!(w.end_start().is_err());
        w.start(A, "x").unwrap();
        assert!(w.xml_declaration().is_err());
        w.end_start().unwrap();
        assert!(w.attr("a", "b").is_err());
        assert!(w.declarations().is_err());
    }

    #[test]
    fn debug_does_not_show_the_buffer() {
        let mut w = XmlWriter::new();
        w.start(A, "Password").unwrap();
        w.text("s3cret").unwrap();
        assert!(!format!("{w:?}").contains("s3cret"));
    }
}
