//! Errors and findings of XML reading and writing: [`DecodeError`] (fatal, with position and element path),
//! [`DecodeReport`] (what a tolerant read skipped, so nothing received is lost silently), [`ValueError`] (a
//! scalar's text did not parse) and [`EncodeError`] (a value cannot be written as XML 1.0).
//!
//! Every message has a bounded size: input echoed in an error is cut to [`SNIPPET_MAX`] characters, so a hostile
//! or secret-bearing body never ends up whole in a log line.

use std::fmt;

use crate::redact::redact;

/// How many characters of received text an error message repeats at most.
pub(crate) const SNIPPET_MAX: usize = 80;

/// Where in the input something happened. Line and column are 1-based; the column counts characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Position {
    /// Byte offset from the start of the input.
    pub offset: usize,
    /// Line number, starting at 1.
    pub line: usize,
    /// Column in characters, starting at 1.
    pub column: usize,
}

impl Position {
    /// Computes the line and column of byte `offset` in `input`. Only done when an error is built, so the fast
    /// path never counts lines.
    #[must_use]
    pub fn locate(input: &[u8], offset: usize) -> Self {
        let offset = offset.min(input.len());
        let before = &input[..offset];
        let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
        let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        // Counting bytes that do not continue a UTF-8 sequence counts characters, even in invalid UTF-8.
        let column = 1 + before[line_start..].iter().filter(|&&b| (b & 0xC0) != 0x80).count();
        Self { offset, line, column }
    }
}

/// A fatal error while reading XML: what went wrong, where, and in which element.
///
/// Boxed inside so that `Result<T, DecodeError>` stays one pointer wide on the hot path.
#[derive(Clone, PartialEq, Eq)]
pub struct DecodeError(Box<DecodeErrorInner>);

#[derive(Debug, Clone, PartialEq, Eq)]
struct DecodeErrorInner {
    kind: DecodeErrorKind,
    position: Position,
    path: String,
}

impl DecodeError {
    /// Builds an error from its parts; `path` is the element path like `/Envelope/Body/X`.
    #[must_use]
    pub fn new(kind: DecodeErrorKind, position: Position, path: impl Into<String>) -> Self {
        Self(Box::new(DecodeErrorInner { kind, position, path: path.into() }))
    }

    /// What went wrong.
    #[must_use]
    pub fn kind(&self) -> &DecodeErrorKind {
        &self.0.kind
    }

    /// Where in the input.
    #[must_use]
    pub fn position(&self) -> Position {
        self.0.position
    }

    /// The path of the element being read, like `/Envelope/Body/DoCaptureResponse/Ack` (empty before the root).
    #[must_use]
    pub fn path(&self) -> &str {
        &self.0.path
    }

    /// Applies `f` to every text taken from the input: the path and the names and values the kind repeats. The
    /// client masks a call's secrets with it, in case the undecodable body echoed them.
    pub fn map_input_texts(&mut self, mut f: impl FnMut(&mut String)) {
        use DecodeErrorKind as K;
        let inner = &mut *self.0;
        f(&mut inner.path);
        match &mut inner.kind {
            K::UnexpectedEof { open: text }
            | K::MismatchedEndTag { found: text, .. }
            | K::UnmatchedEndTag { found: text }
            | K::DuplicateAttribute { name: text }
            | K::UndeclaredPrefix { prefix: text }
            | K::InvalidName { name: text }
            | K::ProcessingInstruction { target: text }
            | K::InvalidDeclaration { detail: text }
            | K::UnsupportedEncoding { encoding: text }
            | K::UnknownEntity { name: text }
            | K::InvalidCharacterReference { text }
            | K::UnexpectedRoot { found: text, .. }
            | K::UnexpectedElement { found: text, .. } => f(text),
            K::InvalidValue { detail, text, .. } => {
                f(text);
                if let Some(detail) = detail {
                    f(detail);
                }
            }
            K::Syntax { .. }
            | K::InvalidNamespaceDeclaration { .. }
            | K::InvalidUtf8
            | K::IllegalCharacter { .. }
            | K::ContentAfterRoot
            | K::ContentBeforeRoot
            | K::EmptyDocument
            | K::Doctype
            | K::MisplacedDeclaration
            | K::LimitExceeded { .. }
            | K::MissingElement { .. }
            | K::Misuse(_) => {}
        }
    }
}

impl fmt::Debug for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DecodeError")
            .field("kind", &self.0.kind)
            .field("position", &self.0.position)
            .field("path", &self.0.path)
            .finish()
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Position { line, column, .. } = self.0.position;
        write!(f, "line {line}, column {column}")?;
        if !self.0.path.is_empty() {
            write!(f, ", at {}", snippet(&self.0.path, 4 * SNIPPET_MAX))?;
        }
        write!(f, ": {}", self.0.kind)
    }
}

