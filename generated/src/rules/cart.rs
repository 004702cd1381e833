//! The rules of one payment's amounts (`PaymentDetailsType`): an order total is present, the items add up to
//! ItemTotal, the parts add up to OrderTotal, the item taxes to TaxTotal, every amount is in OrderTotal's
//! currency, and that currency is one PayPal accepts, within its maximum.

use paypal_soap_runtime::validate::{Path, Violation, record_rule};

use super::hooks::rule;
use super::money::{Sum, Times, Units, value};
use crate::types::{BasicAmountType, PaymentDetailsType};

const TYPE: &str = "PaymentDetailsType";

/// Every rule of `PaymentDetailsType`.
pub(super) fn payment_details(p: &PaymentDetailsType, path: &mut Path, out: &mut Vec<Violation>) {
    if p.order_total.is_none() {
        if let Some(r) = rule(TYPE, "order-total-required") {
            let message = "a payment needs OrderTotal".to_owned();
            record_rule(path, Some("order_total"), r, message, out);
        }
    }
    let items = ItemSums::of(p);
    item_total(p, &items, path, out);
    order_total(p, path, out);
    tax_total(p, &items, path, out);
    one_currency(p, path, out);
    currency_limits(p, path, out);
}

/// An item's quantity, 1 when absent (as PayPal reads it).
fn quantity(q: Option<i64>) -> i64 {
    q.unwrap_or(1)
}

/// Σ Amount × Quantity and Σ Tax × Quantity over the items, in one pass (a request repeats this for each of
/// its payments on every `validate()`). A sum is `None` when no item has that amount, or when one of them is
/// not an amount: the schema checks report that, and a rule that summed without it would blame the total.
struct ItemSums {
    amounts: Option<Units>,
    taxes: Option<Units>,
}

impl ItemSums {
    fn of(p: &PaymentDetailsType) -> Self {
        let (mut amounts, mut taxes) = (Sum::default(), Sum::default());
        let (mut priced, mut taxed, mut unreadable_amount, mut unreadable_tax) = (false, false, false, false);
        for item in &p.payment_details_item {
            let q = quantity(item.quantity);
            if let Some(a) = &item.amount {
                priced = true;
                match value(a) {
                    Some(a) => amounts.add(a, q),
                    None => unreadable_amount = true,
                }
            }
            if let Some(t) = &item.tax {
                taxed = true;
                match value(t) {
                    Some(t) => taxes.add(t, q),
                    None => unreadable_tax = true,
                }
            }
        }
        Self {
            amounts: amounts.total().filter(|_| priced && !unreadable_amount),
            taxes: taxes.total().filter(|_| taxed && !unreadable_tax),
        }
    }
}

/// `ItemTotal = Σ Amount × Quantity` over the items that have an amount.
fn item_total(p: &PaymentDetailsType, items: &ItemSums, path: &mut Path, out: &mut Vec<Violation>) {
    let (Some(total), Some(item_total)) = (items.amounts, p.item_total.as_ref().and_then(value)) else { return };
    if total.micros != item_total.micros {
        if let Some(r) = rule(TYPE, "cart-item-total") {
            // The terms are written out only now: a cart that adds up costs no text.
            let terms: Vec<String> = p
                .payment_details_item
                .iter()
                .filter_map(|i| Some(Times(quantity(i.quantity), value(i.amount.as_ref()?)?).to_string()))
                .collect();
            let message = format!("ItemTotal is {item_total} but the items add up to {total} ({})", terms.join(" + "));
            record_rule(path, Some("item_total"), r, message, out);
        }
    }
}

