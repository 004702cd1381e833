//! Start tags as the reader hands them out ([`StartTag`], [`Attr`]), and the namespace scope stack that resolves
//! prefixes to namespace URIs. Everything borrows from the input; a tag without ordinary attributes allocates
//! nothing, one with attributes allocates their list once.

use std::borrow::Cow;
use std::collections::HashMap;

use super::super::error::{Position, SNIPPET_MAX, snippet};
use super::lexical::same_bytes;

/// The namespace bound to the `xml` prefix (predefined, never declared).
pub(crate) const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";
/// The namespace of `xmlns` declarations; nothing may be bound to it.
pub(crate) const XMLNS_NS: &str = "http://www.w3.org/2000/xmlns/";
/// The XML Schema instance namespace (`xsi:type`, `xsi:nil`).
pub(crate) const XSI_NS: &str = "http://www.w3.org/2001/XMLSchema-instance";

/// An attribute of a start tag, with its prefix resolved and its value unescaped and normalized.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Attr<'a> {
    /// Namespace URI; empty for an unprefixed attribute (unprefixed attributes are in no namespace).
    pub ns: Cow<'a, str>,
    /// Local name.
    pub local: &'a str,
    /// Value with references replaced and whitespace normalized as XML 1.0 §3.3.3 says.
    pub value: Cow<'a, str>,
    /// The attribute as written, `name="value"`; the name is its start.
    pub(super) raw: &'a str,
}

impl<'a> Attr<'a> {
    /// Namespace URI ("" when none).
    #[must_use]
    pub fn ns(&self) -> &str {
        &self.ns
    }

    /// Local name.
    #[must_use]
    pub fn local(&self) -> &'a str {
        self.local
    }

    /// The value, unescaped.
    #[must_use]
    pub fn value(&self) -> &str {
        &self.value
    }

    /// The name as written, with its prefix.
    #[must_use]
    pub fn qname(&self) -> &'a str {
        let end = self.raw.find(|c: char| c == '=' || c.is_ascii_whitespace()).unwrap_or(self.raw.len());
        &self.raw[..end]
    }

    /// The attribute exactly as received: `name="value"`.
    #[must_use]
    pub fn raw(&self) -> &'a str {
        self.raw
    }
}

/// A start tag the reader returned: the element's resolved name, its attributes and where it is.
///
/// Pass it back to the reader's methods (`read_scalar`, `skip_unknown`, ...) to read the element's content.
///
/// Kept at 128 bytes: every element's tag is returned by value through a few calls, and moves of that size
/// stay inline copies.
#[derive(Debug, Clone)]
pub struct StartTag<'a> {
    /// The checked input; the name as written and the position are read from it when asked for.
    pub(super) text: &'a str,
    pub(super) local: &'a str,
    pub(super) ns: Cow<'a, str>,
    /// Ordinary attributes; most tags have none besides `xsi:type`, and an empty box does not allocate.
    pub(super) attrs: Box<[Attr<'a>]>,
    /// The raw `xsi:type` value.
    pub(super) xsi_type: Option<&'a str>,
    /// The raw `xsi:nil` value.
    pub(super) xsi_nil: Option<&'a str>,
    pub(super) offset: usize,
    /// 1 for the root.
    pub(super) depth: u32,
    /// Length of the prefix as written (0 when none).
    pub(super) prefix_len: u32,
    pub(super) empty: bool,
}

impl<'a> StartTag<'a> {
    /// The element's namespace URI ("" when it has none), never its prefix.
    #[must_use]
    #[inline]
    pub fn ns(&self) -> &str {
        &self.ns
    }

