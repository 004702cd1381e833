//! Opening a start tag: the name checked and split, attributes parsed (`(S Attribute)* S?`), namespace
//! declarations checked and put in scope, prefixes of the element and its attributes resolved, duplicates and
//! limits checked. This runs for every element, so it works on byte offsets and allocates nothing for a tag
//! with at most one ordinary attribute.

use std::borrow::Cow;

use super::super::error::{DecodeError, DecodeErrorKind, Limit, SNIPPET_MAX, snippet};
use super::XmlReader;
use super::core::Open;
use super::lexical::{EQ, WS, attribute_value, is_xml_ws, needs_unescaping, scan_qname};
use super::tag::{Attr, StartTag, XML_NS, XMLNS_NS, XSI_NS};

/// An ordinary attribute as parsed, before its prefix is resolved.
#[derive(Debug, Clone, Copy)]
pub(super) struct RawAttr<'a> {
    prefix: &'a str,
    local: &'a str,
    value: &'a str,
    /// `name="value"` as written.
    raw: &'a str,
    offset: usize,
}

/// One attribute in a tag: its name split into prefix and local name (`None` when it is not a `QName`), the start
/// and end of the name, and the start and end of the value (the closing quote is at the value's end).
pub(super) type Scanned<'t> = (Option<(&'t str, &'t str)>, usize, usize, usize, usize);

/// Scans the next attribute at `*i` in `text` (the tag content after the name). `Ok(None)` at the end; errors carry
/// the offset in `text` and a message.
pub(super) fn scan_attribute<'t>(text: &'t str, i: &mut usize) -> Result<Option<Scanned<'t>>, (usize, &'static str)> {
    let bytes = text.as_bytes();
    let ws_start = *i;
    let mut at = *i;
    while at < bytes.len() && is_xml_ws(bytes[at]) {
        at += 1;
    }
    if at >= bytes.len() {
        *i = at;
        return Ok(None);
    }
    if at == ws_start {
        return Err((at, "expected whitespace before an attribute"));
    }
    let key_start = at;
    let (key_end, name) = scan_qname(text, key_start, WS | EQ);
    at = key_end;
    while at < bytes.len() && is_xml_ws(bytes[at]) {
        at += 1;
    }
    if bytes.get(at) != Some(&b'=') {
        return Err((key_start, "attribute without a value"));
    }
    at += 1;
    while at < bytes.len() && is_xml_ws(bytes[at]) {
        at += 1;
    }
    let quote = match bytes.get(at) {
        Some(&q @ (b'"' | b'\'')) => q,
        _ => return Err((at, "attribute value not in quotes")),
    };
    let value_start = at + 1;
    let Some(len) = bytes.get(value_start..).and_then(|rest| memchr::memchr(quote, rest)) else {
        return Err((at, "unclosed attribute value"));
    };
    *i = value_start + len + 1;
    Ok(Some((name, key_start, key_end, value_start, value_start + len)))
}

/// `&text[a..b]` for cuts at ASCII delimiters, which are always character boundaries.
fn cut(text: &str, a: usize, b: usize) -> &str {
    text.get(a..b).unwrap_or_default()
}

