//! Stage 4: the model to Rust token streams. (Stub.)

use std::collections::BTreeMap;

use proc_macro2::TokenStream;

use crate::flatten::Flat;
use crate::model::Model;
use crate::naming::Names;

/// Emits one token stream per output file (path relative to the generated directory).
pub fn emit(_model: &Model, _flat: &Flat, _names: &Names) -> BTreeMap<String, TokenStream> {
    BTreeMap::new()
}
