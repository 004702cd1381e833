//! Reading a PayPal amount's text once for everything `validate()` needs from it: the number of decimals, which
//! the schema check holds to the currency's, and the exact value, which the business rules add up. A request
//! carries hundreds of amounts and `validate()` reads each one, so this is a single pass over the bytes that
//! allocates nothing.

/// An amount read from its text: `-1,234.50` is 123450 units of its last decimal, negated, at scale 2.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Amount {
    /// The value in units of its last decimal (`-12.50` is `-1250`), or `None` when the digits do not fit an
    /// `i128` (more than 38 of them).
    pub units: Option<i128>,
    /// The number of decimals as written (`12.50` has 2, `5` and `5.` have 0).
    pub scale: u32,
}

/// Reads `text` as a PayPal amount, or `None` when it is not one. Accepts exactly what
/// [`Decimal::parse_amount`](crate::Decimal::parse_amount) accepts: surrounding XML whitespace, an optional
/// sign, digits with an optional period, and thousands commas only in exact groups of three (`1,234.56`); never
/// a currency symbol, a decimal comma (`10,00`) or an exponent.
#[must_use]
#[inline]
pub fn read(text: &str) -> Option<Amount> {
    // Nearly every amount a request carries is plain (`19.95`, `-3`) and is read by one tight loop; thousands
    // commas, surrounding whitespace, long amounts and anything wrong go through the general reader.
    plain(text.as_bytes()).or_else(|| general(text.as_bytes()))
}

/// `[+-]digits[.digits]` with at most 19 digits, which always fit a `u64`; `None` for anything else.
#[inline]
fn plain(bytes: &[u8]) -> Option<Amount> {
    let (negative, body) = unsigned(bytes);
    if body.len() > 20 {
        return None;
    }
    let (mut n, mut dot) = (0_u64, None);
    for (i, &b) in body.iter().enumerate() {
        let digit = b.wrapping_sub(b'0');
        if digit < 10 {
            n = n.wrapping_mul(10).wrapping_add(u64::from(digit));
        } else if b == b'.' && dot.is_none() {
            dot = Some(i);
        } else {
            return None;
        }
    }
    let decimals = dot.map_or(0, |d| body.len() - d - 1);
    let digits = body.len() - usize::from(dot.is_some());
    if digits == 0 || digits > 19 {
        return None;
    }
    let units = i128::from(n);
    Some(Amount { units: Some(if negative { -units } else { units }), scale: u32::try_from(decimals).ok()? })
}

/// Whether `bytes` starts with a minus sign, and `bytes` without its sign.
#[inline]
fn unsigned(bytes: &[u8]) -> (bool, &[u8]) {
    match bytes.first() {
        Some(b'-') => (true, &bytes[1..]),
        Some(b'+') => (false, &bytes[1..]),
        _ => (false, bytes),
    }
}

/// Any amount: surrounding whitespace, thousands commas, digits beyond a `u64`. Kept out of line so that the
/// plain path stays small enough to inline where amounts are checked and summed.
#[inline(never)]
fn general(bytes: &[u8]) -> Option<Amount> {
    let (negative, body) = unsigned(trim_xml_space(bytes));
    // Up to 19 digits fit a u64, which takes one multiply-add per digit; longer amounts are read again below
    // into an i128.
    let mut small = 0_u64;
    let mut digits = 0_usize;
    // Digits since the last thousands comma, once there is one.
    let mut group: Option<usize> = None;
    let mut rest = body.iter();
    for &b in rest.by_ref() {
        match b {
            b'0'..=b'9' => {
                small = small.wrapping_mul(10).wrapping_add(u64::from(b - b'0'));
                digits += 1;
                group = group.map(|g| g + 1);
            }
            b',' => {
                let grouped = match group {
                    // The first group: one to three digits, not starting with a zero.
                    None => (1..=3).contains(&digits) && body[0] != b'0',
                    Some(g) => g == 3,
                };
                if !grouped {
                    return None;
                }
                group = Some(0);
            }
            b'.' => break,
            _ => return None,
        }
    }
    if group.is_some_and(|g| g != 3) {
        return None;
    }
    let mut decimals = 0_usize;
    for &b in rest {
        if !b.is_ascii_digit() {
            return None;
        }
        small = small.wrapping_mul(10).wrapping_add(u64::from(b - b'0'));
        decimals += 1;
    }
    if digits == 0 && decimals == 0 {
        return None;
    }
    let units = if digits + decimals <= 19 { Some(i128::from(small)) } else { wide(body) };
    let scale = u32::try_from(decimals).ok()?;
    Some(Amount { units: if negative { units.map(|u| -u) } else { units }, scale })
}

