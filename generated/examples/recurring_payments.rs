//! Charging a customer again: a recurring payments profile that bills a card monthly, and a reference
//! transaction that charges the card of an earlier payment once more, without asking for it again.
//!
//! ```text
//! cargo run -p paypal-soap --example recurring_payments
//! ```
//!
//! Runs against the fake PayPal started in this process.

use paypal_soap::testing::{FakeServer, PaymentsFake};
use paypal_soap::types::*;
use paypal_soap::{Credentials, DateTime};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let server = FakeServer::start(PaymentsFake::default()).await?;
    let client = server.client_builder(Credentials::signature("api_user", "api_password", "api_signature")).build()?;
    let usd = |cents| BasicAmountType::from_minor(CurrencyCodeType::Usd, cents);
    let card = || {
        let card = CreditCardDetailsType::default().credit_card_type(CreditCardTypeType::MasterCard).cvv2("321");
        card.credit_card_number("5555555555554444").exp_month(3).exp_year(2029)
    };

    // 1. A profile billing 9.99 USD every month from 1 January 2027.
    let monthly = BillingPeriodDetailsType::default()
        .billing_period(BillingPeriodType::Month)
        .billing_frequency(1)
        .amount(usd(999));
    let profile = CreateRecurringPaymentsProfileRequestDetailsType::default()
        .credit_card(card())
        .recurring_payments_profile_details(
            RecurringPaymentsProfileDetailsType::default()
                .subscriber_name("Ada Lovelace")
                .billing_start_date(DateTime::utc(2027, 1, 1, 0, 0, 0)?),
        )
        .schedule_details(ScheduleDetailsType::default().description("Tea of the month").payment_period(monthly));
    let response = client.create_recurring_payments_profile(profile).await?;
    let details = response.create_recurring_payments_profile_response_details.as_ref().ok_or("no profile details")?;
    let profile_id = details.profile_id.as_deref().ok_or("no profile ID")?;
    println!("1. profile {profile_id}: {:?}", details.profile_status);

    // 2. A first sale, then a reference transaction that charges the same card again for a refill.
    let first = DoDirectPaymentRequestDetailsType::default()
        .payment_action(PaymentActionCodeType::Sale)
        .ip_address("203.0.113.7")
        .credit_card(card())
        .payment_details(PaymentDetailsType::default().order_total(usd(2500)));
    let first_id = client.do_direct_payment(first).await?.transaction_id().ok_or("no transaction ID")?;
    let refill = DoReferenceTransactionRequestDetailsType::default()
        .reference_id(first_id.clone())
        .payment_action(PaymentActionCodeType::Sale)
        .payment_details(PaymentDetailsType::default().order_total(usd(1250)));
    let response = client.do_reference_transaction(refill).await?;
    let id = response.transaction_id().ok_or("no transaction ID")?;
    println!("2. charged 12.50 USD again by reference to {first_id}: transaction {id}");
    Ok(())
}
