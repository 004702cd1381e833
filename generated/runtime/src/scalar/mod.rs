//! XSD value types and their XML text: [`Decimal`], [`DateTime`], [`Date`], [`Time`] (exact, never floats),
//! and the [`XmlScalar`] implementations for the Rust types XSD built-ins map to (`String`, `bool`, integers,
//! `f32`/`f64`).
//!
//! Every parser is strict and never guesses: an integer that overflows is an error (never wrapped), a float
//! whose text is finite but too large is an error (never infinity), and an empty text is an error for every
//! type but `String` (its `EMPTY_IS_ABSENT` is true, so the reader turns an empty element into `None` before
//! parsing).

mod calendar;
mod datetime;
mod decimal;
pub mod enumeration;

pub use calendar::Offset;
pub use datetime::{Date, DateTime, Time};
pub use decimal::Decimal;

use std::borrow::Cow;

use crate::xml::{ValueError, XmlScalar};

impl XmlScalar for String {
    /// An empty string element is an empty string, not an absent one: `<Street2/>` is a value.
    const EMPTY_IS_ABSENT: bool = false;

    fn to_xml_text(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }

    fn from_xml_text(text: &str) -> Result<Self, ValueError> {
        Ok(text.to_owned())
    }
}

impl XmlScalar for bool {
    const EMPTY_IS_ABSENT: bool = true;

    /// Always `true` or `false`, the canonical forms.
    fn to_xml_text(&self) -> Cow<'_, str> {
        Cow::Borrowed(if *self { "true" } else { "false" })
    }

    /// Accepts the four lexical forms XSD allows: `true`, `false`, `1`, `0` (case matters).
    fn from_xml_text(text: &str) -> Result<Self, ValueError> {
        match text {
            "true" | "1" => Ok(true),
            "false" | "0" => Ok(false),
            _ => Err(ValueError::new("a boolean: true, false, 1 or 0")),
        }
    }
}

/// Parses an XSD integer: an optional sign and ASCII digits; overflow is an error. `-0` is accepted for
/// unsigned types, as XSD's lexical space allows it.
fn parse_integer<T: std::str::FromStr<Err = std::num::ParseIntError>>(
    text: &str,
    expected: &'static str,
) -> Result<T, ValueError> {
    // std's parser already accepts exactly an optional sign and digits and reports overflow; only `-0`, valid
    // XSD for unsigned types, needs help.
    match text.parse::<T>() {
        Ok(v) => Ok(v),
        Err(e) => {
            let zeros = text.strip_prefix('-').filter(|rest| !rest.is_empty() && rest.bytes().all(|b| b == b'0'));
            if let Some(zeros) = zeros {
                if let Ok(v) = zeros.parse::<T>() {
                    return Ok(v);
                }
            }
            let detail = match e.kind() {
                std::num::IntErrorKind::Empty => "empty",
                std::num::IntErrorKind::PosOverflow => "too large",
                std::num::IntErrorKind::NegOverflow => "too small",
                _ => "not an optional sign followed by digits",
            };
            Err(ValueError::new(expected).with_detail(detail))
        }
    }
}

macro_rules! integer_scalar {
    ($($t:ty => $expected:literal),* $(,)?) => {$(
        impl XmlScalar for $t {
            const EMPTY_IS_ABSENT: bool = true;

            fn to_xml_text(&self) -> Cow<'_, str> {
                Cow::Owned(self.to_string())
            }

            fn from_xml_text(text: &str) -> Result<Self, ValueError> {
                parse_integer(text, $expected)
            }
        }
    )*};
}

integer_scalar! {
    i8 => "an integer from -128 to 127",
    i16 => "an integer from -32768 to 32767",
    i32 => "an integer from -2147483648 to 2147483647",
    i64 => "an integer from -9223372036854775808 to 9223372036854775807",
    u8 => "an integer from 0 to 255",
    u16 => "an integer from 0 to 65535",
    u32 => "an integer from 0 to 4294967295",
    u64 => "an integer from 0 to 18446744073709551615",
}

/// Checks the XSD `xs:float`/`xs:double` lexical form: the special values `INF`, `+INF`, `-INF`, `NaN`
/// (case matters; `inf`, `nan` and `Infinity` are refused), or a sign, digits with an optional period, and an
/// optional exponent. Rust's own parser is more lenient, so it runs only after this check.
fn check_float_lexical(text: &str) -> Result<(), &'static str> {
    if matches!(text, "INF" | "+INF" | "-INF" | "NaN") {
        return Ok(());
    }
    let bytes = text.as_bytes();
    let mut i = usize::from(matches!(bytes.first(), Some(b'+' | b'-')));
    let mut mantissa_digits = 0;
    while bytes.get(i).is_some_and(u8::is_ascii_digit) {
        i += 1;
        mantissa_digits += 1;
    }
    if bytes.get(i) == Some(&b'.') {
        i += 1;
        while bytes.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
            mantissa_digits += 1;
        }
    }
    if mantissa_digits == 0 {
        return Err(if text.is_empty() { "empty" } else { "no digits" });
    }
    if matches!(bytes.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(bytes.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let start = i;
        while bytes.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == start {
            return Err("the exponent has no digits");
        }
    }
    if i == bytes.len() { Ok(()) } else { Err("unexpected character") }
}