impl std::error::Error for DecodeError {}

/// The limit a [`DecodeErrorKind::LimitExceeded`] refers to (see [`crate::xml::Limits`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// Size of the whole input in bytes.
    InputSize,
    /// Element nesting depth.
    Depth,
    /// Attributes on one element (namespace declarations included).
    Attributes,
    /// Namespace declarations on one element.
    NamespaceDeclarations,
    /// Length in bytes of one text value or attribute value.
    TextLength,
    /// Findings one read records.
    Findings,
}

impl fmt::Display for Limit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::InputSize => "input size in bytes",
            Self::Depth => "element depth",
            Self::Attributes => "attributes per element",
            Self::NamespaceDeclarations => "namespace declarations per element",
            Self::TextLength => "text length in bytes",
            Self::Findings => "number of findings",
        })
    }
}

/// What went wrong in a [`DecodeError`]. Texts taken from the input are already cut to a bounded length.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DecodeErrorKind {
    /// Malformed XML the tokenizer found (input cut inside a tag, comment or CDATA section, bad attribute
    /// syntax, a `&` that starts no reference, `]]>` in text, `--` in a comment, ...).
    #[error("malformed XML: {message}")]
    Syntax {
        /// What is wrong, like "unexpected end of input in a start tag" (never a copy of the input).
        message: String,
    },
    /// The input ended while elements were still open.
    #[error("unexpected end of input, elements still open: {open}")]
    UnexpectedEof {
        /// The open elements, outermost first, separated by `/` (bounded).
        open: String,
    },
    /// An end tag does not match the open element.
    #[error("end tag </{found}> does not match <{expected}>")]
    MismatchedEndTag {
        /// The open element's name.
        expected: String,
        /// The end tag's name.
        found: String,
    },
    /// An end tag with no open element.
    #[error("end tag </{found}> without a start tag")]
    UnmatchedEndTag {
        /// The end tag's name.
        found: String,
    },
    /// An attribute appears twice on one element (also two prefixes that resolve to the same namespace).
    #[error("duplicate attribute {name}")]
    DuplicateAttribute {
        /// The attribute's name as written.
        name: String,
    },
    /// A namespace prefix that no enclosing element declares.
    #[error("undeclared namespace prefix {prefix:?}")]
    UndeclaredPrefix {
        /// The prefix.
        prefix: String,
    },
    /// A namespace declaration that XML Namespaces forbids (binding `xml` or `xmlns` wrongly, an empty prefixed
    /// namespace).
    #[error("invalid namespace declaration: {reason}")]
    InvalidNamespaceDeclaration {
        /// Why.
        reason: String,
    },
    /// An element or attribute name that is not a valid XML qualified name.
    #[error("invalid name {name:?}")]
    InvalidName {
        /// The name (bounded).
        name: String,
    },
    /// Bytes that are not UTF-8.
    #[error("invalid UTF-8")]
    InvalidUtf8,
    /// A character XML 1.0 does not allow, written directly or as a character reference.
    #[error("character U+{code_point:04X} is not allowed in XML 1.0")]
    IllegalCharacter {
        /// The code point.
        code_point: u32,
    },
    /// Something other than whitespace or comments after the root element's end.
    #[error("content after the root element")]
    ContentAfterRoot,
    /// Text or other content before the root element.
    #[error("text before the root element")]
    ContentBeforeRoot,
    /// The input is empty, or holds only whitespace, comments and an XML declaration.
    #[error("empty document: no root element")]
    EmptyDocument,
    /// A document type declaration; refused always, so no entity is ever expanded.
    #[error("document type declarations are not allowed")]
    Doctype,
    /// A processing instruction; SOAP 1.1 forbids them.
    #[error("processing instruction <?{target}?> is not allowed")]
    ProcessingInstruction {
        /// The instruction's target (bounded).
        target: String,
    },
    /// An XML declaration that is not at the start of the document.
    #[error("XML declaration not at the start of the document")]
    MisplacedDeclaration,
    /// An XML declaration whose version is not 1.0 or that cannot be read.
    #[error("unsupported XML declaration: {detail}")]
    InvalidDeclaration {
        /// What is wrong with it (bounded).
        detail: String,
    },
    /// An encoding other than UTF-8 in the XML declaration.
    #[error("unsupported encoding {encoding:?}: only UTF-8 is accepted")]
    UnsupportedEncoding {
        /// The declared encoding (bounded).
        encoding: String,
    },
    /// An entity reference other than the five predefined ones.
    #[error("unknown entity &{name};")]
    UnknownEntity {
        /// The entity name (bounded).
        name: String,
    },
    /// A malformed character reference (`&#xZZ;`, out of range, ...).
    #[error("invalid character reference &{text};")]
    InvalidCharacterReference {
        /// The reference text between `&` and `;` (bounded).
        text: String,
    },
    /// A value that does not parse as its type.
    #[error("invalid value {text:?}: expected {expected}{}", detail.as_deref().map(|d| format!(" ({d})")).unwrap_or_default())]
    InvalidValue {
        /// What was expected, like "a decimal number".
        expected: &'static str,
        /// More about the failure, if the parser said more.
        detail: Option<String>,
        /// The received text (bounded).
        text: String,
    },
    /// A configured limit was exceeded.
    #[error("limit exceeded: {limit} is more than {max}")]
    LimitExceeded {
        /// Which limit.
        limit: Limit,
        /// Its configured maximum.
        max: usize,
    },
    /// The document's root is not the expected element.
    #[error("unexpected root element {found}, expected {expected}")]
    UnexpectedRoot {
        /// The expected element, as `{ns}local`.
        expected: String,
        /// The root found, as `{ns}local` (bounded).
        found: String,
    },
    /// An element other than the expected one.
    #[error("unexpected element {found}, expected {expected}")]
    UnexpectedElement {
        /// The expected element(s), as `{ns}local`.
        expected: String,
        /// The element found, as `{ns}local` (bounded).
        found: String,
    },
    /// An expected element is missing.
    #[error("missing element {expected}")]
    MissingElement {
        /// The expected element, as `{ns}local`.
        expected: String,
    },
    /// A reader method was called out of order (a bug in the caller, reported instead of panicking).
    #[error("reader misuse: {0}")]
    Misuse(&'static str),
}

