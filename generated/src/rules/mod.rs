//! PayPal's business rules that its schema cannot express, checked by `validate()` before a request is sent:
//! cart totals that must add up (error 10413, the classic error merchants report most), one currency per payment
//! and per checkout, refund types and amounts, CVV2 lengths, search date ranges, MassPay's one currency and one
//! kind of recipient.
//!
//! The list of rules, with each one's PayPal error code, severity and source, is data: [`RULES`] (from
//! `paypal_soap_policy`). The generator reads it to make the `validate()` of each listed type call that type's
//! hook here after its schema checks; a broken rule is a [`Violation`](crate::Violation) whose
//! [`code`](crate::Violation::code) is the PayPal error it prevents and whose path is the offending field:
//!
//! ```
//! use paypal_soap::Validate;
//! use paypal_soap::types::*;
//!
//! let usd = |cents| BasicAmountType::from_minor(CurrencyCodeType::Usd, cents);
//! let cart = PaymentDetailsType::default()
//!     .payment_details_item(PaymentDetailsItemType::default().name("Mug").quantity(2).amount(usd(999)))
//!     .item_total(usd(1999)) // 2 × 9.99 is 19.98
//!     .order_total(usd(1999));
//! let err = cart.validate().unwrap_err();
//! let v = err.of_rule("cart-item-total").next().unwrap();
//! assert_eq!((v.path.as_str(), v.code()), ("item_total", Some(10413)));
//! ```
//!
//! A rule PayPal documents ambiguously is a [`Severity::Warning`]: [`Validate::report`](crate::Validate::report)
//! lists it, `validate()` passes, and the client logs it and sends the request.

mod cart;
pub(crate) mod hooks;
mod money;
mod one_currency;

pub use paypal_soap_runtime::policy::currencies::{CURRENCIES, Currency, currency};
pub use paypal_soap_runtime::policy::rules::{RULES, Rule, Severity};
