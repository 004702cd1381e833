//! The strict, tolerant XML reader generated code decodes with.
//!
//! Strict about XML: the input must be well-formed UTF-8 XML 1.0 with namespaces (end tags match, nothing is left
//! open, no duplicate attributes, every prefix declared, only characters XML allows, one root and nothing but
//! comments and whitespace after it), and it must not contain a DOCTYPE (so no entity is ever defined or
//! expanded) or a processing instruction, as SOAP 1.1 requires. Every such problem is a [`DecodeError`] with its
//! position and element path. The tokenizer (`scan.rs`) and the tag reader (`open.rs`) check while they scan, so
//! each byte is looked at about once after the up-front UTF-8 and character scan.
//!
//! Tolerant about the schema: unknown elements and attributes, stray text, duplicates and children inside simple
//! values are set aside as findings in the [`DecodeReport`], each with the exact XML received.
//!
//! Fast: names, values and namespace URIs borrow from the input, a simple value that is one piece of text is
//! never copied, element paths, line and column are only computed for an error or a finding, and [`Limits`]
//! bound what any input can cost.

mod content;
mod core;
#[cfg(test)]
mod fast_tests;
mod fields;
mod lexical;
mod limits;
mod names;
mod open;
mod prolog;
mod scan;
mod tag;
#[cfg(test)]
mod tests;

use std::borrow::Cow;

pub(crate) use lexical::{is_ncname, is_xml_char};
pub use limits::Limits;
pub use tag::{Attr, StartTag};
pub(crate) use tag::{XML_NS, XSI_NS};

use self::core::{AtCursor, Open, Sink};
use self::open::RawAttr;
use super::any::AnyElement;
use super::error::{DecodeError, DecodeErrorKind, DecodeReport, FindingKind, Limit, SNIPPET_MAX, snippet};
use super::{ValueError, Ws, XmlScalar};

/// Where the reader is in the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Before the root element.
    Prolog,
    /// Inside the root element.
    InRoot,
    /// The root element is closed.
    AfterRoot,
}

/// The namespace bindings in scope at one element, kept after the reader has moved on
/// ([`XmlReader::namespace_scope`]).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NamespaceScope {
    /// (prefix, URI), outermost first; "" is the default namespace.
    bindings: Vec<(String, String)>,
}

impl NamespaceScope {
    /// Resolves a QName (`prefix:local` or `local`) as XML Schema resolves `xs:QName` values: the prefix by its
    /// innermost binding, an unprefixed name in the default namespace (or no namespace). `None` for an undeclared
    /// prefix. Returns (namespace URI, local name).
    #[must_use]
    pub fn resolve(&self, qname: &str) -> Option<(String, String)> {
        let (prefix, local) = qname.split_once(':').unwrap_or(("", qname));
        if prefix == "xml" {
            return Some((XML_NS.to_owned(), local.to_owned()));
        }
        match self.bindings.iter().rev().find(|(p, _)| p == prefix) {
            Some((_, uri)) => Some((uri.clone(), local.to_owned())),
            None if prefix.is_empty() => Some((String::new(), local.to_owned())),
            None => None,
        }
    }
}

