//! Authorize now, capture at shipping: DoDirectPayment with `PaymentAction` Authorization holds the amount on
//! the card, and DoCapture takes it (here in two parts, the second one completing the authorization).
//!
//! ```text
//! cargo run -p paypal-soap --example authorize_capture
//! ```
//!
//! Runs against the fake PayPal started in this process.

use paypal_soap::Credentials;
use paypal_soap::testing::{FakeServer, PaymentsFake};
use paypal_soap::types::*;

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let server = FakeServer::start(PaymentsFake::default()).await?;
    let client = server.client_builder(Credentials::signature("api_user", "api_password", "api_signature")).build()?;
    let usd = |cents| BasicAmountType::from_minor(CurrencyCodeType::Usd, cents);

    // 1. Authorize 50.00 USD.
    let card = CreditCardDetailsType::default().credit_card_type(CreditCardTypeType::Amex).cvv2("1234");
    let card = card.credit_card_number("378282246310005").exp_month(6).exp_year(2031);
    let authorization = DoDirectPaymentRequestDetailsType::default()
        .payment_action(PaymentActionCodeType::Authorization)
        .ip_address("203.0.113.7")
        .credit_card(card)
        .payment_details(PaymentDetailsType::default().order_total(usd(5000)));
    let response = client.do_direct_payment(authorization).await?;
    let authorization_id = response.transaction_id().ok_or("no authorization ID")?;
    println!("1. authorized 50.00 USD: {authorization_id} ({:?})", response.payment_status());

    // 2. Capture 30.00 USD when the first parcel ships, and the last 20.00 USD with the second.
    for (cents, complete) in [(3000, CompleteCodeType::NotComplete), (2000, CompleteCodeType::Complete)] {
        let capture = DoCaptureRequestType::default()
            .authorization_id(authorization_id.clone())
            .amount(usd(cents))
            .complete_type(complete.clone());
        let response = client.do_capture(capture).await?;
        let captured = response.transaction_id().ok_or("no capture transaction")?;
        println!("2. captured {} USD ({complete:?}): transaction {captured}", usd(cents).value);
    }

    // 3. A third capture is refused: the authorization is complete.
    let late = DoCaptureRequestType::default()
        .authorization_id(authorization_id)
        .amount(usd(100))
        .complete_type(CompleteCodeType::Complete);
    match client.do_capture(late).await {
        Err(e) if e.has_code("10602") => println!("3. a third capture is refused: {e}"),
        other => return Err(format!("expected PayPal's 10602, got {other:?}").into()),
    }
    Ok(())
}
