//! [`Decimal`]: an exact `xs:decimal`, kept as its canonical text so that what was received (`5.00`) is what
//! is sent back, and compared by value (`1.50 == 1.5`). Also parses PayPal amounts with thousands separators
//! ([`Decimal::parse_amount`]).

use std::borrow::Cow;
use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;

use crate::xml::{ValueError, XmlScalar};

const EXPECTED: &str = "a decimal number";
const EXPECTED_AMOUNT: &str = "an amount like 1,000.00";

/// An exact decimal number (`xs:decimal`, and the text of PayPal amounts), never a float.
///
/// The value is kept as canonical text: an optional `-`, the integer digits without leading zeros (at least
/// `0`), and the fraction digits exactly as received, trailing zeros included, because they carry meaning for
/// money (`5.00` USD, `500` JPY). Canonicalizing is minimal: a leading `+` and leading integer zeros are dropped,
/// `.5` becomes `0.5`, `5.` becomes `5`, and negative zero loses its sign.
///
/// Equality, ordering and hashing are by value: `1.50 == 1.5`, `-0 == 0`. [`Display`](fmt::Display) writes the
/// canonical text, so `1.50` stays `1.50` on a round trip.
///
/// # Example
/// ```
/// use paypal_soap_runtime::Decimal;
/// let a: Decimal = "+0012.50".parse().unwrap();
/// assert_eq!(a.to_string(), "12.50");
/// assert_eq!(a, "12.5".parse().unwrap());
/// assert_eq!(Decimal::parse_amount("1,000.00").unwrap().to_string(), "1000.00");
/// assert!(Decimal::parse_amount("10,00").is_err());
/// ```
#[derive(Clone)]
pub struct Decimal {
    /// The canonical text (see the type's docs); always ASCII.
    text: String,
}

impl Decimal {
    /// Zero, without fraction digits.
    #[must_use]
    pub fn zero() -> Self {
        Self { text: "0".to_owned() }
    }

