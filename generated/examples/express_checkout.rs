//! Express Checkout in three calls: SetExpressCheckout → (the buyer approves at PayPal) →
//! GetExpressCheckoutDetails → DoExpressCheckoutPayment.
//!
//! ```text
//! cargo run -p paypal-soap --example express_checkout
//! ```
//!
//! runs it against the fake PayPal started in this process (the buyer's approval is simulated). With sandbox
//! API credentials in `PAYPAL_SANDBOX_USERNAME`, `PAYPAL_SANDBOX_PASSWORD` and `PAYPAL_SANDBOX_SIGNATURE` it
//! runs the same flow against PayPal's sandbox, and asks you to approve the payment in a browser with a
//! sandbox buyer account.

use std::error::Error;
use std::io::BufRead;

use paypal_soap::types::{
    BasicAmountType, CurrencyCodeType, DoExpressCheckoutPaymentRequestDetailsType, DoExpressCheckoutPaymentRequestType,
    GetExpressCheckoutDetailsRequestType, PaymentActionCodeType, PaymentDetailsType,
    SetExpressCheckoutRequestDetailsType, SetExpressCheckoutRequestType,
};
// `testing` (the fake PayPal, feature `testing`) is here only to run offline; a shop leaves it out.
use paypal_soap::{
    AuthMethod, Client, Credentials, Endpoint, Environment, checkout_url,
    testing::{ExpressCheckoutFake, FakeServer},
};

fn order_total() -> BasicAmountType {
    BasicAmountType { value: "19.95".to_owned(), currency_id: Some(CurrencyCodeType::Usd) }
}

/// The sandbox credentials from the environment, when all three are set.
fn sandbox_credentials() -> Option<Credentials> {
    let var = |name| std::env::var(name).ok().filter(|v: &String| !v.is_empty());
    Some(Credentials::signature(
        var("PAYPAL_SANDBOX_USERNAME")?,
        var("PAYPAL_SANDBOX_PASSWORD")?,
        var("PAYPAL_SANDBOX_SIGNATURE")?,
    ))
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error>> {
    // Kept alive for the whole run when the fake is used.
    let mut fake_server = None;
    let client = match sandbox_credentials() {
        Some(creds) => {
            println!("Using PayPal's sandbox ({}).", Endpoint::Sandbox.url(AuthMethod::Signature));
            Client::builder(Endpoint::Sandbox, creds).build()?
        }
        None => {
            let server = FakeServer::start(ExpressCheckoutFake::default()).await?;
            println!("Using the fake PayPal at {} (set PAYPAL_SANDBOX_* to use the sandbox).", server.url());
            let client =
                server.client_builder(Credentials::signature("api_user", "api_password", "api_signature")).build()?;
            fake_server = Some(server);
            client
        }
    };

    // 1. SetExpressCheckout: PayPal returns a token for this order.
    let set = SetExpressCheckoutRequestType {
        set_express_checkout_request_details: Some(SetExpressCheckoutRequestDetailsType {
            return_url: Some("https://shop.example/paypal/return".to_owned()),
            cancel_url: Some("https://shop.example/paypal/cancel".to_owned()),
            payment_details: vec![PaymentDetailsType {
                order_total: Some(order_total()),
                order_description: Some("One example widget".to_owned()),
                payment_action: Some(PaymentActionCodeType::Sale),
                ..Default::default()
            }],
            ..Default::default()
        }),
        ..Default::default()
    };
    let response = client.set_express_checkout(set).await?;
    let token = response.token.clone().ok_or("SetExpressCheckout returned no token")?;
    println!("1. SetExpressCheckout: token {token} (correlation id {})", response.correlation_id().unwrap_or("-"));

    // 2. The buyer approves the payment at PayPal and comes back to the return URL.
    let url = checkout_url(&token, Environment::Sandbox, false);
    if fake_server.is_some() {
        println!("2. Buyer approval (simulated): the buyer would log in at {url}");
    } else {
        println!("2. Approve the payment with a sandbox buyer account at\n   {url}\n   then press Enter.");
        std::io::stdin().lock().lines().next();
    }

    // 3. GetExpressCheckoutDetails: who the buyer is (PayerID) and what they approved.
    let details = client
        .get_express_checkout_details(GetExpressCheckoutDetailsRequestType {
            token: Some(token.clone()),
            ..Default::default()
        })
        .await?;
    let details = details.get_express_checkout_details_response_details.clone().ok_or("no details returned")?;
    let payer = details.payer_info.clone().unwrap_or_default();
    let payer_id = payer.payer_id.clone().ok_or("no PayerID: the buyer has not approved the payment")?;
    println!(
        "3. GetExpressCheckoutDetails: payer {} ({payer_id}), status {}",
        payer.payer.as_deref().unwrap_or("-"),
        details.checkout_status.as_deref().unwrap_or("-")
    );

    // 4. DoExpressCheckoutPayment: the money moves. MsgSubID makes a resend after a lost answer safe.
    let pay = DoExpressCheckoutPaymentRequestType {
        do_express_checkout_payment_request_details: Some(DoExpressCheckoutPaymentRequestDetailsType {
            payment_action: Some(PaymentActionCodeType::Sale),
            token: Some(token.clone()),
            payer_id: Some(payer_id),
            msg_sub_id: Some(format!("example-{token}")),
            payment_details: vec![PaymentDetailsType { order_total: Some(order_total()), ..Default::default() }],
            ..Default::default()
        }),
        ..Default::default()
    };
    match client.do_express_checkout_payment(pay).await {
        Ok(paid) => {
            let info = paid
                .do_express_checkout_payment_response_details
                .as_ref()
                .and_then(|d| d.payment_info.first())
                .cloned()
                .unwrap_or_default();
            let status = info.payment_status.as_ref().map_or_else(|| "-".to_owned(), ToString::to_string);
            let amount = info.gross_amount.as_ref();
            let currency = amount.and_then(|a| a.currency_id.as_ref()).map_or_else(String::new, ToString::to_string);
            println!(
                "4. DoExpressCheckoutPayment: transaction {}, {status}, {} {currency}",
                info.transaction_id.as_deref().unwrap_or("-"),
                amount.map_or("-", |a| a.value.as_str()),
            );
        }
        Err(e) if e.outcome_unknown() => {
            println!("4. DoExpressCheckoutPayment: {e}");
            return Err(e.into());
        }
        Err(e) => {
            println!("4. DoExpressCheckoutPayment failed: {e}");
            return Err(e.into());
        }
    }
    if let Some(server) = fake_server {
        server.shutdown().await;
    }
    Ok(())
}
