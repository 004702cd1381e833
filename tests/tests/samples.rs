//! Every real PayPal envelope in `../shared/samples` decodes, with assertions on the values PayPal sent. The
//! samples break PayPal's own schema (missing "required" elements, elements out of order, `xsi:type` naming a
//! type that does not exist, whitespace before the XML declaration), so these tests are the proof that the
//! reader is tolerant where real traffic needs it. The samples are read from `../shared`, never copied here.

use paypal_soap::generated::api::{
    DoCaptureResponseType, DoDirectPaymentResponseType, GetExpressCheckoutDetailsResponseType,
    GetTransactionDetailsResponseType, SetExpressCheckoutResponseType,
};
use paypal_soap::generated::ebl::{AckCodeType, CurrencyCodeType, PaymentStatusCodeType, PaymentTransactionCodeType};
use paypal_soap::generated::messages::Message;
use paypal_soap::generated::ns;
use paypal_soap::runtime::recovery::RecoveryClass;
use paypal_soap::runtime::soap::{Body, SoapFault, read_response};
use paypal_soap::runtime::xml::XmlRead;

fn sample(name: &str) -> Vec<u8> {
    let path = paypal_soap_tests::workspace_root().join("../shared/samples").join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e} (the samples live in ../shared/samples)", path.display()))
}

fn decode<T: XmlRead>(file: &str, element: &str) -> T {
    let bytes = sample(file);
    let response = read_response::<T>(&bytes, ns::API, element).unwrap_or_else(|e| panic!("{file}: {e}"));
    assert!(response.report.is_clean(), "{file}: {}", response.report);
    match response.body {
        Body::Response(r) => r,
        Body::Fault(f) => panic!("{file}: unexpected fault {f:?}"),
    }
}

fn fault(file: &str) -> SoapFault {
    match Message::read_envelope(&sample(file)).unwrap_or_else(|e| panic!("{file}: {e}")).body {
        Body::Fault(f) => f,
        Body::Response(m) => panic!("{file}: expected a fault, got {m:?}"),
    }
}

