//! `schemas/HISTORY.md`, PayPal's API history: the drift check that `cargo xtask history --check` runs (same
//! code, `codegen::history`), the totals of every step against `codegen::diff` for that pair, and the version
//! detection on the real sets. The schema sets come from `PAYPAL_SCHEMA_HISTORY_DIR` or
//! `../shared/schemas/history`, and from the committed crate's schema directory; without them the tests fail
//! and say what is missing, never skip.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use codegen::history::{self, HISTORY_FILE, Release};
use codegen::locate;
use codegen::model::VersionSource;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("tests/ has a parent").to_path_buf()
}

/// Every release, oldest first, loaded once for all tests.
fn releases() -> &'static [Release] {
    static RELEASES: OnceLock<Vec<Release>> = OnceLock::new();
    RELEASES.get_or_init(|| {
        let root = root();
        let history_dir = locate::history_dir(&root).unwrap_or_else(|e| panic!("{e}"));
        let current = locate::schemas_dir(&root).unwrap_or_else(|e| panic!("{e}")).dir;
        history::load(&history_dir, &current).unwrap_or_else(|e| panic!("cannot load the schema history: {e}"))
    })
}

fn release(label: &str) -> &'static Release {
    releases().iter().find(|r| r.label == label).unwrap_or_else(|| panic!("no release {label}"))
}

#[test]
fn the_history_document_is_up_to_date() {
    if let Some(problem) = history::drift(&root(), &history::render(releases())) {
        panic!("{problem}");
    }
}

#[test]
fn every_steps_totals_are_what_the_schema_diff_reports() {
    let path = root().join(HISTORY_FILE);
    let doc = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let totals = history::totals(&doc);
    let releases = releases();
    assert_eq!(totals.len(), releases.len() - 1, "{HISTORY_FILE} should have one totals line per step: {totals:?}");
    for (pair, (old, new, line)) in releases.windows(2).zip(&totals) {
        assert_eq!((old.as_str(), new.as_str()), (pair[0].label.as_str(), pair[1].label.as_str()));
        let diff = codegen::diff::diff(&pair[0].model, &pair[1].model);
        assert_eq!(*line, diff.summary(), "{HISTORY_FILE}, step {old} → {new}");
    }
}

#[test]
fn a_wsdl_without_ns_version_takes_its_version_from_ns_signature() {
    let service = &release("121.0").model.service;
    assert_eq!(service.version.as_deref(), Some("121.0"));
    assert_eq!(service.version_source, Some(VersionSource::Signature));
    let service = &release("104.0").model.service;
    assert_eq!((service.version.as_deref(), service.version_source), (Some("104.0"), Some(VersionSource::Version)));
    // The re-serialised sets keep PayPal's version although their folder names do not say it.
    assert_eq!(release("65.0-vsnet").model.service.version.as_deref(), Some("65.0"));
    // The step into 121.0 reports a version change, not a version that disappeared.
    let diff = codegen::diff::diff(&release("104.0").model, &release("121.0").model);
    assert_eq!(diff.versions.1, "121.0 (from ns:signature; the WSDL has no ns:version)");
    let version_change = diff.changes.iter().find(|c| c.target == codegen::diff::Target::Service);
    assert!(
        matches!(version_change.map(|c| &c.kind), Some(codegen::diff::ChangeKind::Changed { old, new, .. }) if old == "104.0" && new == "121.0"),
        "{version_change:?}"
    );
}
