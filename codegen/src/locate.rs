//! Where the project keeps things: the schema search, the generated directory and the lock file.
//!
//! The xtask and the drift test share these, so `cargo xtask regen --check` and `cargo test` look at the
//! same schemas and the same tree. Everything is relative to the project root (the workspace directory).

use std::ffi::OsString;
use std::fmt;
use std::path::{Path, PathBuf};

/// The generated directory, relative to the project root.
pub const GENERATED_DIR: &str = "generated/src/generated";

/// The lock file recording the SHA-256 of each schema file, relative to the project root.
pub const LOCK_FILE: &str = "schemas/paypal.sha256";

/// The environment variable that names the schema directory.
pub const SCHEMAS_ENV: &str = "PAYPAL_SCHEMAS_DIR";

/// The file a schema directory must contain.
pub const ENTRY_FILE: &str = "PayPalSvc.wsdl";

/// Where PayPal publishes the schema set, and what it consists of (for error messages and docs).
pub const PUBLISHED_AT: &str = "PayPal publishes PayPalSvc.wsdl, eBLBaseComponents.xsd, CoreComponentTypes.xsd \
     and EnhancedDataTypes.xsd at https://www.paypal.com/wsdl/ (sandbox: https://www.sandbox.paypal.com/wsdl/)";

/// Which rule of the search found the schemas.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// The environment variable [`SCHEMAS_ENV`].
    Env,
    /// `../shared/schemas/paypal` next to the project (the shared workplace layout).
    Workplace,
    /// `schemas/paypal` inside the project (where a user puts a download; git-ignored).
    Project,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Env => SCHEMAS_ENV,
            Self::Workplace => "../shared/schemas/paypal",
            Self::Project => "schemas/paypal",
        })
    }
}

/// A schema directory that holds [`ENTRY_FILE`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The directory.
    pub dir: PathBuf,
    /// The rule that found it.
    pub origin: Origin,
}

/// No schema directory was found.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NotFound {
    /// [`SCHEMAS_ENV`] is set, but its directory has no [`ENTRY_FILE`]. An explicit setting is never passed
    /// over in favour of a default, so a typo cannot silently generate from other files.
    #[error("{env} is set to {}, which has no {entry}; {published}", .0.display(), env = SCHEMAS_ENV, entry = ENTRY_FILE, published = PUBLISHED_AT)]
    EnvDir(PathBuf),
    /// None of the default places holds [`ENTRY_FILE`].
    #[error(
        "no PayPal schemas found: none of these holds {entry}:\n{}\n{published}; download them into one \
         directory and pass it with `--schemas DIR`, set {env}=DIR, or put them in schemas/paypal/",
        list(.0),
        env = SCHEMAS_ENV,
        entry = ENTRY_FILE,
        published = PUBLISHED_AT
    )]
    Searched(Vec<PathBuf>),
}

fn list(paths: &[PathBuf]) -> String {
    paths.iter().map(|p| format!("  - {}", p.display())).collect::<Vec<_>>().join("\n")
}

/// Finds the schema directory for the project at `root`, reading [`SCHEMAS_ENV`] from the environment.
///
/// The search: the directory named by [`SCHEMAS_ENV`] if it is set (and then only it); otherwise
/// `<root>/../shared/schemas/paypal`, then `<root>/schemas/paypal`. The first that contains
/// [`ENTRY_FILE`] wins.
///
/// # Errors
/// [`NotFound`], listing the places searched and where PayPal publishes the files.
pub fn schemas_dir(root: &Path) -> Result<Found, NotFound> {
    schemas_dir_with(root, std::env::var_os(SCHEMAS_ENV))
}

/// [`schemas_dir`] with the environment variable's value passed in (`None` when unset), for tests.
///
/// # Errors
/// As [`schemas_dir`].
pub fn schemas_dir_with(root: &Path, env: Option<OsString>) -> Result<Found, NotFound> {
    if let Some(dir) = env.filter(|v| !v.is_empty()).map(PathBuf::from) {
        return if dir.join(ENTRY_FILE).is_file() {
            Ok(Found { dir, origin: Origin::Env })
        } else {
            Err(NotFound::EnvDir(dir))
        };
    }
    let mut candidates = Vec::new();
    if let Some(parent) = root.parent() {
        candidates.push((parent.join("shared").join("schemas").join("paypal"), Origin::Workplace));
    }
    candidates.push((root.join("schemas").join("paypal"), Origin::Project));
    for (dir, origin) in &candidates {
        if dir.join(ENTRY_FILE).is_file() {
            return Ok(Found { dir: dir.clone(), origin: *origin });
        }
    }
    Err(NotFound::Searched(candidates.into_iter().map(|(dir, _)| dir).collect()))
}

/// The environment variable that names the directory of PayPal's earlier schema sets (one folder per version).
pub const HISTORY_ENV: &str = "PAYPAL_SCHEMA_HISTORY_DIR";

/// The environment variable that names the second published copy of 204.0 (`../shared/schemas/paypal-alt`).
pub const ALT_SCHEMAS_ENV: &str = "PAYPAL_ALT_SCHEMAS_DIR";