/// Reads one XML document from a byte slice, element by element, for generated decoders.
///
/// The usual sequence: [`Self::root`], then per element [`Self::next_child`] until it returns `None`, reading
/// each child with [`Self::read_scalar`], a type's `XmlRead::read_element`, [`Self::skip_unknown`] or
/// [`Self::read_any`]; finally [`Self::finish`].
///
/// # Example
/// ```
/// use paypal_soap_runtime::xml::XmlReader;
///
/// let mut r = XmlReader::new(br#"<a xmlns="urn:x"><b>1</b><c/></a>"#);
/// let root = r.root()?;
/// assert_eq!((root.ns(), root.local()), ("urn:x", "a"));
/// let mut names = Vec::new();
/// while let Some(child) = r.next_child()? {
///     names.push(child.local());
///     r.skip_unknown(&child)?;
/// }
/// assert_eq!(names, ["b", "c"]);
/// let report = r.finish()?;
/// assert_eq!(report.findings.len(), 2);
/// # Ok::<(), paypal_soap_runtime::xml::DecodeError>(())
/// ```
pub struct XmlReader<'a> {
    input: &'a [u8],
    /// The checked part of the input (valid UTF-8 without forbidden characters); the tokenizer reads it.
    text: &'a str,
    /// The tokenizer's cursor: a byte offset in `text` (and `input`).
    pos: usize,
    /// What ends the checked part early, reported when parsing reaches it.
    fault: Option<(usize, DecodeErrorKind)>,
    limits: Limits,
    state: State,
    stack: Vec<Open<'a>>,
    scopes: tag::Scopes<'a>,
    names: names::NameCache<'a>,
    raw_attrs: Vec<RawAttr<'a>>,
    report: DecodeReport,
    /// A run of text in element-only content, not yet recorded.
    run: Option<(usize, usize)>,
    /// Offset of the last tag read, for errors raised between events.
    last: usize,
    /// Offsets of the last end tag's `<` and just after its `>` (the end of the start tag when self-closing).
    ended: (usize, usize),
    /// An error raised where it could not be returned (too many findings), returned by the next read.
    deferred: Option<DecodeError>,
}

impl std::fmt::Debug for XmlReader<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("XmlReader")
            .field("input_len", &self.input.len())
            .field("state", &self.state)
            .field("path", &self.path())
            .field("findings", &self.report.findings.len())
            .finish_non_exhaustive()
    }
}

impl<'a> XmlReader<'a> {
    /// A reader over `input` with the default [`Limits`].
    #[must_use]
    pub fn new(input: &'a [u8]) -> Self {
        Self::with_limits(input, Limits::DEFAULT)
    }

    /// A reader over `input` with the given limits. Nothing is parsed yet; an input over
    /// [`Limits::max_input_bytes`] fails at [`Self::root`] without being scanned.
    #[must_use]
    pub fn with_limits(input: &'a [u8], limits: Limits) -> Self {
        let (text, bom, fault) = if input.len() > limits.max_input_bytes {
            let kind = DecodeErrorKind::LimitExceeded { limit: Limit::InputSize, max: limits.max_input_bytes };
            ("", 0, Some((0, kind)))
        } else {
            let scan = lexical::prescan(input);
            (scan.text, scan.bom, scan.fault)
        };
        Self {
            input,
            text,
            pos: bom,
            fault,
            limits,
            state: State::Prolog,
            stack: Vec::with_capacity(16),
            scopes: tag::Scopes::with_capacity(16),
            names: names::NameCache::default(),
            raw_attrs: Vec::new(),
            report: DecodeReport::default(),
            run: None,
            last: 0,
            ended: (0, 0),
            deferred: None,
        }
    }

