//! Safe resends with `MsgSubID`: after a connection cut once PayPal has acted, the opt-in policy resends the
//! same bytes and ends in the original result; without the policy or without a `MsgSubID`, nothing is resent.

use std::time::Duration;

use paypal_soap::operations::ops;
use paypal_soap::testing::{ExpressCheckoutFake, FakeServer, Scripted};
use paypal_soap::types::{
    BasicAmountType, CurrencyCodeType, DoExpressCheckoutPaymentRequestDetailsType, DoExpressCheckoutPaymentRequestType,
    GetExpressCheckoutDetailsRequestType, PaymentActionCodeType, PaymentDetailsType, PaymentStatusCodeType,
    SetExpressCheckoutRequestDetailsType, SetExpressCheckoutRequestType,
};
use paypal_soap::{Client, ExpressCheckoutToken, PayerId, RetryPolicy, TransactionId};

use super::platform;

fn total() -> BasicAmountType {
    BasicAmountType { value: "42.00".to_owned(), currency_id: Some(CurrencyCodeType::Usd) }
}

/// SetExpressCheckout and GetExpressCheckoutDetails: the token and the approving buyer.
async fn approved_checkout(client: &Client) -> Result<(ExpressCheckoutToken, PayerId), Box<dyn std::error::Error>> {
    let set = client
        .set_express_checkout(SetExpressCheckoutRequestType {
            set_express_checkout_request_details: Some(SetExpressCheckoutRequestDetailsType {
                return_url: Some("https://shop.example/return".to_owned()),
                cancel_url: Some("https://shop.example/cancel".to_owned()),
                payment_details: vec![PaymentDetailsType {
                    order_total: Some(total()),
                    payment_action: Some(PaymentActionCodeType::Sale),
                    ..Default::default()
                }],
                ..Default::default()
            }),
            ..Default::default()
        })
        .await?;
    let token = set.express_checkout_token().ok_or("no token")?;
    let details = client
        .get_express_checkout_details(GetExpressCheckoutDetailsRequestType {
            token: Some(token.as_str().to_owned()),
            ..Default::default()
        })
        .await?;
    assert_eq!(details.express_checkout_token().as_ref(), Some(&token));
    assert_eq!(details.payer_email(), Some(ExpressCheckoutFake::BUYER_EMAIL));
    Ok((token, details.payer_id().ok_or("no payer")?))
}

fn payment(
    token: &ExpressCheckoutToken,
    payer: &PayerId,
    msg_sub_id: Option<&str>,
) -> DoExpressCheckoutPaymentRequestType {
    DoExpressCheckoutPaymentRequestType {
        do_express_checkout_payment_request_details: Some(DoExpressCheckoutPaymentRequestDetailsType {
            payment_action: Some(PaymentActionCodeType::Sale),
            token: Some(token.as_str().to_owned()),
            payer_id: Some(payer.as_str().to_owned()),
            msg_sub_id: msg_sub_id.map(str::to_owned),
            payment_details: vec![PaymentDetailsType { order_total: Some(total()), ..Default::default() }],
            ..Default::default()
        }),
        ..Default::default()
    }
}

fn resending() -> RetryPolicy {
    RetryPolicy::attempts(3).resend_with_msg_sub_id().with_backoff(Duration::from_millis(10), Duration::from_millis(10))
}

/// The bodies of every DoExpressCheckoutPayment the fake received.
fn payment_bodies(server: &FakeServer) -> Vec<Vec<u8>> {
    server.calls().iter().filter(|c| c.operation == "DoExpressCheckoutPayment").map(|c| c.body().to_vec()).collect()
}

#[tokio::test]
async fn a_lost_answer_is_resent_byte_for_byte_and_ends_in_the_original_result()
-> Result<(), Box<dyn std::error::Error>> {
    let fake = ExpressCheckoutFake::default();
    let server = FakeServer::start(fake.clone()).await?;
    let client = server.client_builder(platform()).retry(resending()).build()?;
    let (token, payer) = approved_checkout(&client).await?;

    // PayPal takes the payment, then the connection drops before the answer arrives.
    server.script().once(&ops::DO_EXPRESS_CHECKOUT_PAYMENT, Scripted::LoseAnswer);
    let paid = client.do_express_checkout_payment(payment(&token, &payer, Some("order-1001-pay"))).await?;

    let bodies = payment_bodies(&server);
    assert_eq!(bodies.len(), 2, "one send and one resend");
    assert_eq!(bodies[0], bodies[1], "the resend is byte-identical");
    assert!(paid.is_duplicate_request(), "PayPal's 11607 answer: {:?}", paid.warnings());
    let id: TransactionId = paid.transaction_id().ok_or("no transaction id")?;
    assert_eq!(Some(id.as_str().to_owned()), fake.transaction_id(token.as_str()), "the original payment");
    assert_eq!(fake.payments(), 1, "paid once");
    assert_eq!(paid.payment_status(), Some(&PaymentStatusCodeType::Completed));
    assert_eq!(paid.amount().map(|a| a.value.as_str()), Some("42.00"));
    assert_eq!(paid.express_checkout_token().as_ref(), Some(&token));
    Ok(())
}