/// A scalar's text did not parse; returned by [`crate::xml::XmlScalar::from_xml_text`]. The reader turns it
/// into a [`DecodeErrorKind::InvalidValue`] with the text and the element path.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("expected {expected}{}", detail.as_deref().map(|d| format!(" ({d})")).unwrap_or_default())]
pub struct ValueError {
    /// What was expected, like "a decimal number" or "one of Success, Failure, ...".
    pub expected: &'static str,
    /// More about the failure (must not repeat the whole input).
    pub detail: Option<String>,
}

impl ValueError {
    /// A value error saying what was expected.
    #[must_use]
    pub fn new(expected: &'static str) -> Self {
        Self { expected, detail: None }
    }

    /// Adds a detail; it is cut to a bounded length.
    #[must_use]
    pub fn with_detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(snippet(&detail.into(), SNIPPET_MAX));
        self
    }
}

/// A value that cannot be written as XML 1.0.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EncodeError {
    /// A character XML 1.0 cannot carry (U+0000, U+0001..=U+0008, U+000B, U+000C, U+000E..=U+001F, U+FFFE,
    /// U+FFFF); the text itself is not repeated.
    #[error("character U+{code_point:04X} at byte {offset} of the text cannot be written in XML 1.0")]
    IllegalCharacter {
        /// Byte offset of the character in the value's text.
        offset: usize,
        /// The code point.
        code_point: u32,
    },
    /// Anything else that cannot be written (a name that is not a valid XML name, ...).
    #[error("cannot write {what}")]
    Invalid {
        /// What could not be written.
        what: String,
    },
}

/// What a tolerant read skipped or set aside.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FindingKind {
    /// An element the schema does not define at that place; its whole subtree was skipped.
    UnknownElement,
    /// An attribute the type does not define.
    UnknownAttribute,
    /// A single-valued element that arrived again; the first value was kept.
    Duplicate,
    /// Non-whitespace text inside element-only content.
    UnexpectedText,
    /// A child element inside an element that holds a simple value; it was skipped.
    ChildInScalar,
    /// Content inside an element marked `xsi:nil="true"` (which XSD forbids), or attributes on a nil element of
    /// complex type (which XSD allows, but the absent value cannot hold): the value is absent, as `xsi:nil` says,
    /// and what it carried is in the finding's `raw` (the text of a simple element, the whole XML of a complex
    /// one).
    NilWithContent,
}

impl fmt::Display for FindingKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::UnknownElement => "unknown element",
            Self::UnknownAttribute => "unknown attribute",
            Self::Duplicate => "duplicate element, first value kept",
            Self::UnexpectedText => "unexpected text",
            Self::ChildInScalar => "child element in a simple value",
            Self::NilWithContent => "content or attributes in an xsi:nil element, value taken as absent",
        })
    }
}