    /// The element's local name.
    #[must_use]
    #[inline]
    pub fn local(&self) -> &'a str {
        self.local
    }

    /// The name as written, with its prefix.
    #[must_use]
    pub fn qname(&self) -> &'a str {
        let colon = usize::from(self.prefix_len > 0);
        let start = self.offset + 1;
        self.text.get(start..start + self.prefix_len as usize + colon + self.local.len()).unwrap_or(self.local)
    }

    /// The prefix as written ("" when none).
    #[must_use]
    pub fn prefix(&self) -> &'a str {
        let start = self.offset + 1;
        self.text.get(start..start + self.prefix_len as usize).unwrap_or_default()
    }

    /// The expanded name as `{ns}local` (just `local` without a namespace), for messages. Each part is cut to
    /// a bounded length: both come from the input, and an error quoting a name must stay short.
    #[must_use]
    pub fn expanded_name(&self) -> String {
        expanded_name(&snippet(&self.ns, SNIPPET_MAX), &snippet(self.local, SNIPPET_MAX))
    }

    /// Whether the element is `{ns}local`.
    #[must_use]
    pub fn is(&self, ns: &str, local: &str) -> bool {
        self.local == local && *self.ns == *ns
    }

    /// The attributes, without namespace declarations and without `xsi:type` and `xsi:nil` (see
    /// [`Self::xsi_type`] and [`Self::is_nil`]), in document order.
    #[must_use]
    #[inline]
    pub fn attrs(&self) -> &[Attr<'a>] {
        &self.attrs
    }

    /// The attribute `{ns}local`, if present.
    #[must_use]
    pub fn attr(&self, ns: &str, local: &str) -> Option<&Attr<'a>> {
        self.attrs().iter().find(|a| a.local == local && *a.ns == *ns)
    }

    /// Whether `xsi:nil` is `true` or `1`.
    #[must_use]
    #[inline]
    pub fn is_nil(&self) -> bool {
        self.xsi_nil.is_some_and(|v| matches!(v.trim_matches(is_ws_char), "true" | "1"))
    }

    /// The `xsi:type` value as written (a prefixed type name), if any. The reader never acts on it.
    #[must_use]
    pub fn xsi_type(&self) -> Option<&'a str> {
        self.xsi_type
    }

    /// Whether the tag was self-closing (`<a/>`).
    #[must_use]
    pub fn is_self_closing(&self) -> bool {
        self.empty
    }

    /// Byte offset of the tag's `<` in the input.
    #[must_use]
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// Where the tag starts: byte offset, line and column (computed on each call).
    #[must_use]
    pub fn position(&self) -> Position {
        Position::locate(self.text.as_bytes(), self.offset)
    }
}

/// XML whitespace (production `S`), as a `char` predicate for `str` methods.
#[inline]
pub(super) fn is_ws_char(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

/// `{ns}local`, or `local` when `ns` is empty.
pub(super) fn expanded_name(ns: &str, local: &str) -> String {
    if ns.is_empty() { local.to_owned() } else { format!("{{{ns}}}{local}") }
}

/// One namespace binding in scope.
#[derive(Debug, Clone)]
struct Binding<'a> {
    prefix: &'a str,
    uri: Cow<'a, str>,
    /// Index of the binding of the same prefix that this one shadows, if any.
    shadows: Option<usize>,
}

/// How far back a lookup scans linearly before it asks the index; real documents find their binding within a
/// few entries (PayPal declares 13 prefixes on the envelope), and the index keeps hostile documents with
/// thousands of bindings linear. The index is built only when a document holds more bindings than this, so
/// the usual message never hashes a prefix nor allocates the map.
const SCAN: usize = 16;

/// The in-scope namespace bindings: a stack (declarations of inner elements on top), the innermost default
/// namespace, and an index from prefix to its innermost binding.
#[derive(Debug, Default)]
pub(super) struct Scopes<'a> {
    bindings: Vec<Binding<'a>>,
    /// The innermost binding of the default namespace (prefix "").
    default: Option<usize>,
    /// Prefix to its innermost binding; `None` until more than [`SCAN`] bindings were in scope at once, and kept
    /// up to date from then on.
    innermost: Option<HashMap<&'a str, usize>>,
    /// While an element is captured for `xs:any`: bindings below `.0` that names inside it used.
    tracking: Option<(usize, Vec<Used<'a>>)>,
}

/// A binding a captured element used: prefix and namespace URI.
pub(super) type Used<'a> = (&'a str, Cow<'a, str>);

impl<'a> Scopes<'a> {
    /// Room for `n` bindings before the stack grows: a SOAP envelope declares five to thirteen prefixes at once,
    /// and growing one binding at a time would reallocate twice per message.
    pub(super) fn with_capacity(n: usize) -> Self {
        Self { bindings: Vec::with_capacity(n), ..Self::default() }
    }

