//! Every one of the 57 operations, through its generated client method, over real HTTP on 127.0.0.1 to the fake
//! PayPal and back: the request is encoded, decoded by the server (which records it), answered with a typed
//! response, and decoded by the client.

use paypal_soap::generated::SCHEMA_VERSION;
use paypal_soap::generated::services::{OPERATIONS, ops};
use paypal_soap::generated::types::{
    AckCodeType, DoCaptureRequestType, DoExpressCheckoutPaymentResponseType, GetBalanceRequestType,
    SetExpressCheckoutRequestType,
};
use paypal_soap::runtime::client::{Delivery, Effect, ErrorKind};
use paypal_soap::runtime::credentials::Credentials;
use paypal_soap::runtime::server::{DefaultReply, FakeServer, NOT_IMPLEMENTED_CODE, PayPalApi};
use paypal_soap::types::*;

/// Answers nothing itself: every operation gets the server's default reply.
struct Defaults;
impl PayPalApi for Defaults {}

fn creds() -> Credentials {
    Credentials::signature("api_user", "api_password", "api_signature").with_subject("merchant@example.com")
}

/// Calls every listed method with a default request and collects (correlation id, ack) or the error.
macro_rules! call_all {
    ($client:expr; $($method:ident: $request:ident),* $(,)?) => {{
        let mut out = Vec::new();
        $(
            let result = $client.$method($request::default()).await;
            out.push((stringify!($method), result.map(|r| (r.correlation_id().map(str::to_owned), r.ack().cloned()))));
        )*
        out
    }};
}

#[tokio::test]
async fn every_operation_round_trips() {
    let server = FakeServer::builder().default_reply(DefaultReply::MinimalSuccess).start(Defaults).await.unwrap();
    // Default requests miss required fields; this test is about the wire, so validation is off.
    let client = server.client_builder(creds()).validate_requests(false).build().unwrap();
    let results = call_all!(client;
        address_verify: AddressVerifyRequestType,
        bill_agreement_update: BaUpdateRequestType,
        bill_user: BillUserRequestType,
        bm_button_search: BmButtonSearchRequestType,
        bm_create_button: BmCreateButtonRequestType,
        bm_get_button_details: BmGetButtonDetailsRequestType,
        bm_get_inventory: BmGetInventoryRequestType,
        bm_manage_button_status: BmManageButtonStatusRequestType,
        bm_set_inventory: BmSetInventoryRequestType,
        bm_update_button: BmUpdateButtonRequestType,
        cancel_recoup: CancelRecoupRequestType,
        complete_recoup: CompleteRecoupRequestType,
        create_mobile_payment: CreateMobilePaymentRequestType,
        do_mobile_checkout_payment: DoMobileCheckoutPaymentRequestType,
        enter_boarding: EnterBoardingRequestType,
        get_balance: GetBalanceRequestType,
        get_boarding_details: GetBoardingDetailsRequestType,
        get_mobile_status: GetMobileStatusRequestType,
        get_pal_details: GetPalDetailsRequestType,
        get_transaction_details: GetTransactionDetailsRequestType,
        initiate_recoup: InitiateRecoupRequestType,
        mass_pay: MassPayRequestType,
        refund_transaction: RefundTransactionRequestType,
        set_mobile_checkout: SetMobileCheckoutRequestType,
        transaction_search: TransactionSearchRequestType,
        bill_outstanding_amount: BillOutstandingAmountRequestType,
        create_billing_agreement: CreateBillingAgreementRequestType,
        create_recurring_payments_profile: CreateRecurringPaymentsProfileRequestType,
        do_authorization: DoAuthorizationRequestType,
        do_cancel: DoCancelRequestType,
        do_capture: DoCaptureRequestType,
        do_direct_payment: DoDirectPaymentRequestType,
        do_express_checkout_payment: DoExpressCheckoutPaymentRequestType,
        do_non_referenced_credit: DoNonReferencedCreditRequestType,
        do_reauthorization: DoReauthorizationRequestType,
        do_reference_transaction: DoReferenceTransactionRequestType,
        do_uatp_authorization: DoUatpAuthorizationRequestType,
        do_uatp_express_checkout_payment: DoUatpExpressCheckoutPaymentRequestType,
        do_void: DoVoidRequestType,
        execute_checkout_operations: ExecuteCheckoutOperationsRequestType,
        external_remember_me_opt_out: ExternalRememberMeOptOutRequestType,
        get_access_permission_details: GetAccessPermissionDetailsRequestType,
        get_auth_details: GetAuthDetailsRequestType,
        get_billing_agreement_customer_details: GetBillingAgreementCustomerDetailsRequestType,
        get_express_checkout_details: GetExpressCheckoutDetailsRequestType,
        get_incentive_evaluation: GetIncentiveEvaluationRequestType,
        get_recurring_payments_profile_details: GetRecurringPaymentsProfileDetailsRequestType,
        manage_pending_transaction_status: ManagePendingTransactionStatusRequestType,
        manage_recurring_payments_profile_status: ManageRecurringPaymentsProfileStatusRequestType,
        reverse_transaction: ReverseTransactionRequestType,
        set_access_permissions: SetAccessPermissionsRequestType,
        set_auth_flow_param: SetAuthFlowParamRequestType,
        set_customer_billing_agreement: SetCustomerBillingAgreementRequestType,
        set_express_checkout: SetExpressCheckoutRequestType,
        update_access_permissions: UpdateAccessPermissionsRequestType,
        update_authorization: UpdateAuthorizationRequestType,
        update_recurring_payments_profile: UpdateRecurringPaymentsProfileRequestType,
    );
    assert_eq!(results.len(), OPERATIONS.len());
    for (method, result) in &results {
        let (correlation_id, ack) = result.as_ref().unwrap_or_else(|e| panic!("{method}: {e}"));
        assert_eq!(ack.as_ref(), Some(&AckCodeType::Success), "{method}");
        assert_eq!(correlation_id.as_ref().map(String::len), Some(13), "{method}");
    }

    // The server decoded each operation once, in call order, with the header and Version the client sent.
    let calls = server.calls();
    let mut received: Vec<(&str, &str)> = calls.iter().map(|c| (c.port, c.operation)).collect();
    let mut expected: Vec<(&str, &str)> = OPERATIONS.iter().map(|op| (op.port, op.name)).collect();
    received.sort_unstable();
    expected.sort_unstable();
    assert_eq!(received, expected);
    for call in &calls {
        assert_eq!(call.username.as_deref(), Some("api_user"));
        assert!(call.has_signature);
        assert_eq!(call.subject.as_deref(), Some("merchant@example.com"));
        assert_eq!(call.http.content_type.as_deref(), Some("text/xml; charset=utf-8"));
        assert_eq!(call.http.soap_action.as_deref(), Some("\"\""));
        assert_eq!(call.http.path, "/2.0/");
    }
    let set_ec = calls.iter().find(|c| c.operation == "SetExpressCheckout").unwrap();
    let request = set_ec.request::<SetExpressCheckoutRequestType>().unwrap();
    assert_eq!(request.version.as_deref(), Some(SCHEMA_VERSION));
}

