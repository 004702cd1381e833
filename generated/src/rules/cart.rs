//! The rules of one payment's amounts (`PaymentDetailsType`): an order total is present, the items add up to
//! ItemTotal, the parts add up to OrderTotal, the item taxes to TaxTotal, every amount is in OrderTotal's
//! currency, and that currency is one PayPal accepts, within its maximum.

use paypal_soap_runtime::validate::{Path, Violation, record_rule};

use super::hooks::rule;
use super::money::{Sum, Times, Units, value};
use super::one_currency::OneCurrency;
use crate::types::{BasicAmountType, CurrencyCodeType, PaymentDetailsType};

const TYPE: &str = "PaymentDetailsType";

/// Every rule of `PaymentDetailsType`.
pub(super) fn payment_details(p: &PaymentDetailsType, path: &mut Path, out: &mut Vec<Violation>) {
    if p.order_total.is_none() {
        if let Some(r) = rule(TYPE, "order-total-required") {
            let message = "a payment needs OrderTotal".to_owned();
            record_rule(path, Some("order_total"), r, message, out);
        }
    }
    let amounts = Amounts::of(p);
    item_total(p, &amounts, path, out);
    order_total(&amounts, path, out);
    tax_total(&amounts, path, out);
    one_currency(p, &amounts, path, out);
    currency_limits(p, &amounts, path, out);
}

/// An item's quantity, 1 when absent (as PayPal reads it).
fn quantity(q: Option<i64>) -> i64 {
    q.unwrap_or(1)
}

/// One total of the payment: `None` when absent, `Some(None)` when its text is not an exact amount.
type Total = Option<Option<Units>>;

/// Every amount of the payment, each read once (a request repeats this for each of its payments on every
/// `validate()`), and what one pass over the items finds: Σ Amount × Quantity, Σ Tax × Quantity, and whether an
/// item is in another currency than OrderTotal.
struct Amounts {
    order: Total,
    item: Total,
    shipping: Total,
    handling: Total,
    tax: Total,
    insurance: Total,
    discount: Total,
    /// `None` when no item has an amount, or when one of them is not an amount: the schema checks report that,
    /// and a rule that summed without it would blame the total.
    item_amounts: Option<Units>,
    /// The same for the items' taxes.
    item_taxes: Option<Units>,
    /// True when some item's amount or tax is in another currency than OrderTotal.
    item_currency_differs: bool,
}

impl Amounts {
    fn of(p: &PaymentDetailsType) -> Self {
        let total = |a: &Option<BasicAmountType>| a.as_ref().map(value);
        let mut one = order_currency(p).map(OneCurrency::of);
        let (mut amounts, mut taxes) = (Sum::default(), Sum::default());
        let (mut priced, mut taxed, mut unreadable_amount, mut unreadable_tax) = (false, false, false, false);
        let mut item_currency_differs = false;
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
            if let Some(one) = &mut one {
                item_currency_differs |=
                    one.differs(item.amount.as_ref()).is_some() || one.differs(item.tax.as_ref()).is_some();
            }
        }
        Self {
            order: total(&p.order_total),
            item: total(&p.item_total),
            shipping: total(&p.shipping_total),
            handling: total(&p.handling_total),
            tax: total(&p.tax_total),
            insurance: total(&p.insurance_total),
            discount: total(&p.shipping_discount),
            item_amounts: amounts.total().filter(|_| priced && !unreadable_amount),
            item_taxes: taxes.total().filter(|_| taxed && !unreadable_tax),
            item_currency_differs,
        }
    }
}

/// OrderTotal's currency, which every amount of the payment must use.
fn order_currency(p: &PaymentDetailsType) -> Option<&CurrencyCodeType> {
    p.order_total.as_ref()?.currency_id.as_ref()
}

