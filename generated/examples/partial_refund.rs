//! A partial refund with RefundTransaction: refund part of a payment by its transaction ID (never by the Express
//! Checkout token), then see PayPal refuse a refund of more than is left.
//!
//! ```text
//! cargo run -p paypal-soap --example partial_refund
//! ```
//!
//! Runs against the fake PayPal started in this process, with one earlier sale of 40.00 USD in its ledger.

use paypal_soap::testing::{FakeServer, PaymentsFake};
use paypal_soap::types::*;
use paypal_soap::{Credentials, DateTime, ErrorKind};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let usd = |cents| BasicAmountType::from_minor(CurrencyCodeType::Usd, cents);
    let ledger = PaymentsFake::default();
    let transaction_id = ledger.seed_sale(usd(4000), DateTime::utc(2026, 11, 20, 15, 30, 0)?);
    let server = FakeServer::start(ledger).await?;
    let client = server.client_builder(Credentials::signature("api_user", "api_password", "api_signature")).build()?;

    // 1. Refund 5.00 USD of the 40.00 USD payment.
    let refund = RefundTransactionRequestType::default()
        .transaction_id(transaction_id.clone())
        .refund_type(RefundType::Partial)
        .amount(usd(500))
        .memo("One mug arrived broken");
    let response = client.refund_transaction(refund).await?;
    let refund_id = response.refund_transaction_id().ok_or("no refund transaction ID")?;
    let total = response.total_refunded_amount.as_ref().map(|a| a.value.as_str()).unwrap_or("?");
    println!("1. refunded 5.00 USD: refund {refund_id}, {total} USD refunded in all");

    // 2. A Partial refund without an amount never leaves the process: validate() knows PayPal's rule.
    let no_amount =
        RefundTransactionRequestType::default().transaction_id(transaction_id.clone()).refund_type(RefundType::Partial);
    match client.refund_transaction(no_amount).await {
        Err(e) if matches!(e.kind(), ErrorKind::Invalid(v) if v.of_rule("refund-type-amount").next().is_some()) => {
            println!("2. not sent: {e}");
        }
        other => return Err(format!("expected the refund-type-amount rule, got {other:?}").into()),
    }

    // 3. Refunding 50.00 USD more is refused by PayPal: only 35.00 USD is left.
    let too_much = RefundTransactionRequestType::default()
        .transaction_id(transaction_id)
        .refund_type(RefundType::Partial)
        .amount(usd(5000));
    match client.refund_transaction(too_much).await {
        Err(e) if e.has_code("10009") => println!("3. refused by PayPal: {e}"),
        other => return Err(format!("expected PayPal's 10009, got {other:?}").into()),
    }
    Ok(())
}
