//! One test per business rule of `paypal_soap::rules::RULES`: a request that breaks it gets a violation with the
//! rule's id, PayPal's error code and the offending field's path, and the same request put right gets none.
//! Each test would fail without its rule (its first assertion looks for that rule's violation), and
//! `every_rule_has_a_test` fails when a rule is added without one.

use paypal_soap::rules::{RULES, Severity};
use paypal_soap::types::*;
use paypal_soap::{DateTime, Validate, Violation};

fn usd(cents: i64) -> BasicAmountType {
    BasicAmountType::from_minor(CurrencyCodeType::Usd, cents)
}

fn eur(cents: i64) -> BasicAmountType {
    BasicAmountType::from_minor(CurrencyCodeType::Eur, cents)
}

/// The violations of rule `id` in `value`, warnings included.
fn hits(value: &impl Validate, id: &str) -> Vec<Violation> {
    value.report().into_iter().filter(|v| v.rule_id() == Some(id)).collect()
}

/// Asserts that `value` breaks rule `id` exactly once, at `path`, with PayPal's `code`, and returns the message.
fn assert_breaks(value: &impl Validate, id: &str, path: &str, code: u32) -> String {
    let found = hits(value, id);
    assert_eq!(found.len(), 1, "rule {id}: {found:?}");
    assert_eq!((found[0].path.as_str(), found[0].code()), (path, Some(code)), "rule {id}");
    found[0].to_string()
}

/// A cart of 2 × 9.99 + 1 × 5.00 with its totals right: items 24.98, shipping 4.00, tax 2.00, order 30.98.
fn cart() -> PaymentDetailsType {
    PaymentDetailsType::default()
        .payment_details_item(PaymentDetailsItemType::default().name("Mug").quantity(2).amount(usd(999)))
        .payment_details_item(PaymentDetailsItemType::default().name("Card").amount(usd(500)))
        .item_total(usd(2498))
        .shipping_total(usd(400))
        .tax_total(usd(200))
        .order_total(usd(3098))
}

#[test]
fn a_correct_cart_breaks_no_rule() {
    assert_eq!(cart().report(), vec![]);
}

#[test]
fn order_total_required() {
    let mut p = cart();
    p.order_total = None;
    assert_breaks(&p, "order-total-required", "order_total", 10400);
    assert!(p.validate().is_err());
    assert!(hits(&cart(), "order-total-required").is_empty());
}

#[test]
fn cart_item_total() {
    // Quantity counts: 2 × 9.99 + 5.00 is 24.98, not 19.99 (the sum without quantities).
    let p = cart().item_total(usd(1499)).order_total(usd(2099));
    let message = assert_breaks(&p, "cart-item-total", "item_total", 10413);
    assert!(message.contains("the items add up to 24.98 (2 × 9.99 + 5.00)"), "{message}");
    assert!(p.validate().unwrap_err().has_code(10413));
    assert!(hits(&cart(), "cart-item-total").is_empty());
}

#[test]
fn cart_order_total() {
    let p = cart().order_total(usd(3000));
    let message = assert_breaks(&p, "cart-order-total", "order_total", 10413);
    assert!(message.contains("its parts add up to 30.98"), "{message}");
    // A shipping discount is subtracted, whether sent negative (as PayPal documents) or positive.
    let discounted = cart().shipping_discount(usd(-400)).order_total(usd(2698));
    assert!(hits(&discounted, "cart-order-total").is_empty());
    let insured = cart().insurance_total(usd(100)).order_total(usd(3198));
    assert!(hits(&insured, "cart-order-total").is_empty());
}

#[test]
fn cart_tax_total_is_a_warning() {
    let taxed = PaymentDetailsItemType::default().name("Mug").quantity(2).amount(usd(999)).tax(usd(100));
    let p = PaymentDetailsType::default()
        .payment_details_item(taxed)
        .item_total(usd(1998))
        .tax_total(usd(100))
        .order_total(usd(2098));
    assert_breaks(&p, "cart-tax-total", "tax_total", 10413);
    assert_eq!(hits(&p, "cart-tax-total")[0].severity, Severity::Warning);
    // A warning alone does not fail validation.
    assert!(p.validate().is_ok());
    let right = p.tax_total(usd(200)).order_total(usd(2198));
    assert!(hits(&right, "cart-tax-total").is_empty());
}

