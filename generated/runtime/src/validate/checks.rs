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
/// has (none for HUF, JPY and TWD, two otherwise).
pub fn amount(value: &str, currency: Option<&str>) -> Option<ViolationKind> {
    // Requests carry many amounts, so the common shapes are checked by a scan that allocates nothing; only
    // what it does not recognise goes through the full parser, which decides and explains.
    let scale = match plain_amount_scale(value) {
        Some(scale) => scale,
        None => match crate::Decimal::parse_amount(value) {
            Ok(amount) => amount.scale(),
            Err(_) => {
                let reason =
                    format!("{value:?} is not an amount: digits, a period as the decimal separator, no symbol");
                return Some(ViolationKind::InvalidAmount { reason });
            }
        },
    };
    let max_scale = currency.map_or(2, paypal_soap_policy::currencies::decimals);
    (scale > max_scale).then(|| {
        let currency = currency.unwrap_or("this currency");
        let reason = format!("{value:?} has {scale} decimals, at most {max_scale} for {currency}");
        ViolationKind::InvalidAmount { reason }
    })
}

/// The number of decimals of an amount in one of the shapes `Decimal::parse_amount` always accepts
/// (`[+-]digits[.digits]`, or with exact thousands groups `1,234.56`), or `None` for anything else.
pub(super) fn plain_amount_scale(value: &str) -> Option<u32> {
    let bytes = value.as_bytes();
    let bytes = bytes.strip_prefix(b"+").or_else(|| bytes.strip_prefix(b"-")).unwrap_or(bytes);
    let (integer, fraction) = match bytes.iter().position(|&b| b == b'.') {
        Some(dot) => (&bytes[..dot], Some(&bytes[dot + 1..])),
        None => (bytes, None),
    };
    let digits = |part: &[u8]| !part.is_empty() && part.iter().all(u8::is_ascii_digit);
    let integer_ok = if integer.contains(&b',') {
        let mut groups = integer.split(|&b| b == b',');
        let first = groups.next().unwrap_or_default();
        digits(first) && first.len() <= 3 && first[0] != b'0' && groups.all(|g| g.len() == 3 && digits(g))
    } else {
        digits(integer)
    };
    match fraction {
        _ if !integer_ok => None,
        None => Some(0),
        Some(f) if digits(f) => u32::try_from(f.len()).ok(),
        Some(_) => None,
    }
}

/// `Some` for an enumeration value the schema does not list. Not generic (the value is passed as text, which
/// costs a jump-table lookup), so it is compiled once rather than once per enumeration.
#[inline]
pub fn known(is_known: bool, value: &str) -> Option<ViolationKind> {
    if is_known { None } else { Some(ViolationKind::NotInEnumeration { value: value.to_string() }) }
}
