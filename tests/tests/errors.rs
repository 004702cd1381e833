//! The loader's diagnostics: a snapshot of the error each invalid fixture (`tests/fixtures/invalid/`) gives,
//! `file:line:col: message`, with paths relative to the fixture directory so snapshots do not depend on the
//! checkout's location; and the errors for a missing or ambiguous entry point.

use std::path::Path;

/// The error `path` fails to load with, with the fixture directory stripped from any path in it.
fn diagnostic(path: &Path) -> String {
    match codegen::load(path) {
        Ok(_) => panic!("{} loaded, but it is an invalid fixture", path.display()),
        Err(e) => {
            let dir = path.parent().map(|d| format!("{}/", d.display())).unwrap_or_default();
            e.to_string().replace(&dir, "")
        }
    }
}

#[test]
fn invalid_schemas() {
    insta::glob!("../fixtures/invalid", "*.{xsd,wsdl}", |path| {
        insta::assert_snapshot!(diagnostic(path));
    });
}

fn fixtures() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

#[test]
fn a_missing_entry_point_says_where_paypal_publishes_the_schemas() {
    let err = diagnostic(&fixtures().join("PayPalSvc.wsdl"));
    assert_eq!(
        err,
        "PayPalSvc.wsdl: no such file or directory; PayPal publishes the schemas at https://www.paypal.com/wsdl/ \
         (sandbox: https://www.sandbox.paypal.com/wsdl/)"
    );
}

#[test]
fn a_directory_entry_must_hold_one_wsdl() {
    let err = codegen::load(&fixtures().join("invalid")).expect_err("the directory holds several .wsdl files");
    let message = err.to_string();
    assert!(message.contains(" .wsdl files (rpc_style.wsdl, soap12.wsdl, "), "{message}");
    assert!(message.contains("name one of them"), "{message}");
}
