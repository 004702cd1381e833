//! A card sale with DoDirectPayment: one call charges the card and returns the transaction ID.
//!
//! ```text
//! cargo run -p paypal-soap --example direct_payment
//! ```
//!
//! Runs against the fake PayPal started in this process; a shop builds its client with
//! `Client::builder(Endpoint::Live, credentials)` instead.

use paypal_soap::Credentials;
use paypal_soap::testing::{FakeServer, PaymentsFake};
use paypal_soap::types::*;

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let server = FakeServer::start(PaymentsFake::default()).await?;
    let client = server.client_builder(Credentials::signature("api_user", "api_password", "api_signature")).build()?;

    // The request: 19.95 USD on a Visa card, with the buyer's IP address (PayPal requires it for fraud checks).
    let total = BasicAmountType::from_minor(CurrencyCodeType::Usd, 1995);
    let owner = PayerInfoType::default().payer_name(PersonNameType::default().first_name("Ada").last_name("Lovelace"));
    let card = CreditCardDetailsType::default().credit_card_type(CreditCardTypeType::Visa).cvv2("123");
    let card = card.credit_card_number("4111111111111111").exp_month(12).exp_year(2030).card_owner(owner);
    let sale = DoDirectPaymentRequestDetailsType::default()
        .payment_action(PaymentActionCodeType::Sale)
        .ip_address("203.0.113.7")
        .credit_card(card)
        .payment_details(PaymentDetailsType::default().order_total(total));

    let response = client.do_direct_payment(sale).await?;
    let transaction_id = response.transaction_id().ok_or("no transaction ID")?;
    let amount = response.amount().and_then(BasicAmountType::minor_units).ok_or("no amount")?;
    println!("charged {amount} cents: transaction {transaction_id}, status {:?}", response.payment_status());
    if amount != 1995 || response.payment_status() != Some(&PaymentStatusCodeType::Completed) {
        return Err("the sale did not complete".into());
    }
    Ok(())
}
