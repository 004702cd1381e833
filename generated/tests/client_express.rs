//! Express Checkout end to end against the fake PayPal's [`ExpressCheckoutFake`]: the happy path, PayPal's token
//! rules (10411, 10415, 10421), the failures merchants must script (10486, 10422, 10736), and a safe resend with
//! `MsgSubID`.

use paypal_soap::generated::services::ops;
use paypal_soap::generated::types::{
    BasicAmountType, CurrencyCodeType, DoExpressCheckoutPaymentRequestDetailsType, DoExpressCheckoutPaymentRequestType,
    GetExpressCheckoutDetailsRequestType, PaymentActionCodeType, PaymentDetailsType, PaymentStatusCodeType,
    SetExpressCheckoutRequestDetailsType, SetExpressCheckoutRequestType,
};
use paypal_soap::runtime::client::Client;
use paypal_soap::runtime::credentials::Credentials;
use paypal_soap::runtime::server::{ExpressCheckoutFake, FakeServer, Scripted};

fn amount(value: &str) -> BasicAmountType {
    BasicAmountType { value: value.to_owned(), currency_id: Some(CurrencyCodeType::Usd) }
}

async fn setup() -> (FakeServer, Client, ExpressCheckoutFake) {
    let fake = ExpressCheckoutFake::default();
    let creds = Credentials::signature("api_user", "api_password", "api_signature");
    let server = FakeServer::builder().credentials(creds.clone()).start(fake.clone()).await.unwrap();
    let client = server.client_builder(creds).build().unwrap();
    (server, client, fake)
}

/// SetExpressCheckout and GetExpressCheckoutDetails: the token and the buyer's PayerID.
async fn start_checkout(client: &Client) -> (String, String) {
    let set = SetExpressCheckoutRequestType {
        set_express_checkout_request_details: Some(SetExpressCheckoutRequestDetailsType {
            return_url: Some("https://shop.example/return".to_owned()),
            cancel_url: Some("https://shop.example/cancel".to_owned()),
            payment_details: vec![PaymentDetailsType { order_total: Some(amount("19.95")), ..Default::default() }],
            ..Default::default()
        }),
        ..Default::default()
    };
    let token = client.set_express_checkout(set).await.unwrap().token.clone().unwrap();
    let details = client
        .get_express_checkout_details(GetExpressCheckoutDetailsRequestType {
            token: Some(token.clone()),
            ..Default::default()
        })
        .await
        .unwrap();
    let details = details.get_express_checkout_details_response_details.clone().unwrap();
    let payer_id = details.payer_info.unwrap().payer_id.unwrap();
    assert_eq!(details.payment_details[0].order_total, Some(amount("19.95")));
    (token, payer_id)
}

fn pay(token: &str, payer_id: &str, msg_sub_id: Option<&str>) -> DoExpressCheckoutPaymentRequestType {
    DoExpressCheckoutPaymentRequestType {
        do_express_checkout_payment_request_details: Some(DoExpressCheckoutPaymentRequestDetailsType {
            payment_action: Some(PaymentActionCodeType::Sale),
            token: Some(token.to_owned()),
            payer_id: Some(payer_id.to_owned()),
            msg_sub_id: msg_sub_id.map(str::to_owned),
            payment_details: vec![PaymentDetailsType { order_total: Some(amount("19.95")), ..Default::default() }],
            ..Default::default()
        }),
        ..Default::default()
    }
}

#[tokio::test]
async fn checkout_pays_once_per_token() {
    let (_server, client, fake) = setup().await;
    let (token, payer_id) = start_checkout(&client).await;
    assert!(token.starts_with("EC-") && token.len() == 20, "{token}");

    let paid = client.do_express_checkout_payment(pay(&token, &payer_id, None)).await.unwrap();
    let info = &paid.do_express_checkout_payment_response_details.as_ref().unwrap().payment_info[0];
    assert_eq!(info.payment_status, Some(PaymentStatusCodeType::Completed));
    assert_eq!(info.gross_amount, Some(amount("19.95")));
    assert_eq!(info.transaction_id, fake.transaction_id(&token));

    let again = client.do_express_checkout_payment(pay(&token, &payer_id, None)).await.unwrap_err();
    assert!(again.has_code("10415"), "{again}");
    assert_eq!(fake.payments(), 1);
}

#[tokio::test]
async fn token_rules() {
    let (_server, client, fake) = setup().await;
    let (token, payer_id) = start_checkout(&client).await;
    let other_buyer = client.do_express_checkout_payment(pay(&token, "SOMEONEELSE01", None)).await.unwrap_err();
    assert!(other_buyer.has_code("10421"), "{other_buyer}");
    fake.expire(&token);
    let expired = client.do_express_checkout_payment(pay(&token, &payer_id, None)).await.unwrap_err();
    assert!(expired.has_code("10411"), "{expired}");
    assert_eq!(fake.payments(), 0);
}

#[tokio::test]
async fn scripted_funding_and_address_failures() {
    let (server, client, fake) = setup().await;
    let (token, payer_id) = start_checkout(&client).await;
    for code in [10486, 10422, 10736] {
        server.script().once(&ops::DO_EXPRESS_CHECKOUT_PAYMENT, Scripted::error(code));
        let err = client.do_express_checkout_payment(pay(&token, &payer_id, None)).await.unwrap_err();
        assert!(err.has_code(&code.to_string()), "{err}");
        assert!(!err.outcome_unknown(), "PayPal's answer is definitive: {err}");
    }
    // The buyer chose another funding source; the same token still pays.
    client.do_express_checkout_payment(pay(&token, &payer_id, None)).await.unwrap();
    assert_eq!(fake.payments(), 1);
}

#[tokio::test]
async fn a_resend_with_the_same_msg_sub_id_does_not_pay_twice() {
    let (_server, client, fake) = setup().await;
    let (token, payer_id) = start_checkout(&client).await;
    let first = client.do_express_checkout_payment(pay(&token, &payer_id, Some("order-1042-pay"))).await.unwrap();
    // Suppose that answer was lost (a timeout with the outcome unknown): the same request with the same
    // MsgSubID gets the first result back, and no second payment happens.
    let resent = client.do_express_checkout_payment(pay(&token, &payer_id, Some("order-1042-pay"))).await.unwrap();
    let id = |r: &paypal_soap::generated::types::DoExpressCheckoutPaymentResponseType| {
        r.do_express_checkout_payment_response_details.as_ref().unwrap().payment_info[0].transaction_id.clone()
    };
    assert_eq!(id(&first), id(&resent));
    assert_eq!(fake.payments(), 1);
}
