//! The hooks generated `validate()` calls, one per type that [`RULES`](super::RULES) lists rules for, named after
//! the type in snake case. Each runs the type's rules and records what breaks them at the offending field.

use paypal_soap_runtime::validate::{Path, Violation, record_rule};

use super::cart;
use super::money::value;
use super::one_currency::OneCurrency;
use crate::types::*;

/// The rule `id` of schema type `type_name`. Every id the hooks use is in the list (a test checks that each
/// rule fires); a missing one skips the check rather than panic inside `validate()`.
pub(super) fn rule(type_name: &str, id: &str) -> Option<&'static super::Rule> {
    paypal_soap_runtime::policy::rules::rule(type_name, id)
}

pub(crate) fn payment_details_type(p: &PaymentDetailsType, path: &mut Path, out: &mut Vec<Violation>) {
    cart::payment_details(p, path, out);
}

/// One checkout in one currency: the currencies of `amounts` (field name, index in `payment_details` or `None`
/// for a top-level field, amount) must all be the first one's.
fn one_checkout_currency<'a>(
    type_name: &str,
    amounts: impl IntoIterator<Item = (Option<usize>, &'static str, &'a Option<BasicAmountType>)>,
    path: &mut Path,
    out: &mut Vec<Violation>,
) {
    let mut one = OneCurrency::default();
    for (index, field, amount) in amounts {
        let Some((currency, expected)) = one.differs(amount.as_ref()) else { continue };
        let Some(r) = rule(type_name, "checkout-one-currency") else { return };
        let message = format!("{field} is in {currency}, the checkout in {expected}");
        match index {
            None => record_rule(path, Some(field), r, message, out),
            Some(i) => path.field("payment_details", |path| {
                path.index(i, |path| record_rule(path, Some(field), r, message, out));
            }),
        }
    }
}

pub(crate) fn set_express_checkout_request_details_type(
    d: &SetExpressCheckoutRequestDetailsType,
    path: &mut Path,
    out: &mut Vec<Violation>,
) {
    let top = [(None, "order_total", &d.order_total), (None, "max_amount", &d.max_amount)];
    let payments = d.payment_details.iter().enumerate().map(|(i, p)| (Some(i), "order_total", &p.order_total));
    one_checkout_currency("SetExpressCheckoutRequestDetailsType", top.into_iter().chain(payments), path, out);
}

pub(crate) fn do_express_checkout_payment_request_details_type(
    d: &DoExpressCheckoutPaymentRequestDetailsType,
    path: &mut Path,
    out: &mut Vec<Violation>,
) {
    let payments = d.payment_details.iter().enumerate().map(|(i, p)| (Some(i), "order_total", &p.order_total));
    one_checkout_currency("DoExpressCheckoutPaymentRequestDetailsType", payments, path, out);
}

pub(crate) fn do_direct_payment_request_details_type(
    d: &DoDirectPaymentRequestDetailsType,
    path: &mut Path,
    out: &mut Vec<Violation>,
) {
    if d.payment_action == Some(PaymentActionCodeType::Order) {
        if let Some(r) = rule("DoDirectPaymentRequestDetailsType", "direct-payment-no-order") {
            let message = "DoDirectPayment takes PaymentAction Sale or Authorization, not Order".to_owned();
            record_rule(path, Some("payment_action"), r, message, out);
        }
    }
}

pub(crate) fn credit_card_details_type(c: &CreditCardDetailsType, path: &mut Path, out: &mut Vec<Violation>) {
    let Some(cvv2) = &c.cvv2 else { return };
    let Some(r) = rule("CreditCardDetailsType", "cvv2-digits") else { return };
    // The message never repeats the value: CVV2 is a secret that must not reach logs.
    let digits = cvv2.bytes().all(|b| b.is_ascii_digit());
    let len = cvv2.chars().count();
    let expected: &[usize] = match c.credit_card_type {
        Some(CreditCardTypeType::Visa | CreditCardTypeType::MasterCard | CreditCardTypeType::Discover) => &[3],
        Some(CreditCardTypeType::Amex) => &[4],
        _ => &[3, 4],
    };
    if !digits || !expected.contains(&len) {
        let card = c.credit_card_type.as_ref().map_or("this card", |t| t.as_str());
        let wanted = if expected.len() == 1 { format!("{} digits", expected[0]) } else { "3 or 4 digits".to_owned() };
        let found = if digits { format!("{len} digits") } else { format!("{len} characters, not all digits") };
        let message = format!("CVV2 for {card} is {wanted}; this one has {found}");
        record_rule(path, Some("cvv2"), r, message, out);
    }
}

