//! Exact sums of PayPal amounts for the rules. Every amount is read as an integer number of micro-units (10^-6
//! of the currency unit), so `9.99 × 3` is exactly `29.97` and never a float, and every amount is read in one
//! pass without allocating: `validate()` walks every amount of a request on every call, and must stay a small
//! fraction of encoding it.

use std::fmt;

use paypal_soap_runtime::validate::amount;

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
/// (the schema checks report those, and a rule that summed without them would blame the wrong field). The text
/// is read by the runtime's one-pass reader, the same the schema's scale check uses.
pub(super) fn value(a: &BasicAmountType) -> Option<Units> {
    /// 10^(SCALE − decimals), by the number of decimals.
    const SHIFT: [i128; SCALE as usize] = [1_000_000, 100_000, 10_000, 1_000, 100, 10];
    let read = amount::read(&a.value)?;
    let units = read.units?;
    let micros = match read.scale.checked_sub(SCALE) {
        // An i64 times at most 10^6 always fits an i128; only larger amounts need the slower checked multiply.
        None => {
            let shift = SHIFT[read.scale as usize];
            match i64::try_from(units) {
                Ok(u) => i128::from(u) * shift,
                Err(_) => units.checked_mul(shift)?,
            }
        }
        // More decimals than a micro-unit: exact only when the extra ones are zeros (`1.0000000`).
        Some(extra) => match 10_i128.checked_pow(extra) {
            Some(d) if units % d == 0 => units / d,
            None if units == 0 => 0,
            _ => return None,
        },
    };
    Some(Units { micros, decimals: read.scale })
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