#[test]
fn cart_one_currency() {
    let mut p = cart();
    p.payment_details_item[1].amount = Some(eur(500));
    assert_breaks(&p, "cart-one-currency", "payment_details_item[1].amount", 10418);
    let p = cart().shipping_total(eur(400));
    assert_breaks(&p, "cart-one-currency", "shipping_total", 10418);
}

#[test]
fn currency_supported_is_a_warning() {
    let p = PaymentDetailsType::default().order_total(BasicAmountType::from_minor(CurrencyCodeType::Inr, 1000));
    assert_breaks(&p, "currency-supported", "order_total", 10755);
    assert!(p.validate().is_ok());
    assert!(hits(&cart(), "currency-supported").is_empty());
}

#[test]
fn currency_maximum_is_a_warning() {
    let gbp = |pence| BasicAmountType::from_minor(CurrencyCodeType::Gbp, pence);
    let p = PaymentDetailsType::default().order_total(gbp(550_001));
    let message = assert_breaks(&p, "currency-maximum", "order_total", 10414);
    assert!(message.contains("5500.01 GBP") && message.contains("5500 GBP"), "{message}");
    assert!(p.validate().is_ok());
    assert!(hits(&PaymentDetailsType::default().order_total(gbp(550_000)), "currency-maximum").is_empty());
}

#[test]
fn checkout_one_currency_in_set_express_checkout() {
    let d = SetExpressCheckoutRequestDetailsType::default()
        .payment_details(PaymentDetailsType::default().order_total(usd(1000)))
        .payment_details(PaymentDetailsType::default().order_total(eur(1000)));
    assert_breaks(&d, "checkout-one-currency", "payment_details[1].order_total", 10444);
    let d = SetExpressCheckoutRequestDetailsType::default()
        .max_amount(eur(5000))
        .payment_details(PaymentDetailsType::default().order_total(usd(1000)));
    assert_breaks(&d, "checkout-one-currency", "payment_details[0].order_total", 10444);
    let right = SetExpressCheckoutRequestDetailsType::default()
        .max_amount(usd(5000))
        .payment_details(PaymentDetailsType::default().order_total(usd(1000)));
    assert!(hits(&right, "checkout-one-currency").is_empty());
}

#[test]
fn checkout_one_currency_in_do_express_checkout_payment() {
    let d = DoExpressCheckoutPaymentRequestDetailsType::default()
        .payment_details(PaymentDetailsType::default().order_total(eur(1000)))
        .payment_details(PaymentDetailsType::default().order_total(usd(1000)));
    assert_breaks(&d, "checkout-one-currency", "payment_details[1].order_total", 10444);
}

#[test]
fn direct_payment_no_order() {
    let d = DoDirectPaymentRequestDetailsType::default().payment_action(PaymentActionCodeType::Order);
    assert_breaks(&d, "direct-payment-no-order", "payment_action", 10004);
    let d = DoDirectPaymentRequestDetailsType::default().payment_action(PaymentActionCodeType::Authorization);
    assert!(hits(&d, "direct-payment-no-order").is_empty());
}

#[test]
fn cvv2_digits() {
    let visa = CreditCardDetailsType::default().credit_card_type(CreditCardTypeType::Visa);
    let message = assert_breaks(&visa.clone().cvv2("1234"), "cvv2-digits", "cvv2", 10504);
    // The message says what is wrong without repeating the secret.
    assert!(message.contains("Visa is 3 digits") && !message.contains("1234"), "{message}");
    assert_breaks(&visa.clone().cvv2("12a"), "cvv2-digits", "cvv2", 10504);
    let amex = CreditCardDetailsType::default().credit_card_type(CreditCardTypeType::Amex);
    assert_breaks(&amex.clone().cvv2("123"), "cvv2-digits", "cvv2", 10504);
    assert!(hits(&amex.cvv2("1234"), "cvv2-digits").is_empty());
    assert!(hits(&visa.cvv2("123"), "cvv2-digits").is_empty());
}