#[tokio::test]
async fn ports_and_effects_cover_the_wsdl() {
    let per_port = |port: &str| OPERATIONS.iter().filter(|op| op.port == port).count();
    assert_eq!((per_port("PayPalAPI"), per_port("PayPalAPIAA"), OPERATIONS.len()), (25, 32, 57));
    for name in ["DoExpressCheckoutPayment", "DoDirectPayment", "DoCapture", "RefundTransaction", "MassPay", "DoVoid"] {
        let op = OPERATIONS.iter().find(|op| op.name == name).unwrap();
        assert_eq!(op.effect, Effect::MovesMoney, "{name}");
    }
    for name in ["GetBalance", "GetTransactionDetails", "TransactionSearch", "GetExpressCheckoutDetails"] {
        let op = OPERATIONS.iter().find(|op| op.name == name).unwrap();
        assert_eq!(op.effect, Effect::ReadOnly, "{name}");
    }
    assert_eq!(ops::SET_EXPRESS_CHECKOUT.effect, Effect::Mutating);
    assert_eq!(
        ops::DO_EXPRESS_CHECKOUT_PAYMENT.msg_sub_id,
        Some("do_express_checkout_payment_request_details.msg_sub_id")
    );
    assert_eq!(ops::DO_CAPTURE.msg_sub_id, Some("msg_sub_id"));
}

#[tokio::test]
async fn a_version_set_by_the_caller_is_kept() {
    let server = FakeServer::builder().default_reply(DefaultReply::MinimalSuccess).start(Defaults).await.unwrap();
    let client = server.client_builder(creds()).build().unwrap();
    let request = GetBalanceRequestType { version: Some("124.0".to_owned()), ..Default::default() };
    client.get_balance(request).await.unwrap();
    let calls = server.calls();
    assert_eq!(calls[0].request::<GetBalanceRequestType>().unwrap().version.as_deref(), Some("124.0"));
}

#[tokio::test]
async fn unhandled_operations_fail_loudly_by_default() {
    let server = FakeServer::start(Defaults).await.unwrap();
    let client = server.client_builder(creds()).validate_requests(false).build().unwrap();
    let err = client.do_express_checkout_payment(DoExpressCheckoutPaymentRequestType::default()).await.unwrap_err();
    assert!(err.has_code(NOT_IMPLEMENTED_CODE), "{err}");
    let failure = err.api_failure().unwrap();
    assert_eq!(failure.ack, Some(AckCodeType::Failure));
    // The payload that came with the failure is there, typed.
    let payload = failure.payload::<DoExpressCheckoutPaymentResponseType>().unwrap();
    assert_eq!(payload.correlation_id, failure.correlation_id);
    assert!(failure.payload::<String>().is_none());
}

#[tokio::test]
async fn invalid_requests_are_not_sent() {
    let server = FakeServer::builder().default_reply(DefaultReply::MinimalSuccess).start(Defaults).await.unwrap();
    let client = server.client_builder(creds()).build().unwrap();
    // DoCapture requires AuthorizationID, Amount and CompleteType.
    let err = client.do_capture(DoCaptureRequestType::default()).await.unwrap_err();
    let ErrorKind::Invalid(violations) = err.kind() else { panic!("{err}") };
    assert!(!violations.0.is_empty());
    assert_eq!(err.delivery(), Delivery::NotSent);
    assert!(!err.outcome_unknown());
    assert!(server.calls().is_empty());
    // The same request goes out once validation is off.
    let lenient = server.client_builder(creds()).validate_requests(false).build().unwrap();
    lenient.do_capture(DoCaptureRequestType::default()).await.unwrap();
    assert_eq!(server.calls().len(), 1);
}
