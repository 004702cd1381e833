//! Turns `xs:documentation` text (with its HTML) into rustdoc Markdown.
//! (Stub: the naming/docs work fills this in.)

/// Converts documentation text to rustdoc Markdown.
pub fn to_rustdoc(raw: &str) -> String {
    raw.trim().to_string()
}
