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
    /// Several schema problems found in one run, each an [`Error::Schema`] with its own `file:line:col`, in the
    /// order they were found. A maintainer facing a new WSDL sees all of them at once, not one per run.
    #[error("{} problems in the schemas:\n{}", errors.len(), list(errors))]
    Schemas {
        /// Every problem, at least two.
        errors: Vec<Error>,
    },
    /// Generated code did not parse as Rust: a generator bug.
    #[error("generated file {file} is not valid Rust ({message}); this is a generator bug")]
    Emit {
        /// The output file.
        file: String,
        /// The parser's message.
        message: String,
    },
    /// Writing or checking the generated tree or the lock file failed.
    #[error(transparent)]
    Write(#[from] crate::write::WriteError),
    /// The error catalog (`schemas/error-catalog.tsv`) could not be read or has malformed rows.
    #[error(transparent)]
    Catalog(#[from] crate::catalog::CatalogError),
}

fn list(errors: &[Error]) -> String {
    errors.iter().map(|e| format!("  {e}")).collect::<Vec<_>>().join("\n")
}

impl Error {
    /// `Ok(())` for no problems, the problem itself for one, and [`Error::Schemas`] for several (nested lists
    /// flattened, so every line is one problem with its position).
    ///
    /// # Errors
    /// When `errors` is not empty.
    pub fn collect(errors: Vec<Error>) -> Result<()> {
        let mut flat = Vec::new();
        for e in errors {
            match e {
                Error::Schemas { errors } => flat.extend(errors),
                other => flat.push(other),
            }
        }
        match flat.len() {
            0 => Ok(()),
            1 => Err(flat.remove(0)),
            _ => Err(Error::Schemas { errors: flat }),
        }
    }

    /// Every problem this error stands for: itself, or each of [`Error::Schemas`].
    pub fn problems(&self) -> Vec<&Error> {
        match self {
            Error::Schemas { errors } => errors.iter().collect(),
            other => vec![other],
        }
    }
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
    fn several_problems_are_listed_one_per_line() {
        let at = |line| Error::Schema { pos: Pos { file: "a.xsd".into(), line, col: 1 }, message: "bad".into() };
        assert!(Error::collect(Vec::new()).is_ok());
        assert_eq!(Error::collect(vec![at(1)]).unwrap_err().to_string(), "a.xsd:1:1: bad");
        let many = Error::collect(vec![at(1), Error::collect(vec![at(2), at(3)]).unwrap_err()]).unwrap_err();
        assert_eq!(
            many.to_string(),
            "3 problems in the schemas:\n  a.xsd:1:1: bad\n  a.xsd:2:1: bad\n  a.xsd:3:1: bad"
        );
        assert_eq!(many.problems().len(), 3);
    }

    #[test]
    fn entry_errors_say_where_paypal_publishes_the_schemas() {
        let err = Error::Entry { path: "nowhere".into(), reason: "no such file or directory".into() };
        assert!(err.to_string().starts_with("nowhere: no such file or directory; PayPal publishes"));
        assert!(err.to_string().contains("https://www.paypal.com/wsdl/"));
    }
}