/// One thing a read skipped, with the exact received XML so it can be inspected or replayed.
///
/// `Debug` and `Display` show `raw` with credentials and card numbers masked by element name
/// ([`redact`](crate::redact)): an unknown element may be an echo of the request. The field
/// itself keeps the XML as received.
#[derive(Clone, PartialEq, Eq)]
pub struct Finding {
    /// What kind of finding.
    pub kind: FindingKind,
    /// Path of the element the finding is about (the skipped element itself, the element carrying the
    /// attribute, the simple element holding the child, or the element holding the text), like
    /// `/Envelope/Body/DoCaptureResponse/Foo` (cut to its innermost part when very long).
    pub path: String,
    /// The skipped element's or attribute's expanded name, `{ns}local` (just `local` without a namespace; empty
    /// for text).
    pub name: String,
    /// The exact received XML of the element, the attribute as written (`name="value"`), or the text.
    pub raw: String,
}

impl fmt::Debug for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Finding")
            .field("kind", &self.kind)
            .field("path", &self.path)
            .field("name", &self.name)
            .field("raw", &redact(self.raw.as_bytes()))
            .finish()
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at {}", self.kind, self.path)?;
        if !self.name.is_empty() {
            write!(f, ": {}", snippet(&self.name, SNIPPET_MAX))?;
        }
        write!(f, " ({:?})", snippet(&redact(self.raw.as_bytes()), SNIPPET_MAX))
    }
}

/// Everything a read skipped or set aside; empty when the input matched the schema exactly.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DecodeReport {
    /// The findings in document order.
    pub findings: Vec<Finding>,
}

impl DecodeReport {
    /// True when nothing was skipped.
    #[must_use]
    pub fn is_clean(&self) -> bool {
        self.findings.is_empty()
    }
}

impl fmt::Display for DecodeReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.findings.is_empty() {
            return f.write_str("no findings");
        }
        for (i, finding) in self.findings.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{finding}")?;
        }
        Ok(())
    }
}

/// Cuts `text` to at most `max` characters, marking the cut with `…`.
#[must_use]
pub(crate) fn snippet(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        None => text.to_owned(),
        Some((end, _)) => format!("{}…", &text[..end]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locate_counts_lines_and_characters() {
        let input = "ab\ncdé\nfg".as_bytes();
        assert_eq!(Position::locate(input, 0), Position { offset: 0, line: 1, column: 1 });
        assert_eq!(Position::locate(input, 3), Position { offset: 3, line: 2, column: 1 });
        // "é" is two bytes but one column.
        assert_eq!(Position::locate(input, 7), Position { offset: 7, line: 2, column: 4 });
        assert_eq!(Position::locate(input, 999).line, 3);
    }

    #[test]
    fn display_has_position_path_and_value() {
        let err = DecodeError::new(
            DecodeErrorKind::InvalidValue { expected: "a decimal number", detail: None, text: "1x".into() },
            Position { offset: 40, line: 3, column: 17 },
            "/Envelope/Body/X/Amount",
        );
        assert_eq!(
            err.to_string(),
            "line 3, column 17, at /Envelope/Body/X/Amount: invalid value \"1x\": expected a decimal number"
        );
    }

    #[test]
    fn snippet_is_bounded() {
        let long = "x".repeat(1000);
        assert_eq!(snippet(&long, SNIPPET_MAX).chars().count(), SNIPPET_MAX + 1);
        assert_eq!(snippet("short", SNIPPET_MAX), "short");
    }

    #[test]
    fn value_error_display() {
        assert_eq!(ValueError::new("a boolean").to_string(), "expected a boolean");
        assert_eq!(ValueError::new("a date").with_detail("month 13").to_string(), "expected a date (month 13)");
    }

    #[test]
    fn encode_error_display() {
        let e = EncodeError::IllegalCharacter { offset: 3, code_point: 1 };
        assert_eq!(e.to_string(), "character U+0001 at byte 3 of the text cannot be written in XML 1.0");
    }

    #[test]
    fn report_display_lists_findings() {
        let mut report = DecodeReport::default();
        assert!(report.is_clean());
        report.findings.push(Finding {
            kind: FindingKind::UnknownElement,
            path: "/a".into(),
            name: "{urn:x}b".into(),
            raw: "<b/>".into(),
        });
        assert!(!report.is_clean());
        assert_eq!(report.to_string(), "unknown element at /a: {urn:x}b (\"<b/>\")");
    }
}
