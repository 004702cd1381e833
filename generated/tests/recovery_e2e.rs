//! Issue 6 end to end: a merchant's DoExpressCheckoutPayment fails at the fake PayPal, over real HTTP on
//! loopback, and the client's error says what to do, from the error catalog: 10486 means sending the buyer
//! straight back to PayPal with the same token, and the error builds that URL.

use paypal_soap::generated::services::ops;
use paypal_soap::generated::types::{
    BasicAmountType, CurrencyCodeType, DoExpressCheckoutPaymentRequestDetailsType, DoExpressCheckoutPaymentRequestType,
    PaymentActionCodeType, PaymentDetailsType, SetExpressCheckoutRequestDetailsType, SetExpressCheckoutRequestType,
};
use paypal_soap::runtime::client::Client;
use paypal_soap::runtime::credentials::Credentials;
use paypal_soap::runtime::recovery::{Environment, RecoveryClass};
use paypal_soap::runtime::server::{ExpressCheckoutFake, FakeServer, Scripted};

fn amount(value: &str) -> BasicAmountType {
    BasicAmountType { value: value.to_owned(), currency_id: Some(CurrencyCodeType::Usd) }
}

async fn setup() -> (FakeServer, Client) {
    let creds = Credentials::signature("api_user", "api_password", "api_signature");
    let server = FakeServer::builder().credentials(creds.clone()).start(ExpressCheckoutFake::default()).await.unwrap();
    let client = server.client_builder(creds).build().unwrap();
    (server, client)
}

async fn token(client: &Client) -> String {
    let set = SetExpressCheckoutRequestType {
        set_express_checkout_request_details: Some(SetExpressCheckoutRequestDetailsType {
            return_url: Some("https://shop.example/return".to_owned()),
            cancel_url: Some("https://shop.example/cancel".to_owned()),
            payment_details: vec![PaymentDetailsType { order_total: Some(amount("19.95")), ..Default::default() }],
            ..Default::default()
        }),
        ..Default::default()
    };
    client.set_express_checkout(set).await.unwrap().token.clone().unwrap()
}

fn pay(token: &str) -> DoExpressCheckoutPaymentRequestType {
    DoExpressCheckoutPaymentRequestType {
        do_express_checkout_payment_request_details: Some(DoExpressCheckoutPaymentRequestDetailsType {
            payment_action: Some(PaymentActionCodeType::Sale),
            token: Some(token.to_owned()),
            payer_id: Some("PAYER0000001".to_owned()),
            payment_details: vec![PaymentDetailsType { order_total: Some(amount("19.95")), ..Default::default() }],
            ..Default::default()
        }),
        ..Default::default()
    }
}

#[tokio::test]
async fn a_10486_failure_says_to_redirect_with_the_right_url() {
    let (server, client) = setup().await;
    let token = token(&client).await;
    server.script().once(&ops::DO_EXPRESS_CHECKOUT_PAYMENT, Scripted::error(10486));
    let err = client.do_express_checkout_payment(pay(&token)).await.unwrap_err();
    let failure = err.api_failure().expect("an Ack=Failure answer");
    assert_eq!(failure.recovery(), RecoveryClass::RedirectToPayPal);
    assert_eq!(
        failure.return_to_paypal_url(&token, Environment::Sandbox, false).as_deref(),
        Some(format!("https://www.sandbox.paypal.com/cgi-bin/webscr?cmd=_express-checkout&token={token}").as_str())
    );
    assert_eq!(
        failure.return_to_paypal_url(&token, Environment::Live, true).as_deref(),
        Some(
            format!("https://www.paypal.com/cgi-bin/webscr?cmd=_express-checkout&token={token}&useraction=commit")
                .as_str()
        )
    );
    let text = err.to_string();
    assert!(text.contains("10486") && text.contains("redirect the buyer to PayPal"), "{text}");
    assert!(text.contains("correlation id"), "{text}");
}

#[tokio::test]
async fn each_scripted_failure_gets_its_recovery() {
    let (server, client) = setup().await;
    let token = token(&client).await;
    for (code, expected) in [
        (10422, RecoveryClass::OfferReturnToPayPal),
        (10736, RecoveryClass::FixShippingAddress),
        (10411, RecoveryClass::RestartCheckout),
    ] {
        server.script().once(&ops::DO_EXPRESS_CHECKOUT_PAYMENT, Scripted::error(code));
        let err = client.do_express_checkout_payment(pay(&token)).await.unwrap_err();
        let failure = err.api_failure().expect("an Ack=Failure answer");
        assert_eq!(failure.recovery(), expected, "{code}: {err}");
        let url = failure.return_to_paypal_url(&token, Environment::Sandbox, false);
        assert_eq!(url.is_some(), expected.sends_buyer_to_paypal(), "{code}");
    }
}