    /// Parses a PayPal amount: like [`FromStr`], but the integer part may group its digits by three with
    /// commas (`1,000.00`, `1,234,567`), as PayPal's documentation allows ("the thousands separator must be a
    /// comma"). Grouping must be exact: `10,00`, `1,0000` and `,100` are errors, never read as 10 or 1000.
    /// Surrounding XML whitespace is ignored, because amounts are `xs:string`-derived and the reader keeps
    /// their whitespace.
    ///
    /// # Errors
    /// A [`ValueError`] when the text is not a decimal number or its separators are not exactly every three
    /// digits before the period.
    pub fn parse_amount(text: &str) -> Result<Self, ValueError> {
        let text = text.trim_matches(|c| matches!(c, ' ' | '\t' | '\n' | '\r'));
        if !text.contains(',') {
            return parse(text).map_err(|e| ValueError { expected: EXPECTED_AMOUNT, detail: e.detail });
        }
        let unsigned = text.strip_prefix(['+', '-']).unwrap_or(text);
        let (integer, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
        let mut groups = integer.split(',');
        let first = groups.next().unwrap_or_default();
        let bad_grouping =
            || ValueError::new(EXPECTED_AMOUNT).with_detail("thousands separators must group three digits");
        if first.is_empty() || first.len() > 3 || first.starts_with('0') || fraction.contains(',') {
            return Err(bad_grouping());
        }
        if groups.any(|g| g.len() != 3) {
            return Err(bad_grouping());
        }
        let without: String = text.chars().filter(|&c| c != ',').collect();
        parse(&without).map_err(|e| ValueError { expected: EXPECTED_AMOUNT, detail: e.detail })
    }

    /// Builds `units × 10^-scale`, e.g. `from_minor_units(1234, 2)` is `12.34` and `from_minor_units(-5, 2)` is
    /// `-0.05`. The result has exactly `scale` fraction digits.
    #[must_use]
    pub fn from_minor_units(units: i64, scale: u32) -> Self {
        let digits = units.unsigned_abs().to_string();
        let scale = scale as usize;
        let mut text = String::with_capacity(digits.len() + scale + 3);
        if units < 0 {
            text.push('-');
        }
        if digits.len() > scale {
            let (int, frac) = digits.split_at(digits.len() - scale);
            text.push_str(int);
            if scale > 0 {
                text.push('.');
                text.push_str(frac);
            }
        } else {
            text.push_str("0.");
            text.extend(std::iter::repeat_n('0', scale - digits.len()));
            text.push_str(&digits);
        }
        Self { text }
    }

    /// The value in units of `10^-scale` (`12.34` at scale 2 is 1234), or `None` when that is not exact (more
    /// non-zero fraction digits than `scale`) or does not fit an `i64`.
    #[must_use]
    pub fn to_minor_units(&self, scale: u32) -> Option<i64> {
        let frac = self.fraction_part();
        let scale = scale as usize;
        let (kept, dropped) = if frac.len() > scale { frac.split_at(scale) } else { (frac, "") };
        if dropped.bytes().any(|b| b != b'0') {
            return None;
        }
        let mut magnitude: i128 = 0;
        let padding = scale - kept.len();
        let digits = self.integer_part().bytes().chain(kept.bytes()).chain(std::iter::repeat_n(b'0', padding));
        for b in digits {
            magnitude = magnitude.checked_mul(10)?.checked_add(i128::from(b - b'0'))?;
            if magnitude > i128::from(i64::MAX) + 1 {
                return None;
            }
        }
        let value = if self.is_negative() { -magnitude } else { magnitude };
        i64::try_from(value).ok()
    }

    /// The number of fraction digits as written (`5.00` has scale 2, `5` has scale 0).
    #[must_use]
    pub fn scale(&self) -> u32 {
        u32::try_from(self.fraction_part().len()).unwrap_or(u32::MAX)
    }

    /// True for values below zero (negative zero is canonicalized to zero, so never for zero).
    #[must_use]
    pub fn is_negative(&self) -> bool {
        self.text.starts_with('-')
    }

    /// True when the value is zero, whatever its scale.
    #[must_use]
    pub fn is_zero(&self) -> bool {
        self.text.bytes().all(|b| matches!(b, b'0' | b'.'))
    }

    /// The integer digits without sign (`-12.50` gives `12`; at least `0`).
    #[must_use]
    pub fn integer_part(&self) -> &str {
        let unsigned = self.text.strip_prefix('-').unwrap_or(&self.text);
        unsigned.split_once('.').map_or(unsigned, |(int, _)| int)
    }

    /// The fraction digits as written (`-12.50` gives `50`; empty without a fraction).
    #[must_use]
    pub fn fraction_part(&self) -> &str {
        self.text.split_once('.').map_or("", |(_, frac)| frac)
    }

    /// The canonical text, the same as [`Display`](fmt::Display) writes.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The fraction digits with trailing zeros removed: the part that matters for the value.
    fn significant_fraction(&self) -> &str {
        self.fraction_part().trim_end_matches('0')
    }
}

/// Parses strict `xs:decimal` text into its canonical form.
fn parse(text: &str) -> Result<Decimal, ValueError> {
    let (negative, unsigned) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let (int, frac) = match unsigned.split_once('.') {
        Some((int, frac)) => (int, frac),
        None => (unsigned, ""),
    };
    if int.is_empty() && frac.is_empty() {
        let detail = if text.is_empty() { "empty" } else { "no digits" };
        return Err(ValueError::new(EXPECTED).with_detail(detail));
    }
    if let Some(bad) = int.bytes().chain(frac.bytes()).find(|b| !b.is_ascii_digit()) {
        let detail = match bad {
            b'e' | b'E' => "exponents are not allowed".to_owned(),
            b',' => "commas are not allowed".to_owned(),
            _ => format!("unexpected character {:?}", char::from(bad)),
        };
        return Err(ValueError::new(EXPECTED).with_detail(detail));
    }
    let int = int.trim_start_matches('0');
    let is_zero = int.is_empty() && frac.bytes().all(|b| b == b'0');
    let mut canonical = String::with_capacity(int.len() + frac.len() + 3);
    if negative && !is_zero {
        canonical.push('-');
    }
    canonical.push_str(if int.is_empty() { "0" } else { int });
    if !frac.is_empty() {
        canonical.push('.');
        canonical.push_str(frac);
    }
    Ok(Decimal { text: canonical })
}

impl FromStr for Decimal {
    type Err = ValueError;

