//! Opening a start tag: the name scanned and checked in one pass, attributes parsed (`(S Attribute)* S? '/'? '>'`),
//! namespace declarations checked and put in scope, prefixes of the element and its attributes resolved,
//! duplicates and limits checked. This runs for every element, straight on the input text: a tag without
//! ordinary attributes allocates nothing, one with attributes allocates their list once.

use std::borrow::Cow;

use super::super::error::{DecodeError, DecodeErrorKind, Limit, SNIPPET_MAX, snippet};
use super::XmlReader;
use super::core::Open;
use super::lexical::{EQ, GT, SLASH, WS, attribute_value, is_xml_ws, needs_unescaping, scan_qname};
use super::names::Hit;
use super::scan::{ScanError, cut};
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

/// One attribute: its name split into prefix and local name (`None` when it is not a `QName`), the start and end of
/// the name, and the start and end of the value (the closing quote is at the value's end).
pub(super) type Scanned<'t> = (Option<(&'t str, &'t str)>, usize, usize, usize, usize);

/// A tag's ordinary attributes and its raw `xsi:type` and `xsi:nil` values.
type AttrParts<'a> = (Box<[Attr<'a>]>, Option<&'a str>, Option<&'a str>);

/// What follows in a start tag: an attribute, or the tag's end (the offset after it, and whether it was `/>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum TagPart<'t> {
    Attribute(Scanned<'t>),
    End { after: usize, empty: bool },
}

/// Scans the next part of a start tag at `*i` (after the name or the previous attribute).
pub(super) fn scan_tag_part<'t>(text: &'t str, i: &mut usize) -> Result<TagPart<'t>, ScanError> {
    let bytes = text.as_bytes();
    let ws_start = *i;
    let mut at = skip_ws(bytes, *i);
    match bytes.get(at) {
        None => return Err(ScanError::Eof("in a start tag")),
        Some(b'>') => return Ok(TagPart::End { after: at + 1, empty: false }),
        Some(b'/') => {
            return match bytes.get(at + 1) {
                Some(b'>') => Ok(TagPart::End { after: at + 2, empty: true }),
                Some(_) => Err(ScanError::Syntax(at, "`/` not followed by `>` in a start tag")),
                None => Err(ScanError::Eof("in a start tag")),
            };
        }
        Some(_) if at == ws_start => return Err(ScanError::Syntax(at, "expected whitespace before an attribute")),
        Some(_) => {}
    }
    let key_start = at;
    let (key_end, name) = scan_qname(text, key_start, WS | EQ | SLASH | GT);
    at = skip_ws(bytes, key_end);
    match bytes.get(at) {
        Some(b'=') => {}
        Some(_) => return Err(ScanError::Syntax(key_start, "attribute without a value")),
        None => return Err(ScanError::Eof("in a start tag")),
    }
    at = skip_ws(bytes, at + 1);
    let quote = match bytes.get(at) {
        Some(&q @ (b'"' | b'\'')) => q,
        Some(_) => return Err(ScanError::Syntax(at, "attribute value not in quotes")),
        None => return Err(ScanError::Eof("in a start tag")),
    };
    let value_start = at + 1;
    let Some(len) = bytes.get(value_start..).and_then(|rest| memchr::memchr(quote, rest)) else {
        return Err(ScanError::Eof("in an attribute value"));
    };
    *i = value_start + len + 1;
    Ok(TagPart::Attribute((name, key_start, key_end, value_start, value_start + len)))
}

/// Scans the next pseudo-attribute of an XML declaration at `*i` in `content` (the declaration between `<?` and
/// `?>`). `Ok(None)` at the end; errors carry a message.
pub(super) fn scan_declaration_part<'t>(content: &'t str, i: &mut usize) -> Result<Option<Scanned<'t>>, &'static str> {
    let bytes = content.as_bytes();
    let ws_start = *i;
    let at = skip_ws(bytes, *i);
    if at >= bytes.len() {
        return Ok(None);
    }
    if at == ws_start {
        return Err("expected whitespace before an attribute");
    }
    let (key_end, name) = scan_qname(content, at, WS | EQ);
    let eq = skip_ws(bytes, key_end);
    if bytes.get(eq) != Some(&b'=') {
        return Err("attribute without a value");
    }
    let quote_at = skip_ws(bytes, eq + 1);
    let quote = match bytes.get(quote_at) {
        Some(&q @ (b'"' | b'\'')) => q,
        _ => return Err("attribute value not in quotes"),
    };
    let value_start = quote_at + 1;
    let Some(len) = bytes.get(value_start..).and_then(|rest| memchr::memchr(quote, rest)) else {
        return Err("unclosed attribute value");
    };
    *i = value_start + len + 1;
    Ok(Some((name, at, key_end, value_start, value_start + len)))
}