pub(crate) fn refund_transaction_request_type(
    q: &RefundTransactionRequestType,
    path: &mut Path,
    out: &mut Vec<Violation>,
) {
    const TYPE: &str = "RefundTransactionRequestType";
    if let Some(r) = rule(TYPE, "refund-transaction-id") {
        match q.transaction_id.as_deref().map(str::trim) {
            None | Some("") => {
                let message = "a refund names the TransactionID of the payment it refunds".to_owned();
                record_rule(path, Some("transaction_id"), r, message, out);
            }
            // Express Checkout tokens start with `EC-`; transaction IDs are 17 letters and digits. Merchants who
            // store the token in place of the transaction ID find out here instead of from PayPal's 10004.
            Some(id) if id.starts_with("EC-") => {
                let message = "TransactionID is an Express Checkout token (EC-…); refund the transaction ID that \
                               DoExpressCheckoutPayment returned"
                    .to_owned();
                record_rule(path, Some("transaction_id"), r, message, out);
            }
            Some(_) => {}
        }
    }
    let Some(r) = rule(TYPE, "refund-type-amount") else { return };
    match (&q.refund_type, &q.amount) {
        (Some(RefundType::Full), Some(_)) => {
            let message = "a Full refund takes no Amount (PayPal refunds the whole payment)".to_owned();
            record_rule(path, Some("amount"), r, message, out);
        }
        (Some(RefundType::Partial), None) => {
            let message = "a Partial refund needs the Amount to refund".to_owned();
            record_rule(path, Some("amount"), r, message, out);
        }
        (Some(RefundType::Partial), Some(a)) => {
            if let Some(a) = value(a).filter(|a| !a.is_positive()) {
                let message = format!("a Partial refund's Amount must be positive, not {}", a);
                record_rule(path, Some("amount"), r, message, out);
            }
        }
        _ => {}
    }
}

pub(crate) fn transaction_search_request_type(
    q: &TransactionSearchRequestType,
    path: &mut Path,
    out: &mut Vec<Violation>,
) {
    let (Some(start), Some(end)) = (&q.start_date, &q.end_date) else { return };
    let (Some(s), Some(e)) = (start.to_unix_seconds(), end.to_unix_seconds()) else { return };
    if e < s {
        if let Some(r) = rule("TransactionSearchRequestType", "search-date-range") {
            let message = format!("EndDate {end} is before StartDate {start}");
            record_rule(path, Some("end_date"), r, message, out);
        }
    }
}

pub(crate) fn mass_pay_request_type(q: &MassPayRequestType, path: &mut Path, out: &mut Vec<Violation>) {
    const TYPE: &str = "MassPayRequestType";
    let mut one = OneCurrency::default();
    let mut receiver_kind: Option<&'static str> = None;
    for (i, item) in q.mass_pay_item.iter().enumerate() {
        if let Some((c, first)) = one.differs(item.amount.as_ref()) {
            if let Some(r) = rule(TYPE, "masspay-one-currency") {
                let message = format!("item pays in {c}, the request in {first}; send one MassPay per currency");
                record_item_rule(path, i, "amount", r, message, out);
            }
        }
        // (wire name, Rust field) of the way this item names its recipient.
        let kind = if item.receiver_email.is_some() {
            Some(("ReceiverEmail", "receiver_email"))
        } else if item.receiver_id.is_some() {
            Some(("ReceiverID", "receiver_id"))
        } else if item.receiver_phone.is_some() {
            Some(("ReceiverPhone", "receiver_phone"))
        } else {
            None
        };
        match (receiver_kind, kind) {
            (None, Some((k, _))) => receiver_kind = Some(k),
            (Some(first), Some((k, field))) if first != k => {
                if let Some(r) = rule(TYPE, "masspay-one-receiver-kind") {
                    let message = format!("item names its recipient by {k}, the first one by {first}");
                    record_item_rule(path, i, field, r, message, out);
                }
            }
            _ => {}
        }
    }
}

/// Records a rule at `mass_pay_item[i].<field>`.
fn record_item_rule(
    path: &mut Path,
    i: usize,
    field: &'static str,
    r: &'static super::Rule,
    message: String,
    out: &mut Vec<Violation>,
) {
    path.field("mass_pay_item", |path| path.index(i, |path| record_rule(path, Some(field), r, message, out)));
}