    /// Parses `xs:decimal` text: an optional sign, digits, and an optional period with fraction digits. No
    /// exponent, no separators, no whitespace, not empty.
    fn from_str(text: &str) -> Result<Self, ValueError> {
        parse(text)
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl fmt::Debug for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Decimal({})", self.text)
    }
}

impl Default for Decimal {
    fn default() -> Self {
        Self::zero()
    }
}

impl PartialEq for Decimal {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Decimal {}

impl PartialOrd for Decimal {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Decimal {
    fn cmp(&self, other: &Self) -> Ordering {
        match (self.is_negative(), other.is_negative()) {
            (false, true) => Ordering::Greater,
            (true, false) => Ordering::Less,
            (false, false) => cmp_magnitude(self, other),
            (true, true) => cmp_magnitude(other, self),
        }
    }
}

/// Compares absolute values: canonical integer parts have no leading zeros, so the longer one is larger.
fn cmp_magnitude(a: &Decimal, b: &Decimal) -> Ordering {
    let (ai, bi) = (a.integer_part(), b.integer_part());
    ai.len()
        .cmp(&bi.len())
        .then_with(|| ai.cmp(bi))
        .then_with(|| a.significant_fraction().cmp(b.significant_fraction()))
}

impl Hash for Decimal {
    fn hash<H: Hasher>(&self, state: &mut H) {
        // Hashes exactly what `cmp` compares, so values equal by value hash alike.
        self.is_negative().hash(state);
        self.integer_part().hash(state);
        self.significant_fraction().hash(state);
    }
}

macro_rules! decimal_from_int {
    ($($t:ty),*) => {$(
        impl From<$t> for Decimal {
            fn from(v: $t) -> Self {
                Self { text: v.to_string() }
            }
        }
    )*};
}
decimal_from_int!(i8, i16, i32, i64, i128, u8, u16, u32, u64, u128, isize, usize);

impl XmlScalar for Decimal {
    const EMPTY_IS_ABSENT: bool = true;

    fn to_xml_text(&self) -> Cow<'_, str> {
        Cow::Borrowed(&self.text)
    }

