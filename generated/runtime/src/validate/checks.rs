//! The fast checks generated code calls: each returns the violation, if any, without touching the path, so a
//! valid value costs a comparison and the path is entered only to record a violation.

use super::{ViolationKind, as_u64};

/// `Some` when `s` has more than `max` characters.
#[inline]
pub fn max_len(s: &str, max: u64) -> Option<ViolationKind> {
    // A string of at most `max` bytes has at most `max` characters, so most values skip the count.
    if as_u64(s.len()) <= max {
        return None;
    }
    let actual = as_u64(s.chars().count());
    (actual > max).then_some(ViolationKind::MaxLength { max, actual })
}

/// `Some` when `s` has fewer than `min` characters.
#[inline]
pub fn min_len(s: &str, min: u64) -> Option<ViolationKind> {
    let actual = as_u64(s.chars().count());
    (actual < min).then_some(ViolationKind::MinLength { min, actual })
}

/// `Some` when `s` does not have exactly `expected` characters.
#[inline]
pub fn len(s: &str, expected: u64) -> Option<ViolationKind> {
    let actual = as_u64(s.chars().count());
    (actual != expected).then_some(ViolationKind::Length { expected, actual })
}

/// `Some` when an integer is below `min`.
#[inline]
pub fn min_inclusive(value: i64, min: i64) -> Option<ViolationKind> {
    (value < min).then(|| ViolationKind::MinInclusive { min: min.to_string(), actual: value.to_string() })
}

/// `Some` when an integer is above `max`.
#[inline]
pub fn max_inclusive(value: i64, max: i64) -> Option<ViolationKind> {
    (value > max).then(|| ViolationKind::MaxInclusive { max: max.to_string(), actual: value.to_string() })
}

/// `Some` for an amount PayPal would refuse: a currency symbol or any character other than digits, one period
/// and thousands commas in groups of three; a comma as the decimal separator; more decimals than the currency
/// has (none for HUF, JPY and TWD, two otherwise). The text is read by [`amount::read`](super::amount::read),
/// the same single pass the business rules use for its value.
#[inline]
pub fn amount(value: &str, currency: Option<&str>) -> Option<ViolationKind> {
    let Some(super::amount::Amount { scale, .. }) = super::amount::read(value) else {
        let reason = format!("{value:?} is not an amount: digits, a period as the decimal separator, no symbol");
        return Some(ViolationKind::InvalidAmount { reason });
    };
    let max_scale = currency.map_or(2, paypal_soap_policy::currencies::decimals);
    (scale > max_scale).then(|| {
        let currency = currency.unwrap_or("this currency");
        let reason = format!("{value:?} has {scale} decimals, at most {max_scale} for {currency}");
        ViolationKind::InvalidAmount { reason }
    })
}

/// The violation of an enumeration value the schema does not list. Generated validators call it only once
/// `is_known()` has said no, so a listed value costs one comparison and its text is never looked up.
#[cold]
pub fn not_listed(value: &str) -> ViolationKind {
    ViolationKind::NotInEnumeration { value: value.to_string() }
}
