//! The four everyday requests, written twice: with the generated setters and money constructors (what the README
//! shows merchants), and as the struct literals they replace. Each pair must build the same value, so the short
//! form is proven to say exactly what the long one says; and each short form must pass `validate()`, business
//! rules included.
//!
//! The `// builder:` blocks are the acceptance snippets of issue 14 (at most 12 lines, no `Some(`, no
//! `..Default::default()`); the `// literal:` blocks are how the same request was written before.

use paypal_soap::types::*;
use paypal_soap::{DateTime, Validate};

#[test]
fn set_express_checkout_with_one_item() {
    // builder:
    let usd = |cents| BasicAmountType::from_minor(CurrencyCodeType::Usd, cents);
    let item = PaymentDetailsItemType::default().name("Mug").quantity(2).amount(usd(999));
    let payment = PaymentDetailsType::default().payment_details_item(item).item_total(usd(1998)).order_total(usd(1998));
    let short = SetExpressCheckoutRequestDetailsType::default()
        .return_url("https://shop.example/paypal/return")
        .cancel_url("https://shop.example/paypal/cancel")
        .payment_details(payment.payment_action(PaymentActionCodeType::Sale));
    // end

    // literal:
    let usd = |value: &str| BasicAmountType { value: value.to_owned(), currency_id: Some(CurrencyCodeType::Usd) };
    let long = SetExpressCheckoutRequestType {
        set_express_checkout_request_details: Some(SetExpressCheckoutRequestDetailsType {
            return_url: Some("https://shop.example/paypal/return".to_owned()),
            cancel_url: Some("https://shop.example/paypal/cancel".to_owned()),
            payment_details: vec![PaymentDetailsType {
                payment_details_item: vec![PaymentDetailsItemType {
                    name: Some("Mug".to_owned()),
                    quantity: Some(2),
                    amount: Some(usd("9.99")),
                    ..Default::default()
                }],
                item_total: Some(usd("19.98")),
                order_total: Some(usd("19.98")),
                payment_action: Some(PaymentActionCodeType::Sale),
                ..Default::default()
            }],
            ..Default::default()
        }),
        ..Default::default()
    };
    // end

    let short = SetExpressCheckoutRequestType::from(short);
    assert_eq!(short, long);
    // The client sets `Version`; validating the value alone needs it set.
    short.set_version(paypal_soap::SCHEMA_VERSION).validate().unwrap();
}

#[test]
fn do_direct_payment_sale() {
    // builder:
    let total = BasicAmountType::from_minor(CurrencyCodeType::Usd, 1995);
    let owner = PayerInfoType::default().payer_name(PersonNameType::default().first_name("Ada").last_name("Lovelace"));
    let card = CreditCardDetailsType::default().credit_card_type(CreditCardTypeType::Visa).cvv2("123");
    let card = card.credit_card_number("4111111111111111").exp_month(12).exp_year(2030).card_owner(owner);
    let sale = DoDirectPaymentRequestDetailsType::default()
        .payment_action(PaymentActionCodeType::Sale)
        .ip_address("203.0.113.7")
        .credit_card(card)
        .payment_details(PaymentDetailsType::default().order_total(total));
    // end

    // literal:
    let long = DoDirectPaymentRequestType {
        do_direct_payment_request_details: Some(DoDirectPaymentRequestDetailsType {
            payment_action: Some(PaymentActionCodeType::Sale),
            ip_address: Some("203.0.113.7".to_owned()),
            credit_card: Some(CreditCardDetailsType {
                credit_card_type: Some(CreditCardTypeType::Visa),
                credit_card_number: Some("4111111111111111".to_owned()),
                exp_month: Some(12),
                exp_year: Some(2030),
                cvv2: Some("123".to_owned()),
                card_owner: Some(PayerInfoType {
                    payer_name: Some(PersonNameType {
                        first_name: Some("Ada".to_owned()),
                        last_name: Some("Lovelace".to_owned()),
                        ..Default::default()
                    }),
                    ..Default::default()
                }),
                ..Default::default()
            }),
            payment_details: Some(PaymentDetailsType {
                order_total: Some(BasicAmountType {
                    value: "19.95".to_owned(),
                    currency_id: Some(CurrencyCodeType::Usd),
                }),
                ..Default::default()
            }),
            ..Default::default()
        }),
        ..Default::default()
    };
    // end

    let short = DoDirectPaymentRequestType::from(sale);
    assert_eq!(short, long);
    // The client sets `Version`; validating the value alone needs it set.
    short.set_version(paypal_soap::SCHEMA_VERSION).validate().unwrap();
}

#[test]
fn partial_refund() {
    // builder:
    let short = RefundTransactionRequestType::default()
        .transaction_id("8MC585209K746392H")
        .refund_type(RefundType::Partial)
        .amount(BasicAmountType::from_minor(CurrencyCodeType::Usd, 500))
        .memo("One mug arrived broken");
    // end

    // literal:
    let long = RefundTransactionRequestType {
        transaction_id: Some("8MC585209K746392H".to_owned()),
        refund_type: Some(RefundType::Partial),
        amount: Some(BasicAmountType { value: "5.00".to_owned(), currency_id: Some(CurrencyCodeType::Usd) }),
        memo: Some("One mug arrived broken".to_owned()),
        ..Default::default()
    };
    // end

    assert_eq!(short, long);
    short.set_version(paypal_soap::SCHEMA_VERSION).validate().unwrap();
}

#[test]
fn transaction_search_by_date_range() -> Result<(), Box<dyn std::error::Error>> {
    // builder:
    let short = TransactionSearchRequestType::default()
        .start_date(DateTime::utc(2026, 11, 1, 0, 0, 0)?)
        .end_date(DateTime::utc(2026, 12, 1, 0, 0, 0)?);
    // end

    // literal:
    let long = TransactionSearchRequestType {
        start_date: Some("2026-11-01T00:00:00Z".parse()?),
        end_date: Some("2026-12-01T00:00:00Z".parse()?),
        ..Default::default()
    };
    // end

    assert_eq!(short, long);
    short.set_version(paypal_soap::SCHEMA_VERSION).validate()?;
    Ok(())
}
