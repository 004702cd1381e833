//! PayPal's business rules that the schema cannot express, as data: what each rule says, the schema type it is
//! checked on, the PayPal error code it prevents, how sure PayPal's documentation is, and where it says so.
//!
//! The generator reads [`RULES`] to know which types' `validate()` calls a rule hook (`rules::hooks` in
//! `paypal-soap`, one function per type, named after the type in snake case); the hooks implement the checks.
//! A rule PayPal documents ambiguously is a [`Severity::Warning`]: `validate()` reports it but does not fail.
//!
//! Document keys in [`Rule::source`]: "SOAP API Reference, July 2006" (PayPal's classic SOAP reference, with
//! its section), "SOAP API Developer Reference, August 2012", and PayPal's "Currency codes" page; the facts are
//! collected in the project's protocol-facts notes, sections 7 to 9.

use std::fmt;

/// How a broken rule is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// PayPal refuses the request: `validate()` fails and the client does not send it.
    Error,
    /// PayPal's documentation is ambiguous or the rule depends on the account: `validate()` reports it, the
    /// client logs it and sends the request.
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// One business rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// A short stable name (`cart-item-total`), shown in every violation.
    pub id: &'static str,
    /// The schema type whose `validate()` checks it (`PaymentDetailsType`).
    pub applies_to: &'static str,
    /// The PayPal error code a request breaking it gets, when PayPal documents one.
    pub code: Option<u32>,
    /// Error or warning.
    pub severity: Severity,
    /// The rule, in a merchant's words.
    pub summary: &'static str,
    /// Where PayPal states it.
    pub source: &'static str,
}

