//! Issue 4's acceptance on the real crate: every character limit the limits table found (facets and prose,
//! every phrasing) is enforced by `validate()` at exactly its boundary, with the field's path; nested and
//! repeated structures report paths with indexes; amounts follow PayPal's rules.

use std::fmt::Debug;

use paypal_soap::generated::api::DoExpressCheckoutPaymentRequestType;
use paypal_soap::generated::cc::BasicAmountType;
use paypal_soap::generated::ebl::{
    CurrencyCodeType, DoExpressCheckoutPaymentRequestDetailsType, PaymentDetailsItemType, PaymentDetailsType,
};
use paypal_soap::generated::examples::for_each_type;
use paypal_soap::runtime::example::{Example, SetText, Visitor};
use paypal_soap::runtime::validate::{Limited, Validate, ViolationKind, Violations};
use paypal_soap::runtime::xml::{XmlRead, XmlWrite};

/// The schema's violations of `value`, the facets these tests are about. Example values are schema-shaped
/// (every amount `1.00`, every CVV2 `1`), so PayPal's business rules are left out: they have their own tests in
/// `generated/tests/business_rules.rs`.
fn schema_violations<T: Validate>(value: &T) -> Result<(), Violations> {
    let found: Vec<_> = value.report().into_iter().filter(|v| v.rule_id().is_none()).collect();
    if found.is_empty() { Ok(()) } else { Err(Violations(found)) }
}

/// For every limited field of every type: the example with the field at its limit validates, and one
/// character more gives exactly one violation, at that field, of the right kind.
#[derive(Default)]
struct Boundary {
    fields: usize,
    failures: Vec<String>,
}

impl Visitor for Boundary {
    fn visit<T>(&mut self, _ns: &'static str, name: &'static str)
    where
        T: Example + SetText + Limited + XmlRead + XmlWrite + Validate + PartialEq + Debug,
    {
        for limit in T::LIMITS {
            self.fields += 1;
            let mut at = T::example();
            // Non-ASCII characters: the limit counts characters, not bytes.
            assert!(at.set_text(limit.field, "é".repeat(limit.max_chars as usize)), "{name}.{}", limit.field);
            if let Err(v) = schema_violations(&at) {
                self.failures.push(format!("{name}.{} at its limit {}: {v}", limit.field, limit.max_chars));
            }
            let mut over = T::example();
            over.set_text(limit.field, "é".repeat(limit.max_chars as usize + 1));
            match schema_violations(&over) {
                // A list field holds the value as its only item: `button_var[0]`.
                Err(v)
                    if v.0.len() == 1
                        && (v.0[0].path == limit.field || v.0[0].path == format!("{}[0]", limit.field)) =>
                {
                    match v.0[0].kind {
                        ViolationKind::MaxLength { max, .. } | ViolationKind::Length { expected: max, .. }
                            if max == limit.max_chars => {}
                        ref other => self.failures.push(format!("{name}.{}: wrong violation {other:?}", limit.field)),
                    }
                }
                other => self.failures.push(format!("{name}.{} over its limit: {other:?}", limit.field)),
            }
        }
    }
}

#[test]
fn every_limit_holds_at_its_boundary() {
    let mut b = Boundary::default();
    for_each_type(&mut b);
    // The limits table has 272 rows; 12 of them sit on enumerations or an amount, which membership and the amount
    // rules check instead. Inherited fields are seen again on every type that extends their base.
    assert!(b.fields >= 260, "only {} limited text fields seen", b.fields);
    assert!(b.failures.is_empty(), "{} failures:\n{}", b.failures.len(), b.failures.join("\n"));
}

fn amount(value: &str, currency: CurrencyCodeType) -> Option<BasicAmountType> {
    Some(BasicAmountType { value: value.into(), currency_id: Some(currency) })
}

/// A DoExpressCheckoutPayment request with a too-long item name deep inside lists.
#[test]
fn nested_paths_carry_indexes() {
    let item = |name: &str| PaymentDetailsItemType { name: Some(name.into()), ..Default::default() };
    let details = |items| PaymentDetailsType {
        order_total: amount("10.00", CurrencyCodeType::Usd),
        payment_details_item: items,
        ..Default::default()
    };
    let request = DoExpressCheckoutPaymentRequestType {
        version: Some("204.0".into()),
        do_express_checkout_payment_request_details: Some(DoExpressCheckoutPaymentRequestDetailsType {
            token: Some("EC-1".into()),
            payer_id: Some("PAYER".into()),
            payment_details: vec![
                details(vec![item("ok")]),
                details(vec![item("a"), item("b"), item(&"n".repeat(128))]),
            ],
            ..Default::default()
        }),
        ..Default::default()
    };
    let violations = request.validate().unwrap_err();
    let paths: Vec<String> = violations.0.iter().map(|v| v.to_string()).collect();
    assert!(
        paths.contains(
            &"do_express_checkout_payment_request_details.payment_details[1].payment_details_item[2].name: 128 characters, at most 127"
                .to_string()
        ),
        "{paths:#?}"
    );
}

#[test]
fn required_fields_are_reported_on_requests() {
    let violations = DoExpressCheckoutPaymentRequestType::default().validate().unwrap_err();
    let paths: Vec<String> = violations.0.iter().map(|v| v.to_string()).collect();
    assert!(paths.contains(&"version: required".to_string()), "{paths:#?}");
    assert!(paths.contains(&"do_express_checkout_payment_request_details: required".to_string()), "{paths:#?}");
}

#[test]
fn amounts_follow_paypal_rules() {
    let check = |value: &str, currency| BasicAmountType { value: value.into(), currency_id: Some(currency) }.validate();
    assert!(check("10.00", CurrencyCodeType::Usd).is_ok());
    assert!(check("1,000.00", CurrencyCodeType::Usd).is_ok());
    assert!(check("1000", CurrencyCodeType::Jpy).is_ok());
    for (bad, currency) in [
        ("$10.00", CurrencyCodeType::Usd),
        ("10,00", CurrencyCodeType::Eur),
        ("10.001", CurrencyCodeType::Usd),
        ("1000.5", CurrencyCodeType::Jpy),
        ("", CurrencyCodeType::Usd),
    ] {
        let err = check(bad, currency.clone()).unwrap_err();
        assert!(matches!(err.0[0].kind, ViolationKind::InvalidAmount { .. }), "{bad} {currency}: {err}");
        assert_eq!(err.0[0].path, "value");
    }
    // A missing currencyID is its own violation: PayPal requires the attribute.
    let err = BasicAmountType { value: "1.00".into(), currency_id: None }.validate().unwrap_err();
    assert_eq!(err.to_string(), "1 violation: currency_id: required");
}

#[test]
fn unknown_enumeration_values_are_reported_on_requests() {
    let bad = amount("1.00", CurrencyCodeType::from_wire("XXX")).unwrap();
    let err = bad.validate().unwrap_err();
    assert_eq!(err.to_string(), "1 violation: currency_id: \"XXX\" is not an allowed value");
}

#[test]
fn limits_are_exposed_as_data() {
    let l = PaymentDetailsItemType::limit("name").expect("Name has a documented limit");
    assert_eq!((l.wire, l.max_chars, l.source), ("Name", 127, "doc"));
}