    fn from_xml_text(text: &str) -> Result<Self, ValueError> {
        parse(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn canonicalizes_minimally() {
        for (input, canonical) in [
            ("0", "0"),
            ("+1.50", "1.50"),
            ("007", "7"),
            ("-0.00", "0.00"),
            ("-0", "0"),
            (".5", "0.5"),
            ("5.", "5"),
            ("-000.010", "-0.010"),
            ("123456789012345678901234567890.123456789", "123456789012345678901234567890.123456789"),
        ] {
            assert_eq!(d(input).to_string(), canonical, "{input}");
        }
    }

    #[test]
    fn rejects_what_is_not_xs_decimal() {
        for input in ["", "+", "-", ".", "1e5", "1E5", "1,000", "1 000", " 1", "1.2.3", "0x10", "--1", "1-", "NaN", "١"]
        {
            assert!(input.parse::<Decimal>().is_err(), "{input:?} should be rejected");
        }
        let err = "1e5".parse::<Decimal>().unwrap_err();
        assert_eq!(err.to_string(), "expected a decimal number (exponents are not allowed)");
        assert_eq!("".parse::<Decimal>().unwrap_err().detail.as_deref(), Some("empty"));
    }

    #[test]
    fn equality_and_order_are_by_value() {
        assert_eq!(d("1.50"), d("1.5"));
        assert_eq!(d("-0.0"), d("0"));
        assert_ne!(d("1.05"), d("1.5"));
        let mut values: Vec<Decimal> = ["10", "-2.5", "9.99", "-10", "0.001", "0", "-2.49"].map(d).to_vec();
        values.sort();
        let sorted: Vec<String> = values.iter().map(ToString::to_string).collect();
        assert_eq!(sorted, ["-10", "-2.5", "-2.49", "0", "0.001", "9.99", "10"]);
        assert!(d("100") > d("99.999"));
        assert!(d("-100") < d("-99.999"));
    }

    #[test]
    fn equal_values_hash_alike() {
        use std::collections::HashSet;
        let set: HashSet<Decimal> = ["1.5", "1.50", "+01.500"].map(d).into_iter().collect();
        assert_eq!(set.len(), 1);
    }

    #[test]
    fn parts_scale_and_sign() {
        let v = d("-12.50");
        assert_eq!((v.integer_part(), v.fraction_part(), v.scale(), v.is_negative()), ("12", "50", 2, true));
        assert_eq!(d("5").scale(), 0);
        assert!(d("0.00").is_zero());
        assert!(!d("0.01").is_zero());
    }

    #[test]
    fn minor_units_both_ways() {
        assert_eq!(Decimal::from_minor_units(1234, 2).to_string(), "12.34");
        assert_eq!(Decimal::from_minor_units(-5, 2).to_string(), "-0.05");
        assert_eq!(Decimal::from_minor_units(0, 2).to_string(), "0.00");
        assert_eq!(Decimal::from_minor_units(500, 0).to_string(), "500");
        assert_eq!(Decimal::from_minor_units(i64::MIN, 2).to_string(), "-92233720368547758.08");
        assert_eq!(d("12.34").to_minor_units(2), Some(1234));
        assert_eq!(d("12.3").to_minor_units(2), Some(1230));
        assert_eq!(d("12.340").to_minor_units(2), Some(1234));
        assert_eq!(d("12.345").to_minor_units(2), None);
        assert_eq!(d("-92233720368547758.08").to_minor_units(2), Some(i64::MIN));
        assert_eq!(d("92233720368547758.08").to_minor_units(2), None);
    }

    #[test]
    fn from_integers() {
        assert_eq!(Decimal::from(-42i32).to_string(), "-42");
        assert_eq!(Decimal::from(u64::MAX).to_string(), "18446744073709551615");
    }

    #[test]
    fn amounts_accept_exact_thousands_grouping_only() {
        for (input, value) in [
            ("1,000.00", "1000.00"),
            ("1,234,567.89", "1234567.89"),
            ("999", "999"),
            ("12,345", "12345"),
            ("-1,000.5", "-1000.5"),
            (" 5.00\n", "5.00"),
        ] {
            assert_eq!(Decimal::parse_amount(input).unwrap().to_string(), value, "{input:?}");
        }
        for input in ["10,00", "1,0000", ",100", "1,00,000", "1000,000", "0,100", "1,000.0,0", "1,", "", "1.000,00"] {
            assert!(Decimal::parse_amount(input).is_err(), "{input:?} should be rejected");
        }
        assert_eq!(
            Decimal::parse_amount("10,00").unwrap_err().to_string(),
            "expected an amount like 1,000.00 (thousands separators must group three digits)"
        );
    }

    #[test]
    fn xml_scalar_round_trip() {
        const { assert!(Decimal::EMPTY_IS_ABSENT) };
        let v = Decimal::from_xml_text("12.50").unwrap();
        assert_eq!(v.to_xml_text(), "12.50");
    }
}