    pub(super) fn len(&self) -> usize {
        self.bindings.len()
    }

    /// Whether `prefix` is declared at or above index `from` (on the element being opened).
    pub(super) fn declared_since(&self, from: usize, prefix: &str) -> bool {
        self.bindings.get(from..).is_some_and(|b| b.iter().any(|b| b.prefix == prefix))
    }

    pub(super) fn declare(&mut self, prefix: &'a str, uri: Cow<'a, str>) {
        let index = self.bindings.len();
        if self.innermost.is_none() && index >= SCAN {
            self.build_index();
        }
        let shadows = if prefix.is_empty() {
            self.default.replace(index)
        } else {
            let previous = self.find(prefix);
            if let Some(index_of) = &mut self.innermost {
                index_of.insert(prefix, index);
            }
            previous
        };
        self.bindings.push(Binding { prefix, uri, shadows });
    }

    /// Builds the prefix index from the bindings in scope, outermost first so the innermost binding of each
    /// prefix wins.
    #[cold]
    fn build_index(&mut self) {
        let mut index_of = HashMap::with_capacity(self.bindings.len() * 2);
        for (i, b) in self.bindings.iter().enumerate() {
            if !b.prefix.is_empty() {
                index_of.insert(b.prefix, i);
            }
        }
        self.innermost = Some(index_of);
    }

    /// Every binding in scope, outermost first, as (prefix, URI); "" is the default namespace.
    pub(super) fn in_scope(&self) -> Vec<(String, String)> {
        self.bindings.iter().map(|b| (b.prefix.to_owned(), b.uri.clone().into_owned())).collect()
    }

    /// Drops the bindings above `len` (when their element closes).
    #[inline]
    pub(super) fn truncate(&mut self, len: usize) {
        if self.bindings.len() > len {
            self.truncate_slow(len);
        }
    }

    #[cold]
    fn truncate_slow(&mut self, len: usize) {
        while self.bindings.len() > len {
            let Some(b) = self.bindings.pop() else { break };
            if b.prefix.is_empty() {
                self.default = b.shadows;
            } else if let Some(index_of) = &mut self.innermost {
                match b.shadows {
                    Some(previous) => index_of.insert(b.prefix, previous),
                    None => index_of.remove(b.prefix),
                };
            }
        }
    }

    /// The innermost binding of a non-empty prefix.
    #[inline(always)]
    fn find(&self, prefix: &str) -> Option<usize> {
        let n = self.bindings.len();
        let low = n.saturating_sub(SCAN);
        let mut i = n;
        while i > low {
            i -= 1;
            if same_bytes(self.bindings[i].prefix.as_bytes(), prefix.as_bytes()) {
                return Some(i);
            }
        }
        if low == 0 { None } else { self.innermost.as_ref().and_then(|index_of| index_of.get(prefix).copied()) }
    }