#[tokio::test]
async fn without_the_policy_the_outcome_is_unknown_and_a_manual_resend_finds_it()
-> Result<(), Box<dyn std::error::Error>> {
    let fake = ExpressCheckoutFake::default();
    let server = FakeServer::start(fake.clone()).await?;
    let client = server.client_builder(platform()).retry(RetryPolicy::attempts(3)).build()?;
    let (token, payer) = approved_checkout(&client).await?;
    server.script().once(&ops::DO_EXPRESS_CHECKOUT_PAYMENT, Scripted::LoseAnswer);
    let request = payment(&token, &payer, Some("order-1002-pay"));
    let err = client.do_express_checkout_payment(request.clone()).await.unwrap_err();
    assert!(err.outcome_unknown() && err.attempts() == 1, "{err}");
    assert_eq!(fake.payments(), 1, "PayPal acted although the answer was lost");

    let again = client.do_express_checkout_payment(request).await?;
    assert!(again.is_duplicate_request());
    assert_eq!(again.transaction_id().map(String::from), fake.transaction_id(token.as_str()));
    assert_eq!(fake.payments(), 1);
    Ok(())
}

#[tokio::test]
async fn without_a_msg_sub_id_nothing_is_resent() -> Result<(), Box<dyn std::error::Error>> {
    let fake = ExpressCheckoutFake::default();
    let server = FakeServer::start(fake.clone()).await?;
    let client = server.client_builder(platform()).retry(resending()).build()?;
    let (token, payer) = approved_checkout(&client).await?;
    server.script().once(&ops::DO_EXPRESS_CHECKOUT_PAYMENT, Scripted::LoseAnswer);
    let err = client.do_express_checkout_payment(payment(&token, &payer, None)).await.unwrap_err();
    assert!(err.outcome_unknown() && err.attempts() == 1, "{err}");
    assert_eq!(payment_bodies(&server).len(), 1);
    Ok(())
}

#[tokio::test]
async fn a_request_cut_before_paypal_acted_is_carried_out_by_the_resend() -> Result<(), Box<dyn std::error::Error>> {
    let fake = ExpressCheckoutFake::default();
    let server = FakeServer::start(fake.clone()).await?;
    let client = server.client_builder(platform()).retry(resending()).build()?;
    let (token, payer) = approved_checkout(&client).await?;
    server.script().once(&ops::DO_EXPRESS_CHECKOUT_PAYMENT, Scripted::Cut);
    let paid = client.do_express_checkout_payment(payment(&token, &payer, Some("order-1003-pay"))).await?;
    assert!(!paid.is_duplicate_request(), "the first request never reached PayPal's processing");
    assert_eq!(paid.transaction_id().map(String::from), fake.transaction_id(token.as_str()));
    assert_eq!(fake.payments(), 1);
    let bodies = payment_bodies(&server);
    assert_eq!(bodies.len(), 2);
    assert_eq!(bodies[0], bodies[1]);
    Ok(())
}

#[tokio::test]
async fn a_resend_while_paypal_still_works_waits_for_the_first_result() -> Result<(), Box<dyn std::error::Error>> {
    let fake = ExpressCheckoutFake::default();
    let server = FakeServer::start(fake.clone()).await?;
    let client = server
        .client_builder(platform())
        .timeout(Duration::from_millis(300))
        .retry(
            RetryPolicy::attempts(10)
                .resend_with_msg_sub_id()
                .with_backoff(Duration::from_millis(200), Duration::from_millis(200)),
        )
        .build()?;
    let (token, payer) = approved_checkout(&client).await?;
    // PayPal takes a second to pay: the first attempt times out after 300 ms, the resend 100-200 ms later finds
    // the payment in progress (11604) and is sent again until the first result is there (11607).
    server.script().once(&ops::DO_EXPRESS_CHECKOUT_PAYMENT, Scripted::delay(Duration::from_secs(1)));
    let paid = client.do_express_checkout_payment(payment(&token, &payer, Some("order-1004-pay"))).await?;
    assert!(paid.is_duplicate_request(), "{:?}", paid.warnings());
    assert_eq!(paid.transaction_id().map(String::from), fake.transaction_id(token.as_str()));
    assert_eq!(fake.payments(), 1);
    let bodies = payment_bodies(&server);
    assert!(bodies.len() >= 3, "a timeout, at least one 11604, then the result: {} sends", bodies.len());
    assert!(bodies.iter().all(|b| *b == bodies[0]), "every resend is byte-identical");
    Ok(())
}