impl<'a> XmlReader<'a> {
    /// Opens a start tag: checks its name, parses attributes and namespace declarations, resolves prefixes and
    /// pushes it on the stack.
    pub(super) fn open_tag(&mut self, content: &[u8], empty: bool) -> Result<StartTag<'a>, DecodeError> {
        let (start, content) = self.slice(content)?;
        let offset = start.saturating_sub(1);
        self.last = offset;
        if self.stack.len() >= self.limits.max_depth {
            let max = self.limits.max_depth;
            return Err(self.error_at(DecodeErrorKind::LimitExceeded { limit: Limit::Depth, max }, offset));
        }
        let (name_end, split) = scan_qname(content, 0, WS);
        let qname = cut(content, 0, name_end);
        let Some((prefix, local)) = split else {
            let kind = DecodeErrorKind::InvalidName { name: snippet(qname, SNIPPET_MAX) };
            return Err(self.error_at(kind, offset));
        };
        let scope_mark = self.scopes.len();
        let has_attributes = name_end < content.len();
        if has_attributes {
            self.read_attributes(content, name_end, start, scope_mark)?;
        }
        let ns = self.resolve(prefix, offset)?;
        let mut tag = StartTag {
            input: self.input,
            qname,
            local,
            ns,
            attrs: Vec::new(),
            xsi_type: None,
            xsi_nil: None,
            offset,
            content_start: self.cursor(),
            depth: self.stack.len() + 1,
            empty,
        };
        if has_attributes {
            for index in 0..self.raw_attrs.len() {
                let raw = self.raw_attrs[index];
                self.add_attribute(&mut tag, raw)?;
            }
            if self.scopes.is_tracking() {
                self.track_type_prefix(tag.xsi_type);
            }
        }
        self.stack.push(Open { qname, local, scope_mark, offset, content_start: tag.content_start, empty });
        Ok(tag)
    }

    /// Parses the attributes after the name: declarations go straight into scope, the others into `raw_attrs`.
    fn read_attributes(
        &mut self,
        content: &'a str,
        from: usize,
        base: usize,
        scope_mark: usize,
    ) -> Result<(), DecodeError> {
        self.raw_attrs.clear();
        let mut i = from;
        let mut count = 0;
        let mut declarations = 0;
        loop {
            let spans = scan_attribute(content, &mut i).map_err(|(at, message)| {
                self.error_at(DecodeErrorKind::Syntax { message: message.into() }, base + at)
            })?;
            let Some((name, key_start, key_end, value_start, value_end)) = spans else { return Ok(()) };
            let at = base + key_start;
            count += 1;
            if count > self.limits.max_attributes {
                let max = self.limits.max_attributes;
                return Err(self.error_at(DecodeErrorKind::LimitExceeded { limit: Limit::Attributes, max }, at));
            }
            let key = cut(content, key_start, key_end);
            let Some((prefix, local)) = name else {
                return Err(self.error_at(DecodeErrorKind::InvalidName { name: snippet(key, SNIPPET_MAX) }, at));
            };
            let value = cut(content, value_start, value_end);
            let declared = match (prefix, key) {
                (_, "xmlns") => "",
                ("xmlns", _) => local,
                _ => {
                    let raw = cut(content, key_start, value_end + 1);
                    self.raw_attrs.push(RawAttr { prefix, local, value, raw, offset: at });
                    continue;
                }
            };
            declarations += 1;
            if declarations > self.limits.max_namespace_declarations {
                let max = self.limits.max_namespace_declarations;
                let kind = DecodeErrorKind::LimitExceeded { limit: Limit::NamespaceDeclarations, max };
                return Err(self.error_at(kind, at));
            }
            self.declare(declared, key, value, at, scope_mark)?;
        }
    }

    /// Checks one namespace declaration (XML Namespaces 1.0 §3) and puts it in scope.
    fn declare(
        &mut self,
        prefix: &'a str,
        key: &str,
        value: &'a str,
        at: usize,
        scope_mark: usize,
    ) -> Result<(), DecodeError> {
        let uri = self.value_of(value, at)?;
        let reason = match (prefix, &*uri) {
            ("xmlns", _) => Some("the xmlns prefix cannot be declared"),
            ("xml", XML_NS) => None,
            ("xml", _) => Some("the xml prefix cannot be bound to another namespace"),
            (_, XML_NS | XMLNS_NS) => Some("a reserved namespace cannot be bound to another prefix"),
            (p, "") if !p.is_empty() => Some("a prefix cannot be bound to an empty namespace"),
            _ => None,
        };
        if let Some(reason) = reason {
            let kind = DecodeErrorKind::InvalidNamespaceDeclaration { reason: reason.into() };
            return Err(self.error_at(kind, at));
        }
        if self.scopes.declared_since(scope_mark, prefix) {
            let kind = DecodeErrorKind::DuplicateAttribute { name: snippet(key, SNIPPET_MAX) };
            return Err(self.error_at(kind, at));
        }
        if prefix != "xml" {
            self.scopes.declare(prefix, uri);
        }
        Ok(())
    }

    /// An attribute value, unescaped and within the text limit.
    #[inline]
    pub(super) fn value_of(&self, raw: &'a str, at: usize) -> Result<Cow<'a, str>, DecodeError> {
        if raw.len() <= self.limits.max_text_bytes && !needs_unescaping(raw) {
            return Ok(Cow::Borrowed(raw));
        }
        let value = attribute_value(raw).map_err(|(_, kind)| self.error_at(kind, at))?;
        if value.len() > self.limits.max_text_bytes {
            let max = self.limits.max_text_bytes;
            return Err(self.error_at(DecodeErrorKind::LimitExceeded { limit: Limit::TextLength, max }, at));
        }
        Ok(value)
    }

    /// Resolves a prefix of an element name (an unprefixed element takes the default namespace).
    fn resolve(&mut self, prefix: &'a str, at: usize) -> Result<Cow<'a, str>, DecodeError> {
        // `xmlns` is never bound (declaring it is refused), so an element named `xmlns:x` fails here too.
        match self.scopes.resolve(prefix) {
            Some(uri) => Ok(uri),
            None => Err(self.error_at(DecodeErrorKind::UndeclaredPrefix { prefix: snippet(prefix, SNIPPET_MAX) }, at)),
        }
    }

    fn add_attribute(&mut self, tag: &mut StartTag<'a>, raw: RawAttr<'a>) -> Result<(), DecodeError> {
        // Unprefixed attributes are in no namespace, whatever the default namespace is.
        let ns = if raw.prefix.is_empty() { Cow::Borrowed("") } else { self.resolve(raw.prefix, raw.offset)? };
        // Checked even for `xsi:nil`, whose raw value is kept.
        let value = self.value_of(raw.value, raw.offset)?;
        let is_xsi = ns.len() == XSI_NS.len() && *ns == *XSI_NS;
        let duplicate = (is_xsi && raw.local == "type" && tag.xsi_type.is_some())
            || (is_xsi && raw.local == "nil" && tag.xsi_nil.is_some())
            || tag.attrs().iter().any(|a| a.local == raw.local && a.ns == ns);
        if duplicate {
            let name = raw.raw.split('=').next().unwrap_or_default().trim_end();
            let kind = DecodeErrorKind::DuplicateAttribute { name: snippet(name, SNIPPET_MAX) };
            return Err(self.error_at(kind, raw.offset));
        }
        match (is_xsi, raw.local) {
            (true, "type") => tag.xsi_type = Some(raw.value),
            (true, "nil") => tag.xsi_nil = Some(raw.value),
            _ => tag.attrs.push(Attr { ns, local: raw.local, value, raw: raw.raw }),
        }
        Ok(())
    }

    /// While capturing an `xs:any` element, notes the prefix of an `xsi:type` value so its declaration is kept.
    pub(super) fn track_type_prefix(&mut self, xsi_type: Option<&str>) {
        let Some(Ok((_, value))) = xsi_type.map(|t| self.slice(t.as_bytes())) else { return };
        // The raw value (a QName, so unescaping cannot change the prefix).
        if let Some((prefix, _)) = value.split_once(':') {
            // An unknown prefix in a value is not an error: the value is just text to the reader.
            let _ = self.scopes.resolve(prefix);
        }
    }
}
