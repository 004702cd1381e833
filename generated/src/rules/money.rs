//! Exact sums of PayPal amounts for the rules. Every amount is read as an integer number of micro-units (10^-6
//! of the currency unit), so `9.99 × 3` is exactly `29.97` and never a float, and the common amount (`19.95`) is
//! read without allocating: `validate()` walks every amount of a request on every call, and must stay a small
//! fraction of encoding it.

use std::fmt;

use paypal_soap_runtime::Decimal;

use crate::types::BasicAmountType;

/// Fraction digits of the fixed scale. PayPal amounts have at most two; more is reported by the schema checks,
/// and an amount this scale cannot hold exactly is left out of the rules rather than rounded.
const SCALE: u32 = 6;
const ONE: i128 = 1_000_000;

/// An exact amount in micro-units, with the number of fraction digits it was written with (for messages).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Units {
    pub(super) micros: i128,
    pub(super) decimals: u32,
}

impl Units {
    /// Whole units (`5500` is `5500.00`).
    pub(super) fn whole(n: u64) -> Self {
        Self { micros: i128::from(n) * ONE, decimals: 0 }
    }

    pub(super) fn is_positive(self) -> bool {
        self.micros > 0
    }
}

/// The exact value of an amount, or `None` when its text is empty, not an amount, or finer than a micro-unit
/// (the schema checks report those, and a rule that summed without them would blame the wrong field).
pub(super) fn value(a: &BasicAmountType) -> Option<Units> {
    parse_plain(a.value.as_bytes()).or_else(|| {
        // Surrounding whitespace, thousands separators and other rare shapes go through the runtime's full
        // parser.
        let d = Decimal::parse_amount(&a.value).ok()?;
        let micros = i128::from(d.to_minor_units(SCALE)?);
        Some(Units { micros, decimals: d.scale() })
    })
}

/// `[+-]digits[.digits]` of at most 18 digits, in one pass without allocating; `None` for anything else.
fn parse_plain(text: &[u8]) -> Option<Units> {
    /// 10^(SCALE − decimals), by the number of decimals.
    const SHIFT: [i128; 7] = [1_000_000, 100_000, 10_000, 1_000, 100, 10, 1];
    let (negative, body) = match text.first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    // Eighteen digits and a period always fit a u64; longer amounts take the slow path.
    if body.is_empty() || body.len() > 19 {
        return None;
    }
    let (mut n, mut dot) = (0_u64, None);
    for (i, &b) in body.iter().enumerate() {
        let digit = b.wrapping_sub(b'0');
        if digit < 10 {
            n = n * 10 + u64::from(digit);
        } else if b == b'.' && dot.is_none() && i > 0 {
            dot = Some(i);
        } else {
            return None;
        }
    }
    let decimals = dot.map_or(0, |d| body.len() - d - 1);
    let shift = *SHIFT.get(decimals)?;
    let micros = i128::from(n) * shift;
    // `decimals` is at most SCALE here, so it fits a u32.
    Some(Units { micros: if negative { -micros } else { micros }, decimals: decimals as u32 })
}

/// A sum of amounts, each times a count; `None` once it overflows (no payment comes near 10^32).
#[derive(Debug, Clone, Copy)]
pub(super) struct Sum {
    total: Option<i128>,
    decimals: u32,
}

impl Default for Sum {
    fn default() -> Self {
        Self { total: Some(0), decimals: 0 }
    }
}

impl Sum {
    /// Adds `value × times`.
    pub(super) fn add(&mut self, value: Units, times: i64) {
        // Two i64 factors make an exact i128 product in one widening multiply; only larger amounts need the
        // (much slower) checked 128-bit multiply.
        let product = match i64::try_from(value.micros) {
            Ok(m) => Some(i128::from(m) * i128::from(times)),
            Err(_) => value.micros.checked_mul(i128::from(times)),
        };
        self.total = self.total.and_then(|t| t.checked_add(product?));
        self.decimals = self.decimals.max(value.decimals);
    }

    /// The exact total.
    pub(super) fn total(&self) -> Option<Units> {
        Some(Units { micros: self.total?, decimals: self.decimals })
    }
}

impl fmt::Display for Units {
    /// The amount with its own number of decimals (`24.98`, `5500`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.micros < 0 { "-" } else { "" };
        let m = self.micros.unsigned_abs();
        let (int, frac) = (m / ONE.unsigned_abs(), m % ONE.unsigned_abs());
        if self.decimals == 0 && frac == 0 {
            return write!(f, "{sign}{int}");
        }
        let shown = self.decimals.max(1);
        let frac = frac / 10_u128.pow(SCALE - shown.min(SCALE));
        write!(f, "{sign}{int}.{frac:0width$}", width = shown as usize)
    }
}

/// Shows a count times an amount (`2 × 9.99`), or the amount alone when the count is one.
pub(super) struct Times(pub(super) i64, pub(super) Units);

impl fmt::Display for Times {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0 == 1 { write!(f, "{}", self.1) } else { write!(f, "{} × {}", self.0, self.1) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::CurrencyCodeType;

    fn u(text: &str) -> Units {
        value(&BasicAmountType { value: text.to_owned(), currency_id: Some(CurrencyCodeType::Usd) }).unwrap()
    }

    #[test]
    fn sums_are_exact() {
        let mut s = Sum::default();
        s.add(u("9.99"), 3);
        s.add(u("0.1"), 1);
        s.add(u("5"), 1);
        assert_eq!(s.total().unwrap(), u("35.07"));
        assert_eq!(s.total().unwrap().to_string(), "35.07");
        // 0.1 + 0.2 is 0.3 exactly, which floats get wrong.
        let mut s = Sum::default();
        s.add(u("0.1"), 1);
        s.add(u("0.2"), 1);
        assert_eq!(s.total().unwrap().micros, u("0.3").micros);
    }

    #[test]
    fn amounts_are_read_exactly_or_not_at_all() {
        assert_eq!(u("1,234.50").micros, 1_234_500_000);
        assert_eq!(u("-3.00").to_string(), "-3.00");
        assert_eq!(u(" 7 ").to_string(), "7");
        assert_eq!(Units::whole(5500).to_string(), "5500");
        let none = |t: &str| value(&BasicAmountType { value: t.to_owned(), currency_id: None });
        assert_eq!(none(""), None);
        assert_eq!(none("10,00"), None);
        assert_eq!(none("1.0000001"), None);
        assert_eq!(none("$5"), None);
    }

    #[test]
    fn an_overflowing_sum_is_none_rather_than_wrong() {
        let mut s = Sum::default();
        s.add(u("999999999999999999"), i64::MAX);
        assert_eq!(s.total(), None);
    }
}