#[test]
fn refund_type_amount() {
    let refund = RefundTransactionRequestType::default().transaction_id("8MC585209K746392H");
    let full = refund.clone().refund_type(RefundType::Full).amount(usd(500));
    assert_breaks(&full, "refund-type-amount", "amount", 10004);
    let partial = refund.clone().refund_type(RefundType::Partial);
    assert_breaks(&partial, "refund-type-amount", "amount", 10004);
    assert_breaks(&partial.clone().amount(usd(0)), "refund-type-amount", "amount", 10004);
    assert!(hits(&partial.amount(usd(500)), "refund-type-amount").is_empty());
    assert!(hits(&refund.refund_type(RefundType::Full), "refund-type-amount").is_empty());
}

#[test]
fn refund_transaction_id() {
    let refund = RefundTransactionRequestType::default().refund_type(RefundType::Full);
    assert_breaks(&refund, "refund-transaction-id", "transaction_id", 10004);
    // The Express Checkout token in place of the transaction ID, the classic confusion.
    let message = assert_breaks(
        &refund.clone().transaction_id("EC-1AB23456CD789012E"),
        "refund-transaction-id",
        "transaction_id",
        10004,
    );
    assert!(message.contains("Express Checkout token"), "{message}");
    assert!(hits(&refund.transaction_id("8MC585209K746392H"), "refund-transaction-id").is_empty());
}

#[test]
fn search_date_range() -> Result<(), Box<dyn std::error::Error>> {
    let search = TransactionSearchRequestType::default().start_date(DateTime::utc(2026, 12, 1, 0, 0, 0)?);
    let backwards = search.clone().end_date(DateTime::utc(2026, 11, 1, 0, 0, 0)?);
    assert_breaks(&backwards, "search-date-range", "end_date", 10004);
    assert!(hits(&search.end_date(DateTime::utc(2026, 12, 2, 0, 0, 0)?), "search-date-range").is_empty());
    Ok(())
}

#[test]
fn masspay_one_currency() {
    let item = |amount| MassPayRequestItemType::default().receiver_email("a@example.com").amount(amount);
    let q = MassPayRequestType::default().mass_pay_item(item(usd(100))).mass_pay_item(item(eur(100)));
    assert_breaks(&q, "masspay-one-currency", "mass_pay_item[1].amount", 10004);
    let q = MassPayRequestType::default().mass_pay_item(item(usd(100))).mass_pay_item(item(usd(200)));
    assert!(hits(&q, "masspay-one-currency").is_empty());
}

#[test]
fn masspay_one_receiver_kind() {
    let by_email = MassPayRequestItemType::default().receiver_email("a@example.com").amount(usd(100));
    let by_id = MassPayRequestItemType::default().receiver_id("ABCDEFGHIJKLM").amount(usd(100));
    let q = MassPayRequestType::default().mass_pay_item(by_email.clone()).mass_pay_item(by_id);
    assert_breaks(&q, "masspay-one-receiver-kind", "mass_pay_item[1].receiver_id", 10004);
    let q = MassPayRequestType::default().mass_pay_item(by_email.clone()).mass_pay_item(by_email);
    assert!(hits(&q, "masspay-one-receiver-kind").is_empty());
}

#[test]
fn rules_run_inside_whole_requests_with_the_full_path() {
    let details = SetExpressCheckoutRequestDetailsType::default().payment_details(cart().order_total(usd(1)));
    let request = SetExpressCheckoutRequestType::from(details).set_version(paypal_soap::SCHEMA_VERSION);
    let err = request.validate().unwrap_err();
    let v = err.of_rule("cart-order-total").next().unwrap();
    assert_eq!(v.path, "set_express_checkout_request_details.payment_details[0].order_total");
}

/// Every rule in the list is asserted to fire by some test in this file: its id is the rule argument of an
/// `assert_breaks` call, which fails unless validation reports that rule at the given path with PayPal's code.
/// A rule added to the list without such a test fails here; an id that is merely mentioned does not count.
#[test]
fn every_rule_has_a_test() {
    let source = include_str!("business_rules.rs");
    let asserted: Vec<&str> = source
        .split("assert_breaks(")
        .skip(1)
        .filter_map(|call| {
            // The call's second argument is the rule id, the first string literal after the first comma.
            let after_value = &call[call.find(',')? + 1..];
            let literal = after_value.trim_start().strip_prefix('"')?;
            Some(&literal[..literal.find('"')?])
        })
        .collect();
    let missing: Vec<&str> = RULES.iter().map(|r| r.id).filter(|id| !asserted.contains(id)).collect();
    assert!(missing.is_empty(), "rules with no assert_breaks test: {missing:?}");
}