/// The digits of an amount already read, as an `i128`, or `None` when there are more than it holds.
#[cold]
fn wide(body: &[u8]) -> Option<i128> {
    body.iter()
        .filter(|b| b.is_ascii_digit())
        .try_fold(0_i128, |n, &b| n.checked_mul(10)?.checked_add(i128::from(b - b'0')))
}

/// `bytes` without the XML whitespace around it (amounts are `xs:string`-derived, so the reader keeps it).
#[inline]
fn trim_xml_space(bytes: &[u8]) -> &[u8] {
    let space = |b: &u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r');
    let start = bytes.iter().position(|b| !space(b)).unwrap_or(bytes.len());
    let end = bytes.iter().rposition(|b| !space(b)).map_or(start, |i| i + 1);
    &bytes[start..end]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Decimal;

    /// The reader must accept exactly what `Decimal::parse_amount` accepts, with the same scale and value, and
    /// its general path must agree with its plain one.
    #[test]
    fn read_agrees_with_the_parser() {
        for text in [
            "10.00",
            "1,000.00",
            "1,234,567",
            "0.5",
            "+3.25",
            "-1.00",
            "-0.00",
            "007.10",
            "10,00",
            "1,0000",
            ",100",
            "0,100",
            "00,100",
            "+,100",
            "1,.5",
            "1,000.",
            "-1,000.5",
            "$10.00",
            "10.",
            ".5",
            "-.5",
            ".",
            "-",
            "+-1",
            "1e3",
            "",
            "   ",
            " 10.00",
            "\t10.00\r\n",
            "10 .00",
            "1,000.5,0",
            "1,000.00.0",
            "1.2.3",
            "12.345",
            "１２",
            "999999999999999999.99",
        ] {
            let parsed = Decimal::parse_amount(text).ok();
            let read = read(text);
            assert_eq!(general(text.as_bytes()), read, "{text:?}");
            assert_eq!(read.map(|a| a.scale), parsed.as_ref().map(Decimal::scale), "{text:?}");
            let refused = parsed.as_ref().is_none_or(|p| p.scale() > 2);
            assert_eq!(crate::validate::checks::amount(text, None).is_some(), refused, "{text:?}");
            // Where the value fits the parser's i64, the two agree on it too.
            if let (Some(read), Some(exact)) = (read, parsed.and_then(|p| p.to_minor_units(p.scale()))) {
                assert_eq!(read.units, Some(i128::from(exact)), "{text:?}");
            }
        }
    }

    proptest::proptest! {
        /// Text shaped like an amount, with the characters that matter (digits, separators, signs, XML space, a
        /// symbol) in odd places, agrees with the parser too.
        #[test]
        fn read_agrees_with_the_parser_on_any_text(text in "[ \t]?[+\\-]?[0-9,]{0,9}[.]?[0-9,.$+]{0,4}[ ]?") {
            let parsed = Decimal::parse_amount(&text).ok();
            proptest::prop_assert_eq!(read(&text).map(|a| a.scale), parsed.as_ref().map(Decimal::scale));
            proptest::prop_assert_eq!(general(text.as_bytes()), read(&text));
            if let (Some(read), Some(exact)) = (read(&text), parsed.and_then(|p| p.to_minor_units(p.scale()))) {
                proptest::prop_assert_eq!(read.units, Some(i128::from(exact)));
            }
        }
    }

    #[test]
    fn long_amounts_keep_their_scale_without_a_value() {
        // Nineteen digits are read in a u64, twenty and more again in an i128.
        assert_eq!(read("999999999999999999.9").and_then(|a| a.units), Some(9_999_999_999_999_999_999));
        assert_eq!(read("-99,999,999,999,999,999,999.9").and_then(|a| a.units), Some(-999_999_999_999_999_999_999));
        let digits = "9".repeat(39);
        assert_eq!(read(&digits), Some(Amount { units: None, scale: 0 }));
        assert_eq!(read(&format!("0.{digits}")), Some(Amount { units: None, scale: 39 }));
        let max = "9".repeat(38);
        assert_eq!(read(&format!("-{max}")).and_then(|a| a.units), max.parse::<i128>().ok().map(|u| -u));
    }
}
