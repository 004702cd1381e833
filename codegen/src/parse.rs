//! Stage 1: reads WSDL and XSD documents with roxmltree into raw items that keep source positions.
//! (Stub: the loader work replaces this file with `parse/`.)

use std::path::Path;

use crate::error::Result;

/// Every document reached from the entry point.
#[derive(Debug, Default)]
pub struct Documents {}

/// Reads the entry point and every schema it imports.
///
/// # Errors
/// I/O and XML syntax errors.
pub fn parse_entry(_entry: &Path) -> Result<Documents> {
    Ok(Documents::default())
}
