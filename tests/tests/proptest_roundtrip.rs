//! Property-based round trips on a sample of real types: arbitrary text (every character XML 1.0 can carry,
//! markup characters, `]]>`, CR and entities included), enumeration values known or not, and lists of any
//! length survive the generated writer and reader unchanged. `roundtrip.rs` covers every type with one
//! populated value; this covers the value space of a few.

use paypal_soap::generated::cc::BasicAmountType;
use paypal_soap::generated::ebl::{AddressType, CountryCodeType, CurrencyCodeType, ErrorParameterType, ErrorType};
use paypal_soap::generated::ebl::{PaymentDetailsItemType, SeverityCodeType};
use paypal_soap::runtime::xml::{XmlRead, XmlReader, XmlWrite, XmlWriter};
use proptest::prelude::*;

/// Any text XML 1.0 can carry (the writer refuses the rest before sending).
fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just('&'),
            Just('<'),
            Just('>'),
            Just('"'),
            Just('\''),
            Just(']'),
            Just('\r'),
            Just('\n'),
            Just('\t'),
            Just(' '),
            any::<char>().prop_filter("XML 1.0 characters", |c| matches!(*c,
                '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')),
        ],
        0..24,
    )
    .prop_map(|chars| chars.into_iter().collect())
}

/// A value of an `xs:token` field: the reader collapses whitespace as XSD says (ErrorCode is one), so only
/// collapsed text round-trips unchanged.
fn token() -> impl Strategy<Value = String> {
    text().prop_map(|t| t.split([' ', '\t', '\n', '\r']).filter(|p| !p.is_empty()).collect::<Vec<_>>().join(" "))
}

/// An enumeration value: one the schema lists, or one it does not (a token PayPal might add).
fn enum_value<E: std::fmt::Debug + 'static>(
    values: &'static [&'static str],
    from: fn(&str) -> E,
) -> impl Strategy<Value = E> {
    prop_oneof![prop::sample::select(values).prop_map(from), "[A-Za-z][A-Za-z0-9_-]{0,15}".prop_map(move |v| from(&v))]
}

fn round_trip<T: XmlWrite + XmlRead + PartialEq + std::fmt::Debug>(
    value: &T,
    name: &'static str,
) -> Result<(), TestCaseError> {
    let mut w = XmlWriter::new();
    value
        .write_element(&mut w, paypal_soap::generated::ns::EBL, name)
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    let bytes = w.into_bytes();
    let mut r = XmlReader::new(&bytes);
    let root = r.root().map_err(|e| TestCaseError::fail(e.to_string()))?;
    let back = T::read_element(&mut r, &root).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let report = r.finish().map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert!(report.is_clean(), "{report}");
    prop_assert_eq!(&back, value, "{}", String::from_utf8_lossy(&bytes));
    Ok(())
}

fn amount() -> impl Strategy<Value = BasicAmountType> {
    (text(), enum_value(CurrencyCodeType::VALUES, CurrencyCodeType::from_wire))
        .prop_map(|(value, currency)| BasicAmountType { value, currency_id: Some(currency) })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn addresses(name in text(), street1 in text(), street2 in proptest::option::of(text()), city in text(),
                 country in enum_value(CountryCodeType::VALUES, CountryCodeType::from_wire), postal in text()) {
        let address = AddressType {
            name: Some(name), street1: Some(street1), street2, city_name: Some(city), country: Some(country),
            postal_code: Some(postal), ..Default::default()
        };
        round_trip(&address, "Address")?;
    }

    #[test]
    fn items_with_amounts(name in text(), number in proptest::option::of(text()), quantity in proptest::option::of(any::<i64>()),
                          amount in proptest::option::of(amount()), tax in proptest::option::of(amount())) {
        let item = PaymentDetailsItemType { name: Some(name), number, quantity, amount, tax, ..Default::default() };
        round_trip(&item, "PaymentDetailsItem")?;
    }

    #[test]
    fn errors_with_parameters(code in token(), short in text(), long in proptest::option::of(text()),
                              severity in enum_value(SeverityCodeType::VALUES, SeverityCodeType::from_wire),
                              params in prop::collection::vec((proptest::option::of(text()), proptest::option::of(text())), 0..4)) {
        let error = ErrorType {
            error_code: Some(code), short_message: Some(short), long_message: long, severity_code: Some(severity),
            error_parameters: params.into_iter().map(|(param_id, value)| ErrorParameterType { param_id, value }).collect(),
        };
        round_trip(&error, "Errors")?;
    }
}
