//! `codegen::diff`: snapshot reports for the fixture pairs under `tests/fixtures/diff/<case>/{old,new}` (one
//! kind of change each) and for PayPal's two published copies of version 204.0 (`../shared/schemas/paypal-alt`
//! and `../shared/schemas/paypal`, or `PAYPAL_ALT_SCHEMAS_DIR` and `PAYPAL_SCHEMAS_DIR`), in both directions.

use std::path::{Path, PathBuf};

use codegen::Model;
use codegen::diff::{Aspect, ChangeKind, Diff, Impact, Options, Part, Target, diff};
use codegen::model::{QName, SymbolKind, TypeId};

/// Every fixture pair; `every_fixture_case_has_a_test` keeps this list and the directory in step.
const CASES: &[&str] =
    &["attributes", "docs", "elements", "enums", "facets", "fields", "inheritance", "operations", "types", "unchanged"];

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/diff")
}

/// The loader's entry point for one side of a case: the directory when it holds a `.wsdl`, else its single
/// `schema.xsd` (a directory entry point must hold a `.wsdl`).
fn entry(dir: &Path) -> PathBuf {
    let has_wsdl = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(Result::ok)
        .any(|e| e.path().extension().is_some_and(|x| x == "wsdl"));
    if has_wsdl { dir.to_path_buf() } else { dir.join("schema.xsd") }
}

