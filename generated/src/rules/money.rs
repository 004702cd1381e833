//! Exact sums of PayPal amounts for the rules: every amount is brought to one scale (the largest number of
//! decimals among those summed) as an integer, so `9.99 × 3` is exactly `29.97`, never a float.

use std::fmt;

use paypal_soap_runtime::Decimal;

use crate::types::BasicAmountType;

/// The exact value of an amount, or `None` when its text is empty or not an amount (the schema checks report
/// that, and a rule that summed without it would blame the wrong field).
pub(super) fn value(a: &BasicAmountType) -> Option<Decimal> {
    a.amount().ok().flatten()
}

/// A sum of amounts, each times a count, kept exact: the terms are kept until the total is asked for, so the
/// scale is the largest among them.
#[derive(Debug, Default, Clone)]
pub(super) struct Sum {
    terms: Vec<(Decimal, i64)>,
}

impl Sum {
    /// Adds `value × times`.
    pub(super) fn add(&mut self, value: &Decimal, times: i64) {
        self.terms.push((value.clone(), times));
    }

    /// The exact total, or `None` when it overflows (amounts of more than 10^20 are not payments).
    pub(super) fn total(&self) -> Option<Decimal> {
        let scale = self.terms.iter().map(|(v, _)| v.scale()).max().unwrap_or(0);
        let mut total: i128 = 0;
        for (value, times) in &self.terms {
            let units = i128::from(value.to_minor_units(scale)?);
            total = total.checked_add(units.checked_mul(i128::from(*times))?)?;
        }
        Some(Decimal::from_minor_units(i64::try_from(total).ok()?, scale))
    }
}

/// Shows a count times an amount (`2 × 9.99`), or the amount alone when the count is one.
pub(super) struct Times<'a>(pub(super) i64, pub(super) &'a Decimal);

impl fmt::Display for Times<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0 == 1 { write!(f, "{}", self.1) } else { write!(f, "{} × {}", self.0, self.1) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    #[test]
    fn sums_are_exact_at_the_largest_scale() {
        let mut s = Sum::default();
        s.add(&d("9.99"), 3);
        s.add(&d("0.1"), 1);
        s.add(&d("5"), 1);
        assert_eq!(s.total().unwrap(), d("35.07"));
        assert_eq!(s.total().unwrap().to_string(), "35.07");
        // 0.1 + 0.2 is 0.3 exactly, which floats get wrong.
        let mut s = Sum::default();
        s.add(&d("0.1"), 1);
        s.add(&d("0.2"), 1);
        assert_eq!(s.total().unwrap(), d("0.3"));
    }

    #[test]
    fn an_overflowing_sum_is_none_rather_than_wrong() {
        let mut s = Sum::default();
        s.add(&d("9223372036854775807"), 2);
        assert_eq!(s.total(), None);
    }
}