/// Finds the directory of PayPal's earlier schema sets: [`HISTORY_ENV`] when it is set (and then only it),
/// otherwise `<root>/../shared/schemas/history`. There is no further fallback and nothing is skipped: the
/// history document and the history compile check are only meaningful over every set.
///
/// # Errors
/// A message naming the directory looked at and the variable that picks another.
pub fn history_dir(root: &Path) -> Result<PathBuf, String> {
    history_dir_with(root, std::env::var_os(HISTORY_ENV))
}

/// [`history_dir`] with the environment variable's value passed in (`None` when unset), for tests.
///
/// # Errors
/// As [`history_dir`].
pub fn history_dir_with(root: &Path, env: Option<OsString>) -> Result<PathBuf, String> {
    let (dir, how) = match env.filter(|v| !v.is_empty()) {
        Some(dir) => (PathBuf::from(dir), format!("{HISTORY_ENV} is set to")),
        None => (
            root.parent().unwrap_or(root).join("shared").join("schemas").join("history"),
            format!("{HISTORY_ENV} is not set, and the default"),
        ),
    };
    if dir.is_dir() {
        Ok(dir)
    } else {
        Err(format!(
            "{how} {}, which is not a directory; it must hold PayPal's earlier schema sets, one folder per \
             version (2.00 … 121.0), as ../shared/schemas/history does; set {HISTORY_ENV}=DIR",
            dir.display()
        ))
    }
}

/// Finds the second published copy of 204.0: [`ALT_SCHEMAS_ENV`] when it is set, otherwise
/// `<root>/../shared/schemas/paypal-alt`.
///
/// # Errors
/// A message naming the directory looked at when it holds no [`ENTRY_FILE`].
pub fn alt_schemas_dir(root: &Path) -> Result<PathBuf, String> {
    let dir = match std::env::var_os(ALT_SCHEMAS_ENV).filter(|v| !v.is_empty()) {
        Some(dir) => PathBuf::from(dir),
        None => root.parent().unwrap_or(root).join("shared").join("schemas").join("paypal-alt"),
    };
    if dir.join(ENTRY_FILE).is_file() {
        Ok(dir)
    } else {
        Err(format!("{} holds no {ENTRY_FILE}; set {ALT_SCHEMAS_ENV}=DIR to the second copy of 204.0", dir.display()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::write::test_dir;
    use std::fs;

    #[test]
    fn search_order_and_errors() {
        let base = test_dir("locate");
        let root = base.join("main");
        let workplace = base.join("shared/schemas/paypal");
        let project = root.join("schemas/paypal");
        fs::create_dir_all(&workplace).unwrap();
        fs::create_dir_all(&project).unwrap();

        let err = schemas_dir_with(&root, None).unwrap_err();
        let text = err.to_string();
        assert!(text.starts_with("no PayPal schemas found: none of these holds PayPalSvc.wsdl:\n"), "{text}");
        assert!(text.contains(&format!("  - {}\n", workplace.display())), "{text}");
        assert!(text.contains(&format!("  - {}\n", project.display())), "{text}");
        assert!(text.contains("https://www.paypal.com/wsdl/") && text.contains("--schemas DIR"), "{text}");

        fs::write(project.join(ENTRY_FILE), "").unwrap();
        assert_eq!(schemas_dir_with(&root, None).unwrap(), Found { dir: project.clone(), origin: Origin::Project });
        fs::write(workplace.join(ENTRY_FILE), "").unwrap();
        assert_eq!(schemas_dir_with(&root, None).unwrap().origin, Origin::Workplace);
        assert_eq!(schemas_dir_with(&root, Some(OsString::new())).unwrap().origin, Origin::Workplace);

        let env = Some(project.clone().into_os_string());
        assert_eq!(schemas_dir_with(&root, env).unwrap(), Found { dir: project, origin: Origin::Env });
        let empty = base.join("empty");
        let err = schemas_dir_with(&root, Some(empty.clone().into_os_string())).unwrap_err();
        assert_eq!(err, NotFound::EnvDir(empty));
        assert!(err.to_string().starts_with("PAYPAL_SCHEMAS_DIR is set to "), "{err}");
        fs::remove_dir_all(&base).unwrap();
    }

    #[test]
    fn the_history_search_fails_instead_of_skipping() {
        let base = test_dir("locate-history");
        let root = base.join("main");
        let err = history_dir_with(&root, None).unwrap_err();
        assert!(err.starts_with("PAYPAL_SCHEMA_HISTORY_DIR is not set, and the default "), "{err}");
        assert!(err.contains(&base.join("shared/schemas/history").display().to_string()), "{err}");
        fs::create_dir_all(base.join("shared/schemas/history")).unwrap();
        assert_eq!(history_dir_with(&root, None).unwrap(), base.join("shared/schemas/history"));
        let err = history_dir_with(&root, Some(base.join("nowhere").into_os_string())).unwrap_err();
        assert!(err.starts_with("PAYPAL_SCHEMA_HISTORY_DIR is set to "), "{err}");
        fs::remove_dir_all(&base).unwrap();
    }
}
