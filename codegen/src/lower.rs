//! Stage 2: resolves the raw documents into the [`Model`].
//! (Stub: the loader work replaces this file with `lower/`.)

use crate::error::Result;
use crate::model::Model;
use crate::parse::Documents;

/// Builds the model.
///
/// # Errors
/// Unresolved references and unsupported constructs, with positions.
pub fn lower(_docs: &Documents) -> Result<Model> {
    Ok(Model::default())
}
