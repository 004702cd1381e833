//! XML reading and writing for generated types.
//!
//! Generated code implements [`XmlWrite`] and [`XmlRead`] for every complex type and [`XmlScalar`] for every
//! enumeration; the runtime implements [`XmlScalar`] for the built-in Rust types that XSD built-ins map to
//! (`String`, `bool`, integers, `f32`/`f64`, [`crate::Decimal`], [`crate::DateTime`], …).
//! Scalars are written and read through [`XmlWriter::scalar_element`] and [`XmlReader::read_scalar`], complex
//! values through the traits, so no blanket impl is needed.

mod any;
mod error;
mod read;
mod write;
mod write_fields;

pub use any::AnyElement;
pub use error::{
    DecodeError, DecodeErrorKind, DecodeReport, EncodeError, Finding, FindingKind, Limit, Position, ValueError,
};
pub use read::{Attr, Limits, NamespaceScope, StartTag, XmlReader};
pub use write::XmlWriter;

use std::borrow::Cow;

/// Whitespace handling of a value's text, from the XSD type the value was declared with (`xs:string` keeps
/// it, `xs:normalizedString` replaces tabs and newlines, `xs:token`, enumerations, numbers, booleans and dates
/// collapse it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ws {
    /// Keep the text as received.
    Preserve,
    /// Replace each tab, newline and carriage return by a space.
    Replace,
    /// Replace, then trim and collapse runs of spaces to one.
    Collapse,
}

/// A value that is written as element text or as an attribute value.
pub trait XmlScalar: Sized {
    /// Whether an empty element (or attribute) means "no value" for this type. True for everything but
    /// strings: an empty `<Amount/>` must never become 0, nor an empty date the epoch.
    const EMPTY_IS_ABSENT: bool;

    /// The value's text (unescaped; the writer escapes it).
    fn to_xml_text(&self) -> Cow<'_, str>;

    /// Parses text that the reader has already whitespace-processed.
    ///
    /// # Errors
    /// A [`ValueError`] saying what was expected.
    fn from_xml_text(text: &str) -> Result<Self, ValueError>;
}

/// A complex value written as one element.
pub trait XmlWrite {
    /// Writes `self` as the element `{ns}name`: start tag, attributes, content and end tag.
    ///
    /// # Errors
    /// Text that XML 1.0 cannot carry.
    fn write_element(&self, w: &mut XmlWriter, ns: &'static str, name: &'static str) -> Result<(), EncodeError>;
}

/// A complex value read from one element.
pub trait XmlRead: Sized {
    /// Reads the element whose start tag the reader just returned, through its end tag.
    ///
    /// # Errors
    /// Malformed XML or a value that does not parse, with position and element path.
    fn read_element<'a>(r: &mut XmlReader<'a>, start: &StartTag<'a>) -> Result<Self, DecodeError>;
}