macro_rules! float_scalar {
    ($($t:ty => $expected:literal),* $(,)?) => {$(
        impl XmlScalar for $t {
            const EMPTY_IS_ABSENT: bool = true;

            /// The shortest text that parses back to the same value (Rust's `Debug` form, which uses an
            /// exponent for very large and small magnitudes), or `INF`, `-INF`, `NaN`.
            fn to_xml_text(&self) -> Cow<'_, str> {
                if self.is_nan() {
                    Cow::Borrowed("NaN")
                } else if self.is_infinite() {
                    Cow::Borrowed(if *self > 0.0 { "INF" } else { "-INF" })
                } else {
                    Cow::Owned(format!("{self:?}"))
                }
            }

            fn from_xml_text(text: &str) -> Result<Self, ValueError> {
                check_float_lexical(text).map_err(|detail| ValueError::new($expected).with_detail(detail))?;
                match text {
                    "INF" | "+INF" => return Ok(<$t>::INFINITY),
                    "-INF" => return Ok(<$t>::NEG_INFINITY),
                    "NaN" => return Ok(<$t>::NAN),
                    _ => {}
                }
                let value: $t =
                    text.parse().map_err(|_| ValueError::new($expected).with_detail("not a number"))?;
                if value.is_infinite() {
                    return Err(ValueError::new($expected).with_detail("out of range"));
                }
                Ok(value)
            }
        }
    )*};
}

float_scalar! {
    f32 => "a 32-bit floating-point number",
    f64 => "a 64-bit floating-point number",
}

#[cfg(test)]
mod tests {
    use super::*;

    fn empty_is_absent<T: XmlScalar>() -> bool {
        T::EMPTY_IS_ABSENT
    }

    #[test]
    fn strings_keep_empty_and_everything_else() {
        // Only strings keep an empty element as a value; for every other scalar it is absent.
        assert!(!empty_is_absent::<String>());
        assert!(empty_is_absent::<bool>() && empty_is_absent::<i64>() && empty_is_absent::<u32>());
        assert!(empty_is_absent::<f64>() && empty_is_absent::<f32>());
        assert_eq!(String::from_xml_text("").unwrap(), "");
        assert_eq!(String::from_xml_text(" a&b ").unwrap(), " a&b ");
        assert_eq!("x".to_owned().to_xml_text(), "x");
    }

    #[test]
    fn booleans() {
        for (text, value) in [("true", true), ("1", true), ("false", false), ("0", false)] {
            assert_eq!(bool::from_xml_text(text).unwrap(), value);
        }
        for text in ["True", "TRUE", "yes", "", " 1", "01"] {
            assert!(bool::from_xml_text(text).is_err(), "{text:?}");
        }
        assert_eq!(true.to_xml_text(), "true");
        assert_eq!(false.to_xml_text(), "false");
    }

    #[test]
    fn integers_are_strict_and_never_wrap() {
        assert_eq!(i32::from_xml_text("+42").unwrap(), 42);
        assert_eq!(i32::from_xml_text("-007").unwrap(), -7);
        assert_eq!(i8::from_xml_text("-128").unwrap(), i8::MIN);
        assert_eq!(u32::from_xml_text("-0").unwrap(), 0);
        assert_eq!(u64::from_xml_text("18446744073709551615").unwrap(), u64::MAX);
        for text in ["", "+", "-", "1 2", " 1", "1.0", "1e3", "0x1F", "--1", "1,000"] {
            assert!(i64::from_xml_text(text).is_err(), "{text:?}");
        }
        assert_eq!(i8::from_xml_text("128").unwrap_err().detail.as_deref(), Some("too large"));
        assert_eq!(i32::from_xml_text("-2147483649").unwrap_err().detail.as_deref(), Some("too small"));
        assert!(u32::from_xml_text("-1").is_err());
        assert!(u64::from_xml_text("18446744073709551616").is_err());
        assert_eq!((-5i16).to_xml_text(), "-5");
    }

    #[test]
    fn floats_follow_the_xsd_lexical_space() {
        assert_eq!(f64::from_xml_text("1.5E3").unwrap(), 1500.0);
        assert_eq!(f64::from_xml_text(".5").unwrap(), 0.5);
        assert_eq!(f64::from_xml_text("5.").unwrap(), 5.0);
        assert_eq!(f64::from_xml_text("-1e-3").unwrap(), -0.001);
        assert_eq!(f64::from_xml_text("INF").unwrap(), f64::INFINITY);
        assert_eq!(f64::from_xml_text("+INF").unwrap(), f64::INFINITY);
        assert_eq!(f32::from_xml_text("-INF").unwrap(), f32::NEG_INFINITY);
        assert!(f64::from_xml_text("NaN").unwrap().is_nan());
        for text in ["", "inf", "nan", "Infinity", "infinity", "+NaN", "1e", "e3", ".", "1.5f", " 1", "0x1p3", "1_000"]
        {
            assert!(f64::from_xml_text(text).is_err(), "{text:?}");
        }
        assert_eq!(f64::from_xml_text("1e400").unwrap_err().detail.as_deref(), Some("out of range"));
        assert_eq!(f32::from_xml_text("1e39").unwrap_err().detail.as_deref(), Some("out of range"));
    }

    #[test]
    fn floats_write_the_shortest_round_trip_text() {
        for v in [0.1f64, 1.0, -0.0, 1e300, 5e-324, 123_456.789, f64::MAX, f64::MIN_POSITIVE] {
            let text = v.to_xml_text();
            assert!(check_float_lexical(&text).is_ok(), "{text}");
            assert_eq!(f64::from_xml_text(&text).unwrap().to_bits(), v.to_bits(), "{text}");
        }
        assert_eq!(0.1f64.to_xml_text(), "0.1");
        assert_eq!(1e300f64.to_xml_text(), "1e300");
        assert_eq!(f64::NAN.to_xml_text(), "NaN");
        assert_eq!(f32::NEG_INFINITY.to_xml_text(), "-INF");
        assert_eq!(0.1f32.to_xml_text(), "0.1");
    }
}
