//! A stable text dump of the [`crate::model::Model`] for snapshot tests and debugging.
//! (Stub: the loader work fills this in.)

use crate::model::Model;

/// Renders the model as stable text.
pub fn dump(_model: &Model) -> String {
    String::new()
}