    /// Reads the prolog and the root element's start tag.
    ///
    /// Accepts a UTF-8 byte order mark and whitespace before the XML declaration, comments and whitespace.
    ///
    /// # Errors
    /// [`DecodeErrorKind::EmptyDocument`] for an input without an element; `Doctype`, `ProcessingInstruction`,
    /// `MisplacedDeclaration`, `InvalidDeclaration`, `UnsupportedEncoding`, `ContentBeforeRoot`; any error of the
    /// root start tag; `Misuse` when called twice.
    pub fn root(&mut self) -> Result<StartTag<'a>, DecodeError> {
        if self.state != State::Prolog {
            return Err(self.error(DecodeErrorKind::Misuse("root() called twice")));
        }
        let root = self.read_prolog()?;
        self.state = State::InRoot;
        Ok(root)
    }

    /// The namespace bindings in scope at the element just returned by [`XmlReader::next_child`] (its own
    /// declarations included), for resolving a QName-valued text such as a SOAP fault code after the element has
    /// been read. It copies the bindings, so call it only where such a value is expected.
    #[must_use]
    pub fn namespace_scope(&self) -> NamespaceScope {
        NamespaceScope { bindings: self.scopes.in_scope() }
    }

    /// The next child element of the element being read (the one whose start tag was returned last and not yet
    /// read to its end), or `None` once that element's end tag is consumed.
    ///
    /// Whitespace between children is ignored, comments are skipped; other text (CDATA and references
    /// included) is recorded as a [`FindingKind::UnexpectedText`] finding.
    ///
    /// # Errors
    /// Malformed XML, a limit, or `Misuse` when no element is open.
    #[inline]
    pub fn next_child(&mut self) -> Result<Option<StartTag<'a>>, DecodeError> {
        match self.at_cursor() {
            AtCursor::Start(at) => self.open_tag(at),
            AtCursor::End(at, end) => {
                self.close_at(at, end);
                Ok(None)
            }
            AtCursor::Other => self.next_with(&mut Sink::Findings),
        }
    }

    /// Like [`Self::next_child`] for mixed content: text between children is appended to `text` (unescaped,
    /// line ends normalized) instead of being recorded.
    ///
    /// # Errors
    /// As [`Self::next_child`], and [`Limit::TextLength`] when `text` grows beyond the limit.
    pub fn next_child_mixed(&mut self, text: &mut String) -> Result<Option<StartTag<'a>>, DecodeError> {
        self.next_with(&mut Sink::Mixed(text))
    }

    #[inline]
    fn next_with(&mut self, sink: &mut Sink<'_, 'a>) -> Result<Option<StartTag<'a>>, DecodeError> {
        if self.state != State::InRoot {
            return Err(self.error(DecodeErrorKind::Misuse("next_child() outside the root element")));
        }
        self.step(sink)
    }

    /// Reads the scalar element `start` through its end tag and parses its text as `T`, as
    /// [`Self::read_content`] does. A scalar element has no attributes of its own, so every attribute it carries
    /// (on an empty or `xsi:nil` element too) is recorded as [`FindingKind::UnknownAttribute`], as for a complex
    /// element; `xsi:type` and `xsi:nil` are XML machinery and not recorded.
    ///
    /// # Errors
    /// As [`Self::read_content`].
    #[inline]
    pub fn read_scalar<T: XmlScalar>(&mut self, start: &StartTag<'_>, ws: Ws) -> Result<Option<T>, DecodeError> {
        if !start.attrs.is_empty() {
            self.unknown_attributes(start);
        }
        self.read_content(start, ws)
    }

    /// Records every attribute of `start` as unknown; kept out of line, as scalar elements rarely carry any.
    #[cold]
    fn unknown_attributes(&mut self, start: &StartTag<'_>) {
        for attr in start.attrs.iter() {
            self.unknown_attribute(start, attr);
        }
    }

    /// Reads the text content of `start` through its end tag and parses it as `T`, leaving its attributes to the
    /// caller: for a complex type with simple content (an amount and its `currencyID`), whose reader reads the
    /// attributes it knows and records the others itself. Use [`Self::read_scalar`] for a scalar element.
    ///
    /// The text is the whole text of the element: pieces split by references, CDATA sections and comments are
    /// joined, references replaced (the five predefined entities and character references only), line ends
    /// normalized; then `ws` is applied. Child elements are skipped and recorded as
    /// [`FindingKind::ChildInScalar`].
    ///
    /// Returns `Ok(None)` when the element has `xsi:nil="true"`, or when the text is empty (after `ws`) and
    /// `T::EMPTY_IS_ABSENT`. A nil element that has text anyway (which XSD forbids) is recorded as
    /// [`FindingKind::NilWithContent`] with that text: `xsi:nil` decides the value, and the text is not lost.
    ///
    /// # Errors
    /// [`DecodeErrorKind::InvalidValue`] with the element path and the text (cut to a bounded length) when `T`
    /// does not parse it; malformed XML; [`Limit::TextLength`].
    pub fn read_content<T: XmlScalar>(&mut self, start: &StartTag<'_>, ws: Ws) -> Result<Option<T>, DecodeError> {
        // Finding the text is the same for every type and compiled once, in `content_text`; only the parse is
        // `T`'s. This function is instantiated for each of the schema's 120 scalar types, which matters for the
        // build time of the generated crate, so it holds nothing else.
        let Some(text) = self.content_text(start, ws, T::EMPTY_IS_ABSENT)? else { return Ok(None) };
        match T::from_xml_text(&text) {
            Ok(v) => Ok(Some(v)),
            Err(e) => Err(self.invalid_value(e, &text, self.element_path(start), start.offset)),
        }
    }

    /// The text of the simple element `start`, through its end tag, after `ws`: `None` when the element is nil
    /// (text it has anyway is recorded), or when its text is empty and `empty_is_absent`. The usual value is
    /// borrowed from the input; text that had to be joined (references, CDATA, comments) is owned.
    fn content_text(
        &mut self,
        start: &StartTag<'_>,
        ws: Ws,
        empty_is_absent: bool,
    ) -> Result<Option<Cow<'a, str>>, DecodeError> {
        self.check_current(start)?;
        let text = match self.simple_content() {
            Some(text) => Cow::Borrowed(text),
            None => {
                let mut buf = String::new();
                match self.collect_content(start, &mut buf)? {
                    Some(text) => Cow::Borrowed(text),
                    None => Cow::Owned(buf),
                }
            }
        };
        if start.is_nil() {
            self.nil_content(start, &text);
            return Ok(None);
        }
        let text = lexical::apply_ws(text, ws);
        Ok(if text.is_empty() && empty_is_absent { None } else { Some(text) })
    }

    /// Records the text of the `xsi:nil` element `start` unless it is only whitespace.
    fn nil_content(&mut self, start: &StartTag<'_>, text: &str) {
        if !text.trim_matches(tag::is_ws_char).is_empty() {
            self.record(FindingKind::NilWithContent, self.element_path(start), Self::name_of(start), text);
        }
    }

    /// Appends `item`, just read from the element `start`, to a list field. Before the first item goes in, room is
    /// reserved for as many more as the rest of the input could hold at this item's size, but never for more
    /// bytes than the input has left: a long list is then not copied again and again as it grows, and a short
    /// one reserves little.
    #[inline]
    pub fn push_item<T>(&self, list: &mut Vec<T>, item: T, start: &StartTag<'_>) {
        if list.is_empty() {
            list.reserve_exact(self.list_room(start, std::mem::size_of::<T>()));
        }
        list.push(item);
    }

    /// How many items of `item_size` bytes to reserve room for, for [`Self::push_item`].
    fn list_room(&self, start: &StartTag<'_>, item_size: usize) -> usize {
        let item_bytes = self.pos.saturating_sub(start.offset).max(1);
        let remaining = self.text.len().saturating_sub(self.pos);
        let by_memory = remaining / item_size.max(1);
        1 + (remaining / item_bytes).min(by_memory)
    }

    /// Parses an attribute value as `T` after applying `ws`; `Ok(None)` when it is empty and
    /// `T::EMPTY_IS_ABSENT`.
    ///
    /// # Errors
    /// [`DecodeErrorKind::InvalidValue`] with the path `/…/element/@name`.
    pub fn attr_scalar<T: XmlScalar>(
        &mut self,
        start: &StartTag<'_>,
        attr: &Attr<'_>,
        ws: Ws,
    ) -> Result<Option<T>, DecodeError> {
        let mut value = None;
        let text = lexical::apply_ws(attr.value.clone(), ws);
        let path = || format!("{}/@{}", self.element_path(start), snippet(attr.qname(), SNIPPET_MAX));
        let mut parse = |text: &str| {
            value = Some(T::from_xml_text(text)?);
            Ok(())
        };
        self.parse_text(&text, T::EMPTY_IS_ABSENT, &mut parse, path, start.offset)?;
        Ok(value)
    }

    /// Calls `parse` with `text` unless it is empty and `empty_is_absent`, and turns its error into an
    /// `InvalidValue` at `path`.
    fn parse_text(
        &self,
        text: &str,
        empty_is_absent: bool,
        parse: &mut dyn FnMut(&str) -> Result<(), ValueError>,
        path: impl FnOnce() -> String,
        at: usize,
    ) -> Result<(), DecodeError> {
        if text.is_empty() && empty_is_absent {
            return Ok(());
        }
        parse(text).map_err(|e| self.invalid_value(e, text, path(), at))
    }

    /// The error for text that does not parse as its type; cold, as it happens once per bad message at most.
    #[cold]
    fn invalid_value(&self, e: ValueError, text: &str, path: String, at: usize) -> DecodeError {
        let kind =
            DecodeErrorKind::InvalidValue { expected: e.expected, detail: e.detail, text: snippet(text, SNIPPET_MAX) };
        DecodeError::new(kind, super::error::Position::locate(self.input, at), path)
    }

    /// Reads the complex element `start` with `read`, or gives `Ok(None)` when it has `xsi:nil="true"`: nil
    /// decides the value, as for [`Self::read_scalar`], so a nil element is never an empty value. A nil element
    /// with content anyway (which XSD forbids) or with attributes of its own (which XSD allows, as for
    /// `<Amount currencyID="USD" xsi:nil="true"/>`) is recorded as [`FindingKind::NilWithContent`] with its exact
    /// XML, so what it carried is not lost.
    ///
    /// # Errors
    /// Whatever `read` reports; for a nil element, malformed XML inside it.
    #[inline]
    pub fn read_nillable<T>(
        &mut self,
        start: &StartTag<'_>,
        read: impl FnOnce(&mut Self) -> Result<T, DecodeError>,
    ) -> Result<Option<T>, DecodeError> {
        if start.is_nil() {
            self.skip_nil(start)?;
            return Ok(None);
        }
        read(self).map(Some)
    }

    /// Skips the nil element `start`, recording what it carried; out of line, so that the generic
    /// [`Self::read_nillable`] instantiated for every complex type stays small.
    pub(super) fn skip_nil(&mut self, start: &StartTag<'_>) -> Result<(), DecodeError> {
        self.check_current(start)?;
        let content_start = self.stack.last().map_or(0, |top| top.content_start);
        let (content_end, end) = self.skip_open(start.depth as usize)?;
        let content = if start.empty { "" } else { self.text.get(content_start..content_end).unwrap_or_default() };
        if !start.attrs.is_empty() || !content.trim_matches(tag::is_ws_char).is_empty() {
            let raw = self.text.get(start.offset..end).unwrap_or_default();
            self.record(FindingKind::NilWithContent, self.element_path(start), Self::name_of(start), raw);
        }
        Ok(())
    }

    /// Skips `start` (an element the schema does not define here) with its whole subtree, checking it like
    /// everything else, and records it as [`FindingKind::UnknownElement`] with its exact XML.
    ///
    /// # Errors
    /// Malformed XML inside it; `Misuse` when `start` is not the element being read.
    pub fn skip_unknown(&mut self, start: &StartTag<'_>) -> Result<(), DecodeError> {
        self.skip_recorded(start, FindingKind::UnknownElement)
    }

    /// Skips a repeated single-valued element (the caller keeps the first value) and records it as
    /// [`FindingKind::Duplicate`] with its exact XML.
    ///
    /// # Errors
    /// As [`Self::skip_unknown`].
    pub fn skip_duplicate(&mut self, start: &StartTag<'_>) -> Result<(), DecodeError> {
        self.skip_recorded(start, FindingKind::Duplicate)
    }

    fn skip_recorded(&mut self, start: &StartTag<'_>, kind: FindingKind) -> Result<(), DecodeError> {
        self.check_current(start)?;
        let (_, end) = self.skip_open(start.depth as usize)?;
        let raw = self.text.get(start.offset..end).unwrap_or_default();
        self.record(kind, self.element_path(start), Self::name_of(start), raw);
        Ok(())
    }

    /// Skips `start` and its subtree without recording anything: for content the caller reads on purpose as
    /// nothing (an `xsi:nil` complex element, a header it does not need).
    ///
    /// # Errors
    /// As [`Self::skip_unknown`].
    pub fn skip_element(&mut self, start: &StartTag<'_>) -> Result<(), DecodeError> {
        self.check_current(start)?;
        self.skip_open(start.depth as usize).map(|_| ())
    }

    /// Records an attribute the type does not define as [`FindingKind::UnknownAttribute`]. Attributes in the
    /// XML Schema instance namespace (`xsi:type`, `xsi:nil`, `xsi:schemaLocation`) are XML machinery and not
    /// recorded; namespace declarations never appear in [`StartTag::attrs`].
    pub fn unknown_attribute(&mut self, start: &StartTag<'_>, attr: &Attr<'_>) {
        if attr.ns() != XSI_NS {
            let name = tag::expanded_name(&attr.ns, attr.local);
            self.record(FindingKind::UnknownAttribute, self.element_path(start), name, attr.raw);
        }
    }

    /// Captures `start` and its subtree as an [`AnyElement`] (for `xs:any` members): name, namespace, attributes
    /// (`xsi:type` and `xsi:nil` included), the inner XML exactly as received, and the namespace declarations
    /// from outside that the inner XML uses.
    ///
    /// # Errors
    /// As [`Self::skip_unknown`].
    pub fn read_any(&mut self, start: &StartTag<'_>) -> Result<AnyElement, DecodeError> {
        self.check_current(start)?;
        let content_start = self.stack.last().map_or(0, |top| top.content_start);
        self.scopes.start_tracking(self.scopes.len());
        self.track_type_prefix(start.xsi_type);
        let skipped = self.skip_open(start.depth as usize);
        let used = self.scopes.stop_tracking();
        let (inner_end, _) = skipped?;
        let raw_inner = if start.empty { "" } else { self.text.get(content_start..inner_end).unwrap_or_default() };
        let prefix = start.prefix();
        let namespaces = used
            .into_iter()
            .filter(|(p, uri)| !(*p == prefix && *uri == start.ns) && *p != "xml")
            .map(|(p, uri)| (p.to_owned(), uri.into_owned()))
            .collect();
        let mut attributes: Vec<(String, String, String)> =
            start.attrs().iter().map(|a| (a.ns.to_string(), a.local.to_owned(), a.value.to_string())).collect();
        for (local, raw) in [("type", start.xsi_type), ("nil", start.xsi_nil)] {
            // The raw values were checked when the tag was read, so unescaping them succeeds.
            if let Some(Ok(value)) = raw.map(lexical::attribute_value) {
                attributes.push((XSI_NS.to_owned(), local.to_owned(), value.into_owned()));
            }
        }
        Ok(AnyElement {
            ns: start.ns.to_string(),
            name: start.local.to_owned(),
            prefix: prefix.to_owned(),
            attributes,
            raw_inner: raw_inner.to_owned(),
            namespaces,
        })
    }

    /// Ends the read: reads any elements the caller left open to their end (checked, not recorded), then checks
    /// that only whitespace and comments follow the root element.
    ///
    /// # Errors
    /// [`DecodeErrorKind::ContentAfterRoot`] (also for a second root), `ProcessingInstruction`, `Doctype`,
    /// malformed XML; `Misuse` when [`Self::root`] was not called.
    pub fn finish(mut self) -> Result<DecodeReport, DecodeError> {
        match self.state {
            State::Prolog => return Err(self.error(DecodeErrorKind::Misuse("finish() before root()"))),
            State::InRoot => {
                self.skip_open(1)?;
            }
            State::AfterRoot => {}
        }
        self.read_epilog()?;
        match self.deferred.take() {
            Some(err) => Err(err),
            None => Ok(self.report),
        }
    }

    /// The findings so far.
    #[must_use]
    pub fn report(&self) -> &DecodeReport {
        &self.report
    }

    /// Path of the element being read, like `/Envelope/Body/GetExpressCheckoutDetailsResponse` (local names;
    /// only the innermost part of a very long path).
    #[must_use]
    pub fn path(&self) -> String {
        self.path_to(self.stack.len())
    }

    /// The limits in force.
    #[must_use]
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// An error at the last tag read, in the element being read: for callers that find the content wrong
    /// (an unexpected root or element, a missing one).
    #[must_use]
    pub fn error(&self, kind: DecodeErrorKind) -> DecodeError {
        self.error_at(kind, self.last)
    }

    /// An error about `start` itself: its position and its path.
    #[must_use]
    pub fn error_at_tag(&self, start: &StartTag<'_>, kind: DecodeErrorKind) -> DecodeError {
        DecodeError::new(kind, start.position(), self.element_path(start))
    }
}
