//! Errors of every stage. Schema errors carry `file:line:col` (see [`crate::model::Pos`]).
//! (Owned by the loader work: extend with one variant per failure, each documented with when it is raised.)

use std::path::PathBuf;

use crate::model::Pos;

/// Result alias for the generator.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Any generator failure.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The schema is malformed, uses a construct the loader does not understand, or refers to something that
    /// does not exist.
    #[error("{pos}: {message}")]
    Schema {
        /// Where.
        pos: Pos,
        /// What is wrong and what to do.
        message: String,
    },
    /// Generated code did not parse as Rust: a generator bug.
    #[error("generated file {file} is not valid Rust ({message}); this is a generator bug")]
    Emit {
        /// The output file.
        file: String,
        /// The parser's message.
        message: String,
    },
}
