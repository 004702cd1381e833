//! Errors of every stage. Schema errors carry `file:line:col` (see [`crate::model::Pos`]), with the file named
//! relative to the entry point's directory, and say what is wrong and what to do about it.

use std::path::PathBuf;

use crate::model::Pos;

/// Result alias for the generator.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Any generator failure.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The entry point given to [`crate::load`] is missing, unreadable, or a directory that does not hold
    /// exactly one `.wsdl` file.
    #[error(
        "{}: {reason}; PayPal publishes the schemas at https://www.paypal.com/wsdl/ (sandbox: https://www.sandbox.paypal.com/wsdl/)",
        path.display()
    )]
    Entry {
        /// The entry point as given.
        path: PathBuf,
        /// What is wrong with it.
        reason: String,
    },
    /// A file could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// Raised by the loader for malformed XML, a construct it does not understand, a reference to something no
    /// schema defines, a duplicate definition, a derivation cycle, or an imported file it cannot read.
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
    /// The error catalog (`schemas/error-catalog.tsv`) could not be read or has malformed rows.
    #[error(transparent)]
    Catalog(#[from] crate::catalog::CatalogError),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_errors_start_with_their_position() {
        let pos = Pos { file: "a.xsd".into(), line: 3, col: 7 };
        let err = Error::Schema { pos, message: "unresolved type reference `x:Y`".into() };
        assert_eq!(err.to_string(), "a.xsd:3:7: unresolved type reference `x:Y`");
    }

    #[test]
    fn entry_errors_say_where_paypal_publishes_the_schemas() {
        let err = Error::Entry { path: "nowhere".into(), reason: "no such file or directory".into() };
        assert!(err.to_string().starts_with("nowhere: no such file or directory; PayPal publishes"));
        assert!(err.to_string().contains("https://www.paypal.com/wsdl/"));
    }
}
