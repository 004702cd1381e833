//! Stage 5: formatting, the `@generated` header, and writing or checking files. (Stub: the xtask work fills
//! this in.)

use std::collections::BTreeMap;

use proc_macro2::TokenStream;

use crate::error::Result;

/// Formatted output files keyed by path relative to the generated directory.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Files {
    /// Path → full file text (header included).
    pub files: BTreeMap<String, String>,
}

/// Formats each token stream with prettyplease and prepends the header.
///
/// # Errors
/// A token stream that does not parse as a Rust file.
pub fn format_files(_tokens: BTreeMap<String, TokenStream>) -> Result<Files> {
    Ok(Files::default())
}
