//! TransactionSearch over a date range: every payment of November 2026, newest first.
//!
//! ```text
//! cargo run -p paypal-soap --example transaction_search
//! ```
//!
//! Runs against the fake PayPal started in this process, seeded with payments around that month. PayPal returns
//! at most 100 results and warns with 11002 when there are more; this search is well below that.

use paypal_soap::testing::{FakeServer, PaymentsFake};
use paypal_soap::types::*;
use paypal_soap::{Credentials, DateTime};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let ledger = PaymentsFake::default();
    // Four payments in November, one on 30 October and one on 1 December: the search finds the four.
    for (month, day, cents) in
        [(11, 28, 1200), (11, 2, 1995), (10, 30, 800), (11, 15, 4500), (12, 1, 3000), (11, 1, 2500)]
    {
        ledger.seed_sale(
            BasicAmountType::from_minor(CurrencyCodeType::Usd, cents),
            DateTime::utc(2026, month, day, 12, 0, 0)?,
        );
    }
    let server = FakeServer::start(ledger).await?;
    let client = server.client_builder(Credentials::signature("api_user", "api_password", "api_signature")).build()?;

    let search = TransactionSearchRequestType::default()
        .start_date(DateTime::utc(2026, 11, 1, 0, 0, 0)?)
        .end_date(DateTime::utc(2026, 12, 1, 0, 0, 0)?);
    let response = client.transaction_search(search).await?;
    if response.has_warnings() {
        println!("warnings: {:?}", response.warnings());
    }
    for t in &response.payment_transactions {
        let when = t.timestamp.map(|t| t.to_string()).unwrap_or_default();
        let gross = t.gross_amount.as_ref().map(|a| a.value.as_str()).unwrap_or("?");
        println!(
            "{when}  {:<12} {:>8} USD  {}",
            t.type_.as_deref().unwrap_or("?"),
            gross,
            t.transaction_id.as_deref().unwrap_or("?")
        );
    }
    if response.payment_transactions.len() != 4 {
        return Err(format!("expected the 4 payments of November, got {}", response.payment_transactions.len()).into());
    }
    Ok(())
}
