//! Every character limit of PayPal's real schemas (`../shared/schemas/paypal`, or `PAYPAL_SCHEMAS_DIR`), as
//! `cargo xtask limits` prints it: the table of limited fields and the report of documentation that yields no
//! limit and of facet/prose disagreements. A schema update shows here what changed.

use std::path::Path;

use codegen::limits::{self, Limits};

fn paypal_limits() -> Limits {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("the tests crate lives in the workspace");
    let found = codegen::locate::schemas_dir(root).unwrap_or_else(|e| panic!("{e}"));
    let model = codegen::load(&found.dir).unwrap_or_else(|e| panic!("{}: {e}", found.dir.display()));
    limits::collect(&model)
}

#[test]
fn paypal_table() {
    insta::assert_snapshot!("table", paypal_limits().table());
}

#[test]
fn paypal_report() {
    let limits = paypal_limits();
    insta::assert_snapshot!("report", limits.report());
    // Every text that mentions characters or a length either yields a limit or says why not.
    let unexplained: Vec<String> = limits
        .unparsed()
        .iter()
        .filter(|u| u.is_unexplained())
        .map(|u| format!("{} {}", u.type_id.name, u.site))
        .collect();
    assert_eq!(unexplained, Vec::<String>::new());
}

#[test]
fn paypal_known_limits() {
    let limits = paypal_limits();
    let id = |ns: &str, name: &str| codegen::model::TypeId {
        ns: ns.into(),
        kind: codegen::model::SymbolKind::Type,
        name: name.into(),
    };
    let max = |ty: &str, field: &str| {
        let declaring = id("urn:ebay:apis:eBLBaseComponents", ty);
        limits.field_limit(&declaring, field).map(|l| (l.max_chars, l.source))
    };
    let api = |ty: &str, field: &str| {
        limits.field_limit(&id("urn:ebay:api:PayPalAPI", ty), field).map(|l| (l.max_chars, l.source))
    };
    use limits::Source::{Doc, Facet};
    // The facet wins over the documented 17 (issue 4's example) and the documented 75.
    assert_eq!(max("PayerInfoType", "PayerID"), Some((127, Facet)));
    assert_eq!(max("BusinessInfoType", "Name"), Some((25, Facet)));
    assert_eq!(max("PaymentDetailsType", "InvoiceID"), Some((127, Doc)));
    // "&lt;18 characters" is at most 17.
    assert_eq!(api("DoCaptureRequestType", "Descriptor"), Some((17, Doc)));
    assert_eq!(max("DoCaptureRequestType", "Descriptor"), None, "DoCaptureRequestType is in the PayPalAPI namespace");
    assert_eq!(max("SetExpressCheckoutRequestDetailsType", "ReturnURL"), None, "documented as no limit");
}