/// Every rule, grouped by the type that carries it.
pub const RULES: &[Rule] = &[
    Rule {
        id: "order-total-required",
        applies_to: "PaymentDetailsType",
        code: Some(10400),
        severity: Severity::Error,
        summary: "a payment needs OrderTotal (the schema makes it optional; PayPal answers 'Order total is missing')",
        source: "SOAP API Reference, July 2006, DoDirectPayment and Express Checkout PaymentDetails: OrderTotal required",
    },
    Rule {
        id: "cart-item-total",
        applies_to: "PaymentDetailsType",
        code: Some(10413),
        severity: Severity::Error,
        summary: "ItemTotal must equal the sum of each item's Amount times its Quantity",
        source: "SOAP API Developer Reference, August 2012, PaymentDetailsType.ItemTotal; error 10413",
    },
    Rule {
        id: "cart-order-total",
        applies_to: "PaymentDetailsType",
        code: Some(10413),
        severity: Severity::Error,
        summary: "OrderTotal must equal ItemTotal + ShippingTotal + HandlingTotal + TaxTotal + InsuranceTotal \
                  - ShippingDiscount when any of them is sent",
        source: "SOAP API Reference, July 2006, DoExpressCheckoutPayment (#65): 'the sum must equal OrderTotal'",
    },
    Rule {
        id: "cart-tax-total",
        applies_to: "PaymentDetailsType",
        code: Some(10413),
        severity: Severity::Warning,
        summary: "TaxTotal should equal the sum of each item's Tax times its Quantity when items carry Tax",
        source: "SOAP API Developer Reference, August 2012, PaymentDetailsType.TaxTotal ('sum of tax for all items')",
    },
    Rule {
        id: "cart-one-currency",
        applies_to: "PaymentDetailsType",
        code: Some(10418),
        severity: Severity::Error,
        summary: "every amount of a payment (totals, item amounts and taxes) must use OrderTotal's currency",
        source: "SOAP API Reference, July 2006, Express Checkout currency rules (#113, #32, #74); error 10418",
    },
    Rule {
        id: "currency-supported",
        applies_to: "PaymentDetailsType",
        code: Some(10755),
        severity: Severity::Warning,
        summary: "OrderTotal's currency should be one PayPal accepts for payments",
        source: "PayPal Currency codes; SOAP API Reference, July 2006, Table 2-7",
    },
    Rule {
        id: "currency-maximum",
        applies_to: "PaymentDetailsType",
        code: Some(10414),
        severity: Severity::Warning,
        summary: "OrderTotal should not exceed the currency's maximum transaction amount (Table 2-7)",
        source: "SOAP API Reference, July 2006, Table 2-7 (the per-field text says 10,000 USD in any currency)",
    },
    Rule {
        id: "checkout-one-currency",
        applies_to: "SetExpressCheckoutRequestDetailsType",
        code: Some(10444),
        severity: Severity::Error,
        summary: "one checkout uses one currency: every PaymentDetails, OrderTotal and MaxAmount the same",
        source: "SOAP API Reference, July 2006, Express Checkout (#113): do not mix currencies in a checkout",
    },
    Rule {
        id: "checkout-one-currency",
        applies_to: "DoExpressCheckoutPaymentRequestDetailsType",
        code: Some(10444),
        severity: Severity::Error,
        summary: "one checkout uses one currency: every PaymentDetails the same",
        source: "SOAP API Reference, July 2006, Express Checkout (#113): do not mix currencies in a checkout",
    },
    Rule {
        id: "direct-payment-no-order",
        applies_to: "DoDirectPaymentRequestDetailsType",
        code: Some(10004),
        severity: Severity::Error,
        summary: "DoDirectPayment's PaymentAction is Sale or Authorization, never Order",
        source: "SOAP API Reference, July 2006, DoDirectPayment (#50, #61)",
    },
    Rule {
        id: "cvv2-digits",
        applies_to: "CreditCardDetailsType",
        code: Some(10504),
        severity: Severity::Error,
        summary: "CVV2 is 3 digits for Visa, MasterCard and Discover, 4 for Amex",
        source: "SOAP API Reference, July 2006, DoDirectPayment CreditCardDetails (#129)",
    },
    Rule {
        id: "refund-type-amount",
        applies_to: "RefundTransactionRequestType",
        code: Some(10004),
        severity: Severity::Error,
        summary: "RefundType Full takes no Amount; Partial requires a positive Amount",
        source: "SOAP API Reference, July 2006, RefundTransaction (#28)",
    },
    Rule {
        id: "refund-transaction-id",
        applies_to: "RefundTransactionRequestType",
        code: Some(10004),
        severity: Severity::Error,
        summary: "a refund names the TransactionID it refunds (not the Express Checkout token)",
        source: "SOAP API Reference, July 2006, RefundTransaction (#28): TransactionID always required",
    },
    Rule {
        id: "search-date-range",
        applies_to: "TransactionSearchRequestType",
        code: Some(10004),
        severity: Severity::Error,
        summary: "TransactionSearch's EndDate must not be before its StartDate (StartDate itself the schema requires)",
        source: "SOAP API Reference, July 2006, TransactionSearch (#54); error 10004 'End date is invalid'",
    },
    Rule {
        id: "masspay-one-currency",
        applies_to: "MassPayRequestType",
        code: Some(10004),
        severity: Severity::Error,
        summary: "one MassPay request pays in one currency",
        source: "SOAP API Reference, July 2006, MassPay (#122, #152)",
    },
    Rule {
        id: "masspay-one-receiver-kind",
        applies_to: "MassPayRequestType",
        code: Some(10004),
        severity: Severity::Error,
        summary: "MassPay recipients are all identified by ReceiverEmail or all by ReceiverID, never mixed",
        source: "SOAP API Reference, July 2006, MassPay (#117, #154)",
    },
];

/// The rule with this id that applies to `type_name`.
#[must_use]
pub fn rule(type_name: &str, id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.applies_to == type_name && r.id == id)
}

/// True when some rule applies to the schema type `type_name`.
#[must_use]
pub fn has_rules(type_name: &str) -> bool {
    RULES.iter().any(|r| r.applies_to == type_name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_rule_is_listed_once_per_type() {
        for (i, a) in RULES.iter().enumerate() {
            assert!(RULES[..i].iter().all(|b| (b.applies_to, b.id) != (a.applies_to, a.id)), "{} twice", a.id);
            assert!(!a.source.is_empty() && !a.summary.is_empty());
        }
    }

    #[test]
    fn source_keys_name_a_document() {
        assert!(RULES.iter().any(|r| r.source.starts_with("SOAP API Reference, July 2006")));
    }
}
