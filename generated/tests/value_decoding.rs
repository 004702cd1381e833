//! Decoding values never guesses, shown on real generated response types decoded from whole SOAP envelopes:
//! amounts are exact (`1,000.00` is 1000.00; `10,00` is an error, never 10 or 1000), date-times keep their
//! fraction and zone exactly (and refuse a fraction they cannot hold), empty and `xsi:nil` elements are absent
//! (never 0, the epoch, `false` or a default enumeration value; an empty string stays an empty string; text in
//! a nil element is reported, not dropped), and a value that does not parse is a typed error naming its element
//! path.

use paypal_soap::generated::types::{
    AckCodeType, BasicAmountType, CurrencyCodeType, GetExpressCheckoutDetailsResponseType,
    GetTransactionDetailsResponseType, PaymentInfoType, PaymentStatusCodeType,
};
use paypal_soap::runtime::soap::{Body, PAYPAL_API, read_response};
use paypal_soap::runtime::xml::{DecodeError, DecodeErrorKind, DecodeReport, FindingKind, XmlRead};
use paypal_soap::runtime::{DateTime, Decimal};

/// A PayPal response envelope around `body`, with the prefixes PayPal declares.
fn envelope(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:ebl="urn:ebay:apis:eBLBaseComponents" xmlns:cc="urn:ebay:apis:CoreComponentTypes">
<SOAP-ENV:Body>{body}</SOAP-ENV:Body></SOAP-ENV:Envelope>"#
    )
}