#[test]
fn every_envelope_decodes() {
    let dir = paypal_soap_tests::workspace_root().join("../shared/samples");
    let mut decoded = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if path.extension().is_none_or(|e| e != "xml") || name.contains("_payload_reserialized") {
            // The two .NET re-serialised payloads are not SOAP envelopes.
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        let response = Message::read_envelope(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(response.report.is_clean(), "{name}: {}", response.report);
        decoded += 1;
    }
    assert_eq!(decoded, 17);
}

#[test]
fn two_errors_in_one_failure() {
    let r: SetExpressCheckoutResponseType =
        decode("SetExpressCheckout_response_failure_two_errors.xml", "SetExpressCheckoutResponse");
    assert_eq!(r.ack, Some(AckCodeType::Failure));
    let codes: Vec<String> = r.errors.iter().map(|e| e.code().to_string()).collect();
    assert_eq!(codes, ["10736", "10002"]);
    assert_eq!(r.errors[0].recovery(), Some(RecoveryClass::FixShippingAddress));
    assert!(r.correlation_id.as_deref().is_some_and(|c| !c.is_empty()));
}

#[test]
fn success_with_warning_keeps_its_payload() {
    let r: DoDirectPaymentResponseType =
        decode("DoDirectPayment_response_successwithwarning_11610.xml", "DoDirectPaymentResponse");
    assert_eq!(r.ack, Some(AckCodeType::SuccessWithWarning));
    assert_eq!(r.errors.len(), 1);
    assert_eq!(r.errors[0].code().to_string(), "11610");
    assert!(r.errors[0].is_warning());
    assert_eq!(paypal_soap::errors::recovery(&r.errors).recovery, RecoveryClass::None);
    let amount = r.amount.expect("Amount");
    assert_eq!((amount.value.as_str(), amount.currency_id), ("1500.00", Some(CurrencyCodeType::Usd)));
    assert_eq!(r.transaction_id.as_deref(), Some("5V117995ER6796022"));
}

#[test]
fn a_failure_that_still_carries_its_payload() {
    let r: DoCaptureResponseType = decode("DoCapture_response_failure_11612.xml", "DoCaptureResponse");
    assert_eq!(r.ack, Some(AckCodeType::Failure));
    assert_eq!(r.errors[0].code().to_string(), "11612");
    // An empty <LongMessage/> is an empty string, not an absent one.
    assert_eq!(r.errors[0].long_message.as_deref(), Some(""));
    let info = r.do_capture_response_details.and_then(|d| d.payment_info).expect("the payload PayPal sent");
    // Case matters per type: PaymentStatusCodeType has `None`, PaymentTransactionCodeType has `none`.
    assert_eq!(info.payment_status, Some(PaymentStatusCodeType::from_wire("None")));
    assert!(info.payment_status.as_ref().is_some_and(PaymentStatusCodeType::is_known));
    assert_eq!(info.transaction_type.as_ref().map(PaymentTransactionCodeType::as_str), Some("none"));
    assert!(info.transaction_type.as_ref().is_some_and(PaymentTransactionCodeType::is_known));
}

#[test]
fn a_failure_missing_a_required_element_decodes() {
    let r: DoDirectPaymentResponseType =
        decode("DoDirectPayment_response_failure_10002_auth.xml", "DoDirectPaymentResponse");
    assert_eq!(r.ack, Some(AckCodeType::Failure));
    assert_eq!(r.errors[0].code().to_string(), "10002");
    assert_eq!(r.amount, None, "the schema requires Amount; PayPal omits it on failures");
}

#[test]
fn express_checkout_details_payer_and_address() {
    let r: GetExpressCheckoutDetailsResponseType =
        decode("GetExpressCheckoutDetails_response_success_v62.xml", "GetExpressCheckoutDetailsResponse");
    let details = r.get_express_checkout_details_response_details.expect("details");
    let payer = details.payer_info.expect("PayerInfo");
    assert_eq!(payer.payer.as_deref(), Some("buyer@jadedpallet.com"));
    assert_eq!(payer.payer_id.as_deref(), Some("FWRVKNRRZ3WUC"));
    assert_eq!(payer.payer_name.and_then(|n| n.first_name).as_deref(), Some("Fred"));
    let address = payer.address.expect("Address");
    assert_eq!(address.street1.as_deref(), Some("1 Infinite Loop"));
    assert_eq!(address.city_name.as_deref(), Some("Cupertino"));
    assert_eq!(address.postal_code.as_deref(), Some("95014"));
    // <Street2 xsi:type="xs:string"/>: present and empty.
    assert_eq!(address.street2.as_deref(), Some(""));
}

#[test]
fn transaction_details_amounts() {
    let r: GetTransactionDetailsResponseType =
        decode("GetTransactionDetails_response_success_v59.xml", "GetTransactionDetailsResponse");
    let info = r.payment_transaction_details.and_then(|d| d.payment_info).expect("PaymentInfo");
    assert_eq!(info.transaction_id.as_deref(), Some("1GR40996P1767570Y"));
    let gross = info.gross_amount.expect("GrossAmount");
    assert_eq!((gross.value.as_str(), gross.currency_id), ("12.59", Some(CurrencyCodeType::Usd)));
    assert_eq!(info.fee_amount.map(|a| a.value).as_deref(), Some("0.67"));
    assert_eq!(info.payment_status, Some(PaymentStatusCodeType::Refunded));
}

#[test]
fn soap_faults() {
    let timeout = fault("SOAP_Fault_timeout.xml");
    assert_eq!(timeout.string, "Internal error");
    assert!(timeout.is_server());
    assert_eq!(timeout.detail.as_deref(), Some("Timeout processing request"));

    let axis = fault("SOAP_Fault_adaptive_axis2_with_detail.xml");
    assert_eq!(axis.string, "Authentication failed. API credentials are incorrect.");
    assert!(axis.is_server());
    assert!(axis.detail.as_deref().is_some_and(|d| d.contains("FaultMessage")), "{:?}", axis.detail);
}