fn load(path: &Path) -> Model {
    codegen::load(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn case(name: &str) -> Diff {
    let dir = fixtures().join(name);
    diff(&load(&entry(&dir.join("old"))), &load(&entry(&dir.join("new"))))
}

fn labels(old: &str, new: &str, docs: bool) -> Options {
    Options { old_label: old.to_string(), new_label: new.to_string(), docs }
}

/// Snapshots the full text report (documentation listed) of fixture case `name` as `diff__<name>.snap`.
#[track_caller]
fn check_case(name: &str) -> Diff {
    let d = case(name);
    let text = d.to_text(&labels(&format!("{name}/old"), &format!("{name}/new"), true));
    insta::assert_snapshot!(name, text);
    d
}

fn impacts(d: &Diff) -> (usize, usize, usize) {
    (d.breaking(), d.compatible(), d.docs())
}

#[test]
fn every_fixture_case_has_a_test() {
    let mut found: Vec<String> = std::fs::read_dir(fixtures())
        .expect("tests/fixtures/diff exists")
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    found.sort();
    assert_eq!(found, CASES);
}

#[test]
fn fields() {
    let d = check_case("fields");
    assert_eq!(impacts(&d), (9, 5, 0));
}

#[test]
fn attributes() {
    let d = check_case("attributes");
    assert_eq!(impacts(&d), (4, 2, 0));
}

#[test]
fn enums() {
    let d = check_case("enums");
    assert_eq!(impacts(&d), (2, 2, 0));
}

#[test]
fn facets() {
    let d = check_case("facets");
    assert_eq!(impacts(&d), (6, 5, 0));
}

#[test]
fn types() {
    let d = check_case("types");
    assert!(d.changes.iter().any(|c| matches!(c.kind, ChangeKind::Changed { aspect: Aspect::Extends, .. })));
}

#[test]
fn inheritance() {
    let d = check_case("inheritance");
    let base = TypeId { ns: "urn:test:diff".into(), kind: SymbolKind::Type, name: "AbstractRequestType".into() };
    assert!(d.changes.iter().all(|c| c.target == Target::Type(base.clone())), "{d}");
    assert_eq!(d.inherited_by[&base].len(), 2);
}

#[test]
fn elements() {
    let d = check_case("elements");
    assert_eq!(impacts(&d), (3, 1, 0));
}

#[test]
fn operations() {
    let d = check_case("operations");
    // The same required field is breaking on the request type and compatible on the response-only one.
    let added = |ty: &str, field: &str| {
        let target = Target::Type(TypeId { ns: "urn:test:diff".into(), kind: SymbolKind::Type, name: ty.into() });
        let part = Part::Field { ns: "urn:test:diff".into(), name: field.into(), nth: 1 };
        d.changes.iter().find(|c| c.target == target && c.part == part).map(|c| c.impact)
    };
    assert_eq!(added("GetThingRequestType", "Locale"), Some(Impact::Breaking));
    assert_eq!(added("GetThingResponseType", "Status"), Some(Impact::Compatible));
    // File hashes change with every edit of a fixture's comments; the PayPal JSON snapshot covers them.
    let mut d = d;
    d.sources.clear();
    insta::assert_snapshot!("operations_json", d.to_json(&labels("operations/old", "operations/new", false)));
}

#[test]
fn docs() {
    let d = check_case("docs");
    assert_eq!(impacts(&d), (0, 0, 6));
}

#[test]
fn unchanged() {
    let d = check_case("unchanged");
    assert!(d.is_empty(), "{d}");
    assert_eq!(d.summary(), "API changes: none");
}

/// A directory of PayPal schemas: the environment variable `var` if set, else `../shared/schemas/<name>`
/// relative to the workspace root.
fn schemas_dir(var: &str, name: &str) -> PathBuf {
    if let Some(dir) = std::env::var_os(var) {
        return PathBuf::from(dir);
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("the tests crate lives in the workspace");
    root.join("../shared/schemas").join(name)
}

fn paypal() -> (Model, Model) {
    let alt = schemas_dir("PAYPAL_ALT_SCHEMAS_DIR", "paypal-alt");
    let canonical = schemas_dir("PAYPAL_SCHEMAS_DIR", "paypal");
    (load(&alt), load(&canonical))
}

#[test]
fn paypal_alt_to_paypal_adds_airline_itinerary_and_documentation_only() {
    let (alt, canonical) = paypal();
    let d = diff(&alt, &canonical);
    let api: Vec<_> = d.changes.iter().filter(|c| !c.is_doc()).collect();
    assert_eq!(api.len(), 1, "{d}");
    let ed = "urn:ebay:apis:EnhancedDataTypes";
    let ebl = "urn:ebay:apis:eBLBaseComponents";
    let target = Target::Type(TypeId { ns: ed.into(), kind: SymbolKind::Type, name: "EnhancedPaymentDataType".into() });
    assert_eq!(api[0].target, target);
    assert_eq!(api[0].part, Part::Field { ns: ebl.into(), name: "AirlineItinerary".into(), nth: 1 });
    assert!(matches!(api[0].kind, ChangeKind::Added { .. }));
    assert_eq!(api[0].impact, Impact::Compatible);
    assert_eq!(impacts(&d), (0, 1, 3));
    assert!(!d.sources.is_empty(), "the files differ even where the models do not");

    insta::assert_snapshot!("paypal_alt_to_paypal", d.to_text(&labels("paypal-alt", "paypal", false)));
    insta::assert_snapshot!("paypal_alt_to_paypal_docs", d.to_text(&labels("paypal-alt", "paypal", true)));
    insta::assert_snapshot!("paypal_alt_to_paypal_json", d.to_json(&labels("paypal-alt", "paypal", false)));
}

#[test]
fn paypal_to_paypal_alt_removes_airline_itinerary_as_breaking() {
    let (alt, canonical) = paypal();
    let d = diff(&canonical, &alt);
    assert_eq!(impacts(&d), (1, 0, 3), "{d}");
    let removed = d.changes.iter().find(|c| !c.is_doc()).expect("one API change");
    assert!(matches!(removed.kind, ChangeKind::Removed { .. }));
    insta::assert_snapshot!("paypal_to_paypal_alt", d.to_text(&labels("paypal", "paypal-alt", false)));
}

#[test]
fn a_model_compared_with_itself_has_no_changes() {
    let (_, canonical) = paypal();
    let d = diff(&canonical, &canonical);
    assert!(d.is_empty() && d.sources.is_empty(), "{d}");
    assert!(canonical.elements.contains_key(&QName::new("urn:ebay:apis:eBLBaseComponents", "AirlineItinerary")));
}