/// `ItemTotal = Σ Amount × Quantity` over the items that have an amount.
fn item_total(p: &PaymentDetailsType, amounts: &Amounts, path: &mut Path, out: &mut Vec<Violation>) {
    let (Some(total), Some(Some(item_total))) = (amounts.item_amounts, amounts.item) else { return };
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
fn order_total(amounts: &Amounts, path: &mut Path, out: &mut Vec<Violation>) {
    let Some(Some(order_total)) = amounts.order else { return };
    let parts: [(&str, Total); 5] = [
        ("ItemTotal", amounts.item),
        ("ShippingTotal", amounts.shipping),
        ("HandlingTotal", amounts.handling),
        ("TaxTotal", amounts.tax),
        ("InsuranceTotal", amounts.insurance),
    ];
    let mut sum = Sum::default();
    let mut any = false;
    for (_, part) in parts {
        let Some(part) = part else { continue };
        let Some(a) = part else { return };
        sum.add(a, 1);
        any = true;
    }
    let discount = amounts.discount.map(|d| d.map(|a| Units { micros: -a.micros.abs(), ..a }));
    if let Some(d) = discount {
        let Some(d) = d else { return };
        sum.add(d, 1);
        any = true;
    }
    let Some(total) = sum.total().filter(|_| any) else { return };
    if total.micros != order_total.micros {
        if let Some(r) = rule(TYPE, "cart-order-total") {
            let mut shown: Vec<String> =
                parts.iter().filter_map(|(name, a)| Some(format!("{name} {}", (*a)??))).collect();
            if let Some(Some(d)) = discount {
                shown.push(format!("ShippingDiscount {d}"));
            }
            let message = format!("OrderTotal is {order_total} but its parts add up to {total} ({})", shown.join(", "));
            record_rule(path, Some("order_total"), r, message, out);
        }
    }
}

/// `TaxTotal = Σ Tax × Quantity` when items carry a tax.
fn tax_total(amounts: &Amounts, path: &mut Path, out: &mut Vec<Violation>) {
    let (Some(total), Some(Some(tax_total))) = (amounts.item_taxes, amounts.tax) else { return };
    if total.micros != tax_total.micros {
        if let Some(r) = rule(TYPE, "cart-tax-total") {
            let message = format!("TaxTotal is {tax_total} but the item taxes add up to {total}");
            record_rule(path, Some("tax_total"), r, message, out);
        }
    }
}

/// Every amount of the payment in OrderTotal's currency. The items were compared in the pass that summed them;
/// the path into an item is entered only for an item that breaks the rule.
fn one_currency(p: &PaymentDetailsType, amounts: &Amounts, path: &mut Path, out: &mut Vec<Violation>) {
    let Some(expected) = order_currency(p) else { return };
    let mut check = |path: &mut Path, field: &'static str, a: &Option<BasicAmountType>| {
        let Some((found, expected)) = OneCurrency::of(expected).differs(a.as_ref()) else { return };
        if let Some(r) = rule(TYPE, "cart-one-currency") {
            let message = format!("{field} is in {found}, the order in {expected}");
            record_rule(path, Some(field), r, message, out);
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
    if !amounts.item_currency_differs {
        return;
    }
    for (i, item) in p.payment_details_item.iter().enumerate() {
        let mut one = OneCurrency::of(expected);
        if one.differs(item.amount.as_ref()).is_some() || one.differs(item.tax.as_ref()).is_some() {
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
fn currency_limits(p: &PaymentDetailsType, amounts: &Amounts, path: &mut Path, out: &mut Vec<Violation>) {
    let Some(total) = &p.order_total else { return };
    let Some(code) = total.currency_id.as_ref().map(|c| c.as_str()) else { return };
    let Some(currency) = super::currency(code) else {
        if let Some(r) = rule(TYPE, "currency-supported") {
            let message = format!("PayPal does not list {code} among the currencies it accepts for payments");
            record_rule(path, Some("order_total"), r, message, out);
        }
        return;
    };
    let (Some(max), Some(Some(amount))) = (currency.max_transaction, amounts.order) else { return };
    let max = Units::whole(max);
    if amount.micros > max.micros {
        if let Some(r) = rule(TYPE, "currency-maximum") {
            let message = format!("{} {code} is over PayPal's documented maximum of {max} {code}", amount);
            record_rule(path, Some("order_total"), r, message, out);
        }
    }
}