#[inline]
fn skip_ws(bytes: &[u8], mut at: usize) -> usize {
    while bytes.get(at).is_some_and(|&b| is_xml_ws(b)) {
        at += 1;
    }
    at
}

impl<'a> XmlReader<'a> {
    /// Opens the start tag whose `<` is at `at` (the cursor is on its name): checks its name, parses attributes
    /// and namespace declarations, resolves prefixes, pushes it on the stack and moves the cursor past its `>`.
    ///
    /// Returns `Some` always: the type is that of [`Self::step`] and [`Self::next_child`], so the tag is written
    /// once, into the caller's slot, and not copied from one result type into another on the way.
    pub(super) fn open_tag(&mut self, at: usize) -> Result<Option<StartTag<'a>>, DecodeError> {
        self.last = at;
        if self.stack.len() >= self.limits.max_depth {
            let max = self.limits.max_depth;
            return Err(self.error_at(DecodeErrorKind::LimitExceeded { limit: Limit::Depth, max }, at));
        }
        let text: &'a str = self.text;
        let bytes = text.as_bytes();
        let (name_end, qname, prefix, local) = match self.names.lookup(bytes, at + 1) {
            Some(hit) => hit,
            None => self.scan_name(at)?,
        };
        // Both fit: the depth is below the limit and a prefix is shorter than the input, far below 4 GiB in
        // practice; a value that does not fit is refused rather than cut.
        let (Ok(depth), Ok(prefix_len)) = (u32::try_from(self.stack.len() + 1), u32::try_from(prefix.len())) else {
            let max = self.limits.max_depth.min(u32::MAX as usize);
            return Err(self.error_at(DecodeErrorKind::LimitExceeded { limit: Limit::Depth, max }, at));
        };
        let scope_mark = self.scopes.len();
        let Some(&after_name) = bytes.get(name_end) else {
            return Err(self.scan_error(ScanError::Eof("in a start tag")));
        };
        let has_attributes = is_xml_ws(after_name);
        let (after, empty) = match after_name {
            b'>' => (name_end + 1, false),
            _ if has_attributes => self.read_attributes(name_end, scope_mark)?,
            // The name ended at `/`: only `/>` can follow.
            _ => self.tag_end(name_end)?,
        };
        self.pos = after;
        let ns = self.resolve(prefix, at)?;
        let (attrs, xsi_type, xsi_nil) =
            if has_attributes { self.resolve_attributes()? } else { (Box::default(), None, None) };
        self.stack.push(Open { qname, local, scope_mark, offset: at, content_start: after, empty });
        // Built as the last expression, so the tag is written once, straight where the caller wants it.
        Ok(Some(StartTag { text, local, ns, attrs, xsi_type, xsi_nil, offset: at, depth, prefix_len, empty }))
    }

    /// Scans and checks the name of the start tag at `at` byte by byte (a name not in the cache yet), and
    /// remembers it when it is valid: the offset after it, its prefix and its local name.
    fn scan_name(&mut self, at: usize) -> Result<Hit<'a>, DecodeError> {
        let text: &'a str = self.text;
        let (name_end, split) = scan_qname(text, at + 1, WS | SLASH | GT);
        if name_end >= text.len() {
            return Err(self.scan_error(ScanError::Eof("in a start tag")));
        }
        let qname = cut(text, at + 1, name_end);
        let Some((prefix, local)) = split else {
            let kind = DecodeErrorKind::InvalidName { name: snippet(qname, SNIPPET_MAX) };
            return Err(self.error_at(kind, at));
        };
        self.names.insert(text.as_bytes(), at + 1, qname, prefix.len());
        Ok((name_end, qname, prefix, local))
    }

    /// The end of a start tag whose name ended at `/` (whitespace and `>` are handled by the caller): `/>`.
    fn tag_end(&self, name_end: usize) -> Result<(usize, bool), DecodeError> {
        match self.text.as_bytes().get(name_end + 1) {
            Some(b'>') => Ok((name_end + 2, true)),
            Some(_) => Err(self.scan_error(ScanError::Syntax(name_end, "`/` not followed by `>` in a start tag"))),
            None => Err(self.scan_error(ScanError::Eof("in a start tag"))),
        }
    }

    /// Parses the attributes after the name: declarations go straight into scope, the others into `raw_attrs`.
    /// Returns the offset after the tag and whether it was self-closing.
    fn read_attributes(&mut self, from: usize, scope_mark: usize) -> Result<(usize, bool), DecodeError> {
        let text: &'a str = self.text;
        self.raw_attrs.clear();
        let mut i = from;
        let mut count = 0;
        let mut declarations = 0;
        loop {
            let part = scan_tag_part(text, &mut i).map_err(|e| self.scan_error(e))?;
            let (name, key_start, key_end, value_start, value_end) = match part {
                TagPart::End { after, empty } => return Ok((after, empty)),
                TagPart::Attribute(scanned) => scanned,
            };
            let at = key_start;
            count += 1;
            if count > self.limits.max_attributes {
                let max = self.limits.max_attributes;
                return Err(self.error_at(DecodeErrorKind::LimitExceeded { limit: Limit::Attributes, max }, at));
            }
            let key = cut(text, key_start, key_end);
            let Some((prefix, local)) = name else {
                return Err(self.error_at(DecodeErrorKind::InvalidName { name: snippet(key, SNIPPET_MAX) }, at));
            };
            let value = cut(text, value_start, value_end);
            let declared = match (prefix, key) {
                (_, "xmlns") => "",
                ("xmlns", _) => local,
                _ => {
                    let raw = cut(text, key_start, value_end + 1);
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
    #[inline(always)]
    fn resolve(&mut self, prefix: &'a str, at: usize) -> Result<Cow<'a, str>, DecodeError> {
        // `xmlns` is never bound (declaring it is refused), so an element named `xmlns:x` fails here too.
        match self.scopes.resolve(prefix) {
            Some(uri) => Ok(uri),
            None => Err(self.error_at(DecodeErrorKind::UndeclaredPrefix { prefix: snippet(prefix, SNIPPET_MAX) }, at)),
        }
    }

    /// Resolves the ordinary attributes in `raw_attrs` and checks them for duplicates: the attributes, and the
    /// raw `xsi:type` and `xsi:nil` values. While an `xs:any` element is captured, also notes the prefix of
    /// `xsi:type`.
    fn resolve_attributes(&mut self) -> Result<AttrParts<'a>, DecodeError> {
        if self.raw_attrs.is_empty() {
            return Ok((Box::default(), None, None));
        }
        let (mut xsi_type, mut xsi_nil) = (None, None);
        let mut attrs = Vec::with_capacity(self.raw_attrs.len());
        for index in 0..self.raw_attrs.len() {
            let raw = self.raw_attrs[index];
            // Unprefixed attributes are in no namespace, whatever the default namespace is.
            let ns = if raw.prefix.is_empty() { Cow::Borrowed("") } else { self.resolve(raw.prefix, raw.offset)? };
            // Checked even for `xsi:nil`, whose raw value is kept.
            let value = self.value_of(raw.value, raw.offset)?;
            let is_xsi = ns.len() == XSI_NS.len() && *ns == *XSI_NS;
            let duplicate = (is_xsi && raw.local == "type" && xsi_type.is_some())
                || (is_xsi && raw.local == "nil" && xsi_nil.is_some())
                || attrs.iter().any(|a: &Attr<'_>| a.local == raw.local && a.ns == ns);
            if duplicate {
                let name = raw.raw.split('=').next().unwrap_or_default().trim_end();
                let kind = DecodeErrorKind::DuplicateAttribute { name: snippet(name, SNIPPET_MAX) };
                return Err(self.error_at(kind, raw.offset));
            }
            match (is_xsi, raw.local) {
                (true, "type") => xsi_type = Some(raw.value),
                (true, "nil") => xsi_nil = Some(raw.value),
                _ => attrs.push(Attr { ns, local: raw.local, value, raw: raw.raw }),
            }
        }
        if self.scopes.is_tracking() {
            self.track_type_prefix(xsi_type);
        }
        // `into_boxed_slice` reallocates only when `xsi:type` or `xsi:nil` took a slot.
        Ok((attrs.into_boxed_slice(), xsi_type, xsi_nil))
    }

    /// While capturing an `xs:any` element, notes the prefix of an `xsi:type` value so its declaration is kept.
    pub(super) fn track_type_prefix(&mut self, xsi_type: Option<&str>) {
        // The raw value (a QName, so unescaping cannot change the prefix), found again in the input so that it
        // lives as long as the reader's bindings.
        let text: &'a str = self.text;
        let value = xsi_type.and_then(|value| {
            let start = (value.as_ptr() as usize).checked_sub(text.as_ptr() as usize)?;
            text.get(start..start.checked_add(value.len())?)
        });
        if let Some((prefix, _)) = value.and_then(|value| value.split_once(':')) {
            // An unknown prefix in a value is not an error: the value is just text to the reader.
            let _ = self.scopes.resolve(prefix);
        }
    }
}