/// Decodes the response element `name` holding `content` (elements in the eBL namespace by default).
fn decode<T: XmlRead>(name: &str, content: &str) -> Result<(T, DecodeReport), DecodeError> {
    let xml =
        envelope(&format!(r#"<{name} xmlns="urn:ebay:api:PayPalAPI"><ebl:Ack>Success</ebl:Ack>{content}</{name}>"#));
    let decoded = read_response::<T>(xml.as_bytes(), PAYPAL_API, name)?;
    match decoded.body {
        Body::Response(value) => Ok((value, decoded.report)),
        Body::Fault(fault) => panic!("unexpected fault {fault}"),
    }
}

/// A GetTransactionDetails response whose `PaymentInfo` holds `info`, and what the read skipped.
fn transaction(info: &str) -> Result<(GetTransactionDetailsResponseType, DecodeReport), DecodeError> {
    let content = format!(
        r#"<PaymentTransactionDetails xmlns="urn:ebay:apis:eBLBaseComponents"><PaymentInfo>{info}</PaymentInfo></PaymentTransactionDetails>"#
    );
    decode("GetTransactionDetailsResponse", &content)
}

/// The `PaymentInfo` of a response holding `info`, which must decode without findings.
fn payment_info(info: &str) -> PaymentInfoType {
    let (response, report) = transaction(info).unwrap();
    assert!(report.is_clean(), "{report}");
    response.payment_transaction_details.unwrap().payment_info.unwrap()
}

/// The `Timestamp` of a response whose `Timestamp` element is `element`.
fn timestamp(element: &str) -> Result<Option<DateTime>, DecodeError> {
    let content = element.replace("<Timestamp", "<ebl:Timestamp").replace("</Timestamp", "</ebl:Timestamp");
    decode::<GetTransactionDetailsResponseType>("GetTransactionDetailsResponse", &content).map(|(r, _)| r.timestamp)
}

fn dec(text: &str) -> Decimal {
    text.parse().unwrap()
}

#[test]
fn amounts_are_exact_and_grouping_is_never_guessed() {
    let info = payment_info(
        r#"<GrossAmount currencyID="USD">1,000.00</GrossAmount>
           <FeeAmount currencyID="USD">1,234,567.89</FeeAmount>
           <SettleAmount currencyID="EUR">10,00</SettleAmount>
           <TaxAmount currencyID="EUR">1.000,00</TaxAmount>
           <FinancingFeeAmount currencyID="JPY">1,000</FinancingFeeAmount>
           <FinancingTotalCost currencyID="USD">-5.00</FinancingTotalCost>
           <FinancingMonthlyPayment currencyID="USD"> 12.50 </FinancingMonthlyPayment>"#,
    );
    let amount = |a: &Option<BasicAmountType>| a.as_ref().unwrap().amount();
    // Decoding keeps the text exactly as received, even when it is not a valid amount: nothing is lost.
    assert_eq!(info.settle_amount.as_ref().unwrap().value, "10,00");
    assert_eq!(info.settle_amount.as_ref().unwrap().currency_id, Some(CurrencyCodeType::Eur));

    let gross = amount(&info.gross_amount).unwrap().unwrap();
    assert_eq!((gross.to_string(), gross.scale()), ("1000.00".to_owned(), 2));
    assert_eq!(gross, Decimal::from_minor_units(100_000, 2));
    assert_eq!(amount(&info.fee_amount).unwrap(), Some(dec("1234567.89")));
    assert_eq!(amount(&info.financing_fee_amount).unwrap().unwrap().to_string(), "1000");
    assert_eq!(amount(&info.financing_total_cost).unwrap(), Some(dec("-5.00")));
    assert_eq!(amount(&info.financing_monthly_payment).unwrap().unwrap().to_string(), "12.50");

    // A comma as decimal separator, or periods as grouping: errors, never 10, 1000, 1 or 1.0.
    for (field, text) in [(&info.settle_amount, "10,00"), (&info.tax_amount, "1.000,00")] {
        let err = amount(field).unwrap_err();
        assert_eq!(err.expected, "an amount like 1,000.00", "{text}: {err}");
        assert!(err.to_string().contains("thousands separators must group three digits"), "{text}: {err}");
    }
}

#[test]
fn date_times_keep_their_fraction_and_zone() {
    // 2024-01-02T03:04:05Z is 1 704 164 645 seconds after the epoch.
    const BASE: i64 = 1_704_164_645;
    let cases: [(&str, u32, u8, Option<i16>); 6] = [
        ("2024-01-02T03:04:05Z", 0, 0, Some(0)),
        ("2024-01-02T03:04:05.5Z", 500_000_000, 1, Some(0)),
        ("2024-01-02T03:04:05.123456789-08:00", 123_456_789, 9, Some(-480)),
        ("2024-01-02T03:04:05.000000001+05:30", 1, 9, Some(330)),
        // More digits than nanoseconds hold, all zeros: exact, so accepted.
        ("2024-01-02T03:04:05.1234567890000Z", 123_456_789, 9, Some(0)),
        // No zone: a local or unspecified time, never taken for UTC.
        ("2024-01-02T03:04:05", 0, 0, None),
    ];
    for (text, nanos, digits, offset) in cases {
        let t = timestamp(&format!("<Timestamp>{text}</Timestamp>")).unwrap().unwrap();
        let fields = (t.year(), t.month(), t.day(), t.hour(), t.minute(), t.second());
        assert_eq!(fields, (2024, 1, 2, 3, 4, 5), "{text}");
        assert_eq!((t.nanosecond(), t.fraction_digits()), (nanos, digits), "{text}");
        assert_eq!(t.offset().map(|o| o.minutes()), offset, "{text}");
        let instant = offset.map(|minutes| BASE - i64::from(minutes) * 60);
        assert_eq!(t.to_unix_seconds(), instant, "{text}");
    }
    // Written back as received (the zero-padded fraction aside, whose value is the same).
    let t = timestamp("<Timestamp>2024-01-02T03:04:05.5Z</Timestamp>").unwrap().unwrap();
    assert_eq!(t.to_string(), "2024-01-02T03:04:05.5Z");

    // A fraction finer than a nanosecond would have to be cut: refused, not truncated or rounded.
    let err = timestamp("<Timestamp>2024-01-02T03:04:05.1234567890123Z</Timestamp>").unwrap_err();
    assert_eq!(err.path(), "/Envelope/Body/GetTransactionDetailsResponse/Timestamp");
    let DecodeErrorKind::InvalidValue { text, detail, .. } = err.kind() else { panic!("{err}") };
    assert_eq!(text, "2024-01-02T03:04:05.1234567890123Z");
    assert!(detail.as_deref().is_some_and(|d| d.contains("nanosecond") || d.contains("digits")), "{err}");
}

#[test]
fn empty_and_nil_values_are_absent_never_zero_epoch_or_a_default() {
    let content = r#"<ebl:Timestamp/><ebl:CorrelationID/><ebl:Version xsi:nil="true"/>"#;
    let (response, _) = decode::<GetTransactionDetailsResponseType>("GetTransactionDetailsResponse", content).unwrap();
    assert_eq!(response.timestamp, None);
    // An empty string is a value; a nil one is not.
    assert_eq!((response.correlation_id.as_deref(), response.version.as_deref()), (Some(""), None));

    for ack in ["<ebl:Ack></ebl:Ack>", "<ebl:Ack> \n </ebl:Ack>", r#"<ebl:Ack xsi:nil="true"/>"#] {
        let xml = envelope(&format!(
            r#"<GetTransactionDetailsResponse xmlns="urn:ebay:api:PayPalAPI">{ack}</GetTransactionDetailsResponse>"#
        ));
        let decoded = read_response::<GetTransactionDetailsResponseType>(
            xml.as_bytes(),
            PAYPAL_API,
            "GetTransactionDetailsResponse",
        )
        .unwrap();
        let Body::Response(response) = decoded.body else { panic!() };
        assert_eq!(response.ack, None, "{ack}");
    }

    let info = payment_info(
        r#"<PaymentDate/><ExpectedeCheckClearDate xsi:nil="true"/><PaymentStatus></PaymentStatus>
           <GrossAmount currencyID="USD"/><FeeAmount xsi:nil="true"/>
           <SettleAmount currencyID="USD"></SettleAmount>"#,
    );
    assert_eq!((info.payment_date, info.expectede_check_clear_date), (None, None));
    assert_eq!(info.payment_status, None);
    // An empty amount keeps its currency and has no value; a nil one is absent.
    for amount in [&info.gross_amount, &info.settle_amount] {
        let amount = amount.as_ref().unwrap();
        assert_eq!((amount.value.as_str(), amount.currency_id.as_ref()), ("", Some(&CurrencyCodeType::Usd)));
        assert_eq!(amount.amount(), Ok(None));
    }
    assert_eq!(info.fee_amount, None);

    // Integers and booleans: an explicit 0 is kept, an empty or nil element is absent.
    let items = r#"<PaymentDetailsItem><Quantity/></PaymentDetailsItem>
                   <PaymentDetailsItem><Quantity xsi:nil="true"/></PaymentDetailsItem>
                   <PaymentDetailsItem><Quantity>0</Quantity></PaymentDetailsItem>
                   <PaymentDetailsItem><Quantity> 3 </Quantity></PaymentDetailsItem>"#;
    let details =
        express_details(&format!("<BillingAgreementAcceptedStatus/><PaymentDetails>{items}</PaymentDetails>")).unwrap();
    let quantities: Vec<Option<i64>> =
        details.payment_details[0].payment_details_item.iter().map(|i| i.quantity).collect();
    assert_eq!(quantities, [None, None, Some(0), Some(3)]);
    assert_eq!(details.billing_agreement_accepted_status, None);
}

#[test]
fn text_in_a_nil_element_is_reported_not_dropped() {
    // XSD forbids content in a nil element. `xsi:nil` decides (the value is absent, never half-read), and the
    // text goes to the decode report, so an amount of 10.00 does not vanish unnoticed.
    let (response, report) = transaction(
        r#"<PaymentDate xsi:nil="true">2024-01-02T03:04:05Z</PaymentDate>
           <GrossAmount currencyID="USD" xsi:nil="true">10.00</GrossAmount>
           <FeeAmount currencyID="USD" xsi:nil="true"> </FeeAmount>"#,
    )
    .unwrap();
    let info = response.payment_transaction_details.unwrap().payment_info.unwrap();
    assert_eq!((info.payment_date, info.gross_amount, info.fee_amount), (None, None, None));
    let found: Vec<(FindingKind, &str, &str)> =
        report.findings.iter().map(|f| (f.kind, f.path.rsplit('/').next().unwrap(), f.raw.as_str())).collect();
    // A simple element reports its text; a complex one (an amount) its whole XML, attributes included.
    assert_eq!(
        found,
        [
            (FindingKind::NilWithContent, "PaymentDate", "2024-01-02T03:04:05Z"),
            (
                FindingKind::NilWithContent,
                "GrossAmount",
                r#"<GrossAmount currencyID="USD" xsi:nil="true">10.00</GrossAmount>"#
            ),
            (FindingKind::NilWithContent, "FeeAmount", r#"<FeeAmount currencyID="USD" xsi:nil="true"> </FeeAmount>"#),
        ]
    );
}

/// The `GetExpressCheckoutDetailsResponseDetails` of a response holding `details`.
fn express_details(
    details: &str,
) -> Result<paypal_soap::generated::types::GetExpressCheckoutDetailsResponseDetailsType, DecodeError> {
    let content = format!(
        r#"<GetExpressCheckoutDetailsResponseDetails xmlns="urn:ebay:apis:eBLBaseComponents">{details}</GetExpressCheckoutDetailsResponseDetails>"#
    );
    let (response, report) =
        decode::<GetExpressCheckoutDetailsResponseType>("GetExpressCheckoutDetailsResponse", &content)?;
    assert!(report.is_clean(), "{report}");
    Ok(response.get_express_checkout_details_response_details.unwrap())
}

#[test]
fn values_that_do_not_parse_are_typed_errors_naming_the_path() {
    let invalid = |err: DecodeError| match err.kind() {
        DecodeErrorKind::InvalidValue { expected, text, .. } => (err.path().to_owned(), *expected, text.clone()),
        _ => panic!("{err}"),
    };
    let err = timestamp("<Timestamp>yesterday</Timestamp>").unwrap_err();
    assert_eq!(
        invalid(err),
        (
            "/Envelope/Body/GetTransactionDetailsResponse/Timestamp".to_owned(),
            "a date and time like 2005-02-09T21:51:26Z",
            "yesterday".to_owned()
        )
    );

    let err = transaction("<PaymentDate>2024-02-30T00:00:00Z</PaymentDate>").unwrap_err();
    let (path, _, text) = invalid(err);
    assert_eq!(path, "/Envelope/Body/GetTransactionDetailsResponse/PaymentTransactionDetails/PaymentInfo/PaymentDate");
    assert_eq!(text, "2024-02-30T00:00:00Z");

    let item_path = "/Envelope/Body/GetExpressCheckoutDetailsResponse/GetExpressCheckoutDetailsResponseDetails/\
                     PaymentDetails/PaymentDetailsItem/Quantity";
    for quantity in ["1,000", "1.5", "99999999999999999999", "ten"] {
        let xml = format!(
            "<PaymentDetails><PaymentDetailsItem><Quantity>{quantity}</Quantity></PaymentDetailsItem></PaymentDetails>"
        );
        let (path, _, text) = invalid(express_details(&xml).unwrap_err());
        assert_eq!((path.as_str(), text.as_str()), (item_path, quantity));
    }
    let err = express_details("<BillingAgreementAcceptedStatus>yes</BillingAgreementAcceptedStatus>").unwrap_err();
    assert!(invalid(err).0.ends_with("/BillingAgreementAcceptedStatus"));
}

#[test]
fn unknown_enumeration_values_are_kept_never_mapped_to_a_known_one() {
    let info = payment_info("<PaymentStatus>Frobnicated</PaymentStatus>");
    let status = info.payment_status.unwrap();
    assert!(!status.is_known() && status.as_str() == "Frobnicated", "{status:?}");
    assert_ne!(status, PaymentStatusCodeType::Completed);

    let xml = envelope(
        r#"<GetTransactionDetailsResponse xmlns="urn:ebay:api:PayPalAPI"><ebl:Ack>Sucess</ebl:Ack></GetTransactionDetailsResponse>"#,
    );
    let decoded =
        read_response::<GetTransactionDetailsResponseType>(xml.as_bytes(), PAYPAL_API, "GetTransactionDetailsResponse")
            .unwrap();
    let Body::Response(response) = decoded.body else { panic!() };
    let ack = response.ack.unwrap();
    assert!(!ack.is_known() && ack.as_str() == "Sucess" && ack != AckCodeType::Success, "{ack:?}");
}
