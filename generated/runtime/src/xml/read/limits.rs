//! Resource limits of the XML reader: each bounds memory or time an input can make the reader spend, and each
//! violation is a typed [`DecodeErrorKind::LimitExceeded`](crate::xml::DecodeErrorKind::LimitExceeded).

/// Limits the reader enforces. The defaults are far above anything PayPal sends (responses nest about 12
/// elements deep, carry at most 13 namespace declarations on one element and values of a few KiB) and low
/// enough that a hostile body cannot make the reader use much more memory than the body itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest input in bytes, checked before anything is parsed. Default 16 MiB.
    pub max_input_bytes: usize,
    /// Deepest element nesting; the root is at depth 1. Default 64.
    pub max_depth: usize,
    /// Most attributes on one element, namespace declarations included. Default 64.
    pub max_attributes: usize,
    /// Most namespace declarations on one element. Default 32.
    pub max_namespace_declarations: usize,
    /// Longest text value (the joined text of one simple element, or one attribute value), in bytes after
    /// entity and character references are replaced. Default 1 MiB.
    pub max_text_bytes: usize,
    /// Most findings (skipped unknown elements and attributes, duplicates, stray text) one read records.
    /// Each finding keeps the received XML, so this bounds the report's overhead. Default 100 000.
    pub max_findings: usize,
}

impl Limits {
    /// The default limits (see each field).
    pub const DEFAULT: Self = Self {
        max_input_bytes: 16 * 1024 * 1024,
        max_depth: 64,
        max_attributes: 64,
        max_namespace_declarations: 32,
        max_text_bytes: 1024 * 1024,
        max_findings: 100_000,
    };
}

impl Default for Limits {
    fn default() -> Self {
        Self::DEFAULT
    }
}
