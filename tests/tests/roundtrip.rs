//! Round trips of every generated type through the generated XML writer and reader, and of every global
//! element inside a SOAP envelope, validated by an external oracle: xmllint against PayPal's own schema
//! (`../shared/validate/PayPalEnvelope.xsd`). The tests fail, not skip, when xmllint or the schema is missing
//! (`.ci/run` installs `libxml2-utils`).

use std::fmt::Debug;
use std::path::PathBuf;
use std::process::Command;

use paypal_soap::generated::examples::{for_each_element, for_each_type};
use paypal_soap::runtime::example::{Example, SetText, Visitor};
use paypal_soap::runtime::fuzz::{value_envelope_round_trip, value_round_trip};
use paypal_soap::runtime::validate::{Limited, Validate, Violations};
use paypal_soap::runtime::xml::{XmlRead, XmlWrite};

/// Writes each type's example as an element named after the type, reads it back, and compares.
#[derive(Default)]
struct TypeRoundTrip {
    count: usize,
    failures: Vec<String>,
}

impl TypeRoundTrip {
    fn check<T>(ns: &'static str, name: &'static str) -> Result<(), String>
    where
        T: Example + XmlRead + XmlWrite + Validate + PartialEq + Debug,
    {
        let value = T::example();
        schema_violations(&value).map_err(|v| format!("example does not validate: {v}"))?;
        value_round_trip(&value, ns, name)
    }
}

impl Visitor for TypeRoundTrip {
    fn visit<T>(&mut self, ns: &'static str, name: &'static str)
    where
        T: Example + SetText + Limited + XmlRead + XmlWrite + Validate + PartialEq + Debug,
    {
        self.count += 1;
        if let Err(e) = Self::check::<T>(ns, name) {
            self.failures.push(format!("{{{ns}}}{name}: {e}"));
        }
    }
}

#[test]
fn every_type_round_trips() {
    let mut v = TypeRoundTrip::default();
    for_each_type(&mut v);
    assert!(v.count >= 380, "only {} types visited", v.count);
    assert!(v.failures.is_empty(), "{} of {} types failed:\n{}", v.failures.len(), v.count, v.failures.join("\n"));
}

/// Writes each global element inside a request envelope, decodes it back, and keeps the envelope for xmllint.
struct EnvelopeRoundTrip {
    dir: PathBuf,
    files: Vec<PathBuf>,
    failures: Vec<String>,
}

impl Visitor for EnvelopeRoundTrip {
    fn visit<T>(&mut self, ns: &'static str, name: &'static str)
    where
        T: Example + SetText + Limited + XmlRead + XmlWrite + Validate + PartialEq + Debug,
    {
        let bytes = match value_envelope_round_trip(&T::example(), ns, name) {
            Ok(bytes) => bytes,
            Err(e) => return self.failures.push(format!("{name}: {e}")),
        };
        let file = self.dir.join(format!("{}.xml", self.files.len()));
        std::fs::write(&file, &bytes).unwrap();
        self.files.push(file);
    }
}

#[test]
fn every_element_in_an_envelope_round_trips_and_validates_with_xmllint() {
    let root = paypal_soap_tests::workspace_root();
    let schema = root.join("../shared/validate/PayPalEnvelope.xsd");
    assert!(schema.is_file(), "{} is missing: the schema oracle lives in ../shared/validate", schema.display());
    let dir = std::env::temp_dir().join(format!("paypal-soap-roundtrip-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut v = EnvelopeRoundTrip { dir: dir.clone(), files: Vec::new(), failures: Vec::new() };
    for_each_element(&mut v);
    assert!(v.files.len() >= 114, "only {} elements visited", v.files.len());
    assert!(v.failures.is_empty(), "{}", v.failures.join("\n"));

    // One xmllint run over every envelope: loading PayPal's schema dominates its time.
    let out = Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(&schema)
        .args(&v.files)
        .output()
        .expect("xmllint is required (apt-get install libxml2-utils)");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let invalid: Vec<&str> = stderr.lines().filter(|l| !l.ends_with(" validates")).collect();
    let _ = std::fs::remove_dir_all(&dir);
    assert!(out.status.success() && invalid.is_empty(), "xmllint rejected envelopes:\n{}", invalid.join("\n"));
}

/// The schema's violations of `value`, the facets these tests are about. Example values are schema-shaped
/// (every amount `1.00`, every CVV2 `1`), so PayPal's business rules are left out: they have their own tests in
/// `generated/tests/business_rules.rs`.
fn schema_violations<T: Validate>(value: &T) -> Result<(), Violations> {
    let found: Vec<_> = value.report().into_iter().filter(|v| v.rule_id().is_none()).collect();
    if found.is_empty() { Ok(()) } else { Err(Violations(found)) }
}
