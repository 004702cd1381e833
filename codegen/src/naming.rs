//! Every Rust name the generator emits, derived once from wire names. (Stub: the naming work fills this in.)

use crate::flatten::Flat;
use crate::model::Model;

/// All assigned Rust names.
#[derive(Debug, Default)]
pub struct Names {}

impl Names {
    /// Assigns every name for `model`.
    pub fn assign(_model: &Model, _flat: &Flat) -> Names {
        Names {}
    }
}