    /// Resolves a prefix: `Some(uri)`, with "" for the default namespace when none is declared (or it is
    /// undeclared by `xmlns=""`); `None` for an undeclared prefix.
    #[inline(always)]
    pub(super) fn resolve(&mut self, prefix: &'a str) -> Option<Cow<'a, str>> {
        let found = if prefix.is_empty() {
            self.default
        } else if prefix.as_bytes() == b"xml" {
            return Some(Cow::Borrowed(XML_NS));
        } else {
            self.find(prefix)
        };
        let uri = match found {
            Some(i) => self.bindings.get(i).map_or(Cow::Borrowed(""), |b| b.uri.clone()),
            None if prefix.is_empty() => Cow::Borrowed(""),
            None => return None,
        };
        if self.tracking.is_some() {
            self.track(prefix, found, uri.clone());
        }
        Some(uri)
    }

    #[cold]
    fn track(&mut self, prefix: &'a str, found: Option<usize>, uri: Cow<'a, str>) {
        if let Some((limit, used)) = &mut self.tracking {
            if found.is_none_or(|i| i < *limit) && !used.iter().any(|(p, _)| *p == prefix) {
                used.push((prefix, uri));
            }
        }
    }

    pub(super) fn is_tracking(&self) -> bool {
        self.tracking.is_some()
    }

    /// Starts recording which bindings below index `limit` get used.
    pub(super) fn start_tracking(&mut self, limit: usize) {
        self.tracking = Some((limit, Vec::new()));
    }

    /// Stops recording and returns the bindings used, in order of first use.
    pub(super) fn stop_tracking(&mut self) -> Vec<Used<'a>> {
        self.tracking.take().map(|(_, used)| used).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_shadow_and_restore() {
        let mut s = Scopes::default();
        assert_eq!(s.resolve(""), Some(Cow::Borrowed("")));
        assert_eq!(s.resolve("p"), None);
        assert_eq!(s.resolve("xml").as_deref(), Some(XML_NS));
        s.declare("p", Cow::Borrowed("urn:1"));
        let mark = s.len();
        s.declare("p", Cow::Borrowed("urn:2"));
        assert_eq!(s.resolve("p").as_deref(), Some("urn:2"));
        s.truncate(mark);
        assert_eq!(s.resolve("p").as_deref(), Some("urn:1"));
        s.truncate(0);
        assert_eq!(s.resolve("p"), None);
    }

    #[test]
    fn scopes_use_the_index_beyond_the_scan_window() {
        let mut s = Scopes::default();
        s.declare("deep", Cow::Borrowed("urn:deep"));
        let names: Vec<String> = (0..100).map(|i| format!("p{i}")).collect();
        for name in &names {
            s.declare(name, Cow::Borrowed("urn:x"));
        }
        assert_eq!(s.resolve("deep").as_deref(), Some("urn:deep"));
        assert_eq!(s.resolve("nope"), None);
        s.truncate(1);
        assert_eq!(s.resolve("p5"), None);
        assert_eq!(s.resolve("deep").as_deref(), Some("urn:deep"));
    }

    /// The index is built lazily, when the bindings first outgrow the scan window, and must then agree with a
    /// plain search of every binding through any mix of declarations, shadowing and closing elements.
    #[test]
    fn scopes_agree_with_a_full_search_across_the_index_boundary() {
        // More prefixes than the window holds, so lookups of bindings outside it are common.
        let names: Vec<String> = (0..40).map(|i| if i == 0 { String::new() } else { format!("p{i}") }).collect();
        let prefixes: Vec<&str> = names.iter().map(String::as_str).collect();
        let uris: Vec<String> = (0..400).map(|i| format!("urn:{i}")).collect();
        let mut s = Scopes::default();
        let mut model: Vec<(&str, &str)> = Vec::new();
        let mut marks = Vec::new();
        // A fixed pseudo-random walk (an LCG): deep enough to cross the window several times each way.
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        for (step, uri) in uris.iter().enumerate() {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            let roll = (seed >> 33) as usize;
            if roll % 5 == 0 && !marks.is_empty() {
                let mark = marks.swap_remove(roll % marks.len());
                marks.retain(|&m| m <= mark);
                s.truncate(mark);
                model.truncate(mark);
            } else {
                if roll % 3 == 0 {
                    marks.push(model.len());
                }
                let prefix = prefixes[roll % prefixes.len()];
                s.declare(prefix, Cow::Borrowed(uri));
                model.push((prefix, uri));
            }
            for &prefix in &prefixes {
                let expected = model.iter().rev().find(|(p, _)| *p == prefix).map(|(_, u)| Cow::Borrowed(*u));
                let expected = if prefix.is_empty() { expected.or(Some(Cow::Borrowed(""))) } else { expected };
                assert_eq!(s.resolve(prefix), expected, "step {step}, prefix {prefix:?}, {} bindings", model.len());
            }
        }
        assert!(s.innermost.is_some(), "the walk never outgrew the scan window");
    }

    #[test]
    fn tracking_records_outer_bindings_once() {
        let mut s = Scopes::default();
        s.declare("a", Cow::Borrowed("urn:a"));
        s.start_tracking(s.len());
        s.declare("b", Cow::Borrowed("urn:b"));
        s.resolve("a");
        s.resolve("b");
        s.resolve("a");
        s.resolve("");
        assert_eq!(s.stop_tracking(), vec![("a", Cow::Borrowed("urn:a")), ("", Cow::Borrowed(""))]);
    }
}