/// `OrderTotal = ItemTotal + ShippingTotal + HandlingTotal + TaxTotal + InsuranceTotal − |ShippingDiscount|`,
/// when any part is sent. PayPal documents the discount as a negative amount; a positive one is subtracted too.
fn order_total(p: &PaymentDetailsType, path: &mut Path, out: &mut Vec<Violation>) {
    let Some(order_total) = p.order_total.as_ref().and_then(value) else { return };
    let parts: [(&str, &Option<BasicAmountType>); 5] = [
        ("ItemTotal", &p.item_total),
        ("ShippingTotal", &p.shipping_total),
        ("HandlingTotal", &p.handling_total),
        ("TaxTotal", &p.tax_total),
        ("InsuranceTotal", &p.insurance_total),
    ];
    let mut sum = Sum::default();
    let mut any = false;
    for (_, part) in &parts {
        let Some(part) = part else { continue };
        let Some(a) = value(part) else { return };
        sum.add(a, 1);
        any = true;
    }
    let discount = p.shipping_discount.as_ref().map(|d| value(d).map(|a| Units { micros: -a.micros.abs(), ..a }));
    if let Some(d) = discount {
        let Some(d) = d else { return };
        sum.add(d, 1);
        any = true;
    }
    let Some(total) = sum.total().filter(|_| any) else { return };
    if total.micros != order_total.micros {
        if let Some(r) = rule(TYPE, "cart-order-total") {
            let mut shown: Vec<String> =
                parts.iter().filter_map(|(name, a)| Some(format!("{name} {}", value(a.as_ref()?)?))).collect();
            if let Some(Some(d)) = discount {
                shown.push(format!("ShippingDiscount {d}"));
            }
            let message = format!("OrderTotal is {order_total} but its parts add up to {total} ({})", shown.join(", "));
            record_rule(path, Some("order_total"), r, message, out);
        }
    }
}

/// `TaxTotal = Σ Tax × Quantity` when items carry a tax.
fn tax_total(p: &PaymentDetailsType, items: &ItemSums, path: &mut Path, out: &mut Vec<Violation>) {
    let (Some(total), Some(tax_total)) = (items.taxes, p.tax_total.as_ref().and_then(value)) else { return };
    if total.micros != tax_total.micros {
        if let Some(r) = rule(TYPE, "cart-tax-total") {
            let message = format!("TaxTotal is {tax_total} but the item taxes add up to {total}");
            record_rule(path, Some("tax_total"), r, message, out);
        }
    }
}

/// Every amount of the payment in OrderTotal's currency.
fn one_currency(p: &PaymentDetailsType, path: &mut Path, out: &mut Vec<Violation>) {
    let Some(expected) = p.order_total.as_ref().and_then(|a| a.currency_id.as_ref()) else { return };
    // Currencies are compared as enum values, and the rule is looked up only for a mismatch: every amount of a
    // request passes here on every `validate()`.
    let mut check = |path: &mut Path, field: &'static str, a: &Option<BasicAmountType>| {
        let Some(currency) = a.as_ref().and_then(|a| a.currency_id.as_ref()) else { return };
        if currency != expected {
            if let Some(r) = rule(TYPE, "cart-one-currency") {
                let message = format!("{field} is in {}, the order in {}", currency.as_str(), expected.as_str());
                record_rule(path, Some(field), r, message, out);
            }
        }
    };
    for (field, a) in [
        ("item_total", &p.item_total),
        ("shipping_total", &p.shipping_total),
        ("handling_total", &p.handling_total),
        ("tax_total", &p.tax_total),
        ("insurance_total", &p.insurance_total),
        ("shipping_discount", &p.shipping_discount),
    ] {
        check(path, field, a);
    }
    // The path into an item is entered only for an item that breaks the rule.
    let differs =
        |a: &Option<BasicAmountType>| a.as_ref().and_then(|a| a.currency_id.as_ref()).is_some_and(|c| c != expected);
    for (i, item) in p.payment_details_item.iter().enumerate() {
        if differs(&item.amount) || differs(&item.tax) {
            path.field("payment_details_item", |path| {
                path.index(i, |path| {
                    check(path, "amount", &item.amount);
                    check(path, "tax", &item.tax);
                });
            });
        }
    }
}

/// OrderTotal's currency is one PayPal accepts, and the amount within that currency's documented maximum.
fn currency_limits(p: &PaymentDetailsType, path: &mut Path, out: &mut Vec<Violation>) {
    let Some(total) = &p.order_total else { return };
    let Some(code) = total.currency_id.as_ref().map(|c| c.as_str()) else { return };
    let Some(currency) = super::currency(code) else {
        if let Some(r) = rule(TYPE, "currency-supported") {
            let message = format!("PayPal does not list {code} among the currencies it accepts for payments");
            record_rule(path, Some("order_total"), r, message, out);
        }
        return;
    };
    let (Some(max), Some(amount)) = (currency.max_transaction, value(total)) else { return };
    let max = Units::whole(max);
    if amount.micros > max.micros {
        if let Some(r) = rule(TYPE, "currency-maximum") {
            let message = format!("{} {code} is over PayPal's documented maximum of {max} {code}", amount);
            record_rule(path, Some("order_total"), r, message, out);
        }
    }
}
