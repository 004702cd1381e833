//! Arbitrary values of every generated type, built from a byte string (behind the `examples` feature), for
//! fuzzing and property tests.
//!
//! A [`Source`] reads decisions from bytes: whether an optional field is set, how many items a list holds,
//! which characters a text has. The generated [`Generate`] impls ask it for every field, so any byte string
//! maps to exactly one value: libFuzzer mutates the bytes and finds new values, proptest shrinks a failing
//! value by shrinking its bytes, and both share this one generator. When the bytes run out every answer is
//! zero, false or empty, so short inputs make small values and generation always ends.
//!
//! Values are canonical for the XML they become, so a write followed by a read must give back an equal value:
//! text carries only characters XML 1.0 allows and is already whitespace-processed the way the reader will
//! process it ([`Ws`]), enumeration values are never empty (an empty element means "absent"), and numbers are
//! never NaN (which is not equal to itself).

use crate::scalar::Offset;
use crate::xml::{AnyElement, Ws};
use crate::{Date, DateTime, Decimal, Time};

/// Longest text a [`Source`] makes from a short length byte; a few length bytes ask for longer text.
const SHORT_TEXT: usize = 24;

/// The most items a generated list holds.
pub const MAX_ITEMS: usize = 3;

/// Decisions read from a byte string; past its end every read is zero.
#[derive(Debug, Clone)]
pub struct Source<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Source<'a> {
    /// A source over `bytes`.
    #[must_use]
    pub fn new(bytes: &'a [u8]) -> Self {
        Self { bytes, pos: 0 }
    }

    /// True when every byte has been read.
    #[must_use]
    pub fn is_exhausted(&self) -> bool {
        self.pos >= self.bytes.len()
    }

    /// The next byte, or 0 past the end.
    pub fn byte(&mut self) -> u8 {
        let b = self.bytes.get(self.pos).copied().unwrap_or(0);
        self.pos = (self.pos + 1).min(self.bytes.len());
        b
    }

    /// A decision: the low bit of the next byte.
    pub fn bool(&mut self) -> bool {
        self.byte() & 1 == 1
    }

    /// A number from 0 to `max`.
    pub fn count(&mut self, max: usize) -> usize {
        usize::from(self.byte()) % (max + 1)
    }

    /// An index below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { usize::from(self.u16()) % n }
    }

    /// Two bytes, little-endian.
    pub fn u16(&mut self) -> u16 {
        u16::from_le_bytes([self.byte(), self.byte()])
    }

    /// Four bytes, little-endian.
    pub fn u32(&mut self) -> u32 {
        u32::from_le_bytes([self.byte(), self.byte(), self.byte(), self.byte()])
    }

    /// Eight bytes, little-endian.
    pub fn u64(&mut self) -> u64 {
        u64::from(self.u32()) | (u64::from(self.u32()) << 32)
    }

    /// A character XML 1.0 can carry. One byte gives ASCII (markup characters, whitespace and `]` included);
    /// bytes from 0x80 take two more and give a character from the rest of Unicode, astral planes included.
    pub fn char(&mut self) -> char {
        let b = self.byte();
        let code = match b {
            b'\t' | b'\n' | b'\r' | 0x20..=0x7F => u32::from(b),
            // The other control characters are not XML characters; they stand for letters instead.
            0x00..=0x1F => u32::from(b'a' + b % 26),
            _ => {
                let v = u32::from(self.u16());
                match b & 3 {
                    0 => 0x80 + v % (0xD800 - 0x80),
                    1 => 0xE000 + v % (0xFFFE - 0xE000),
                    _ => 0x10000 + ((u32::from(b >> 2) << 16) | v) % 0x10_0000,
                }
            }
        };
        char::from_u32(code).unwrap_or('x')
    }

    /// Text as the reader gives it back for whitespace mode `ws`: any XML characters for `Preserve`, no tab,
    /// newline or carriage return for `Replace`, no leading, trailing or doubled spaces (and no other
    /// whitespace) for `Collapse`.
    pub fn text(&mut self, ws: Ws) -> String {
        let len_byte = self.byte();
        let len =
            if len_byte >= 0xF0 { usize::from(len_byte - 0xEF) * 64 } else { usize::from(len_byte) % (SHORT_TEXT + 1) };
        let mut out = String::new();
        let mut chars = 0;
        while chars < len && !self.is_exhausted() {
            out.push(self.char());
            chars += 1;
        }
        normalize(out, ws)
    }

    /// Collapsed text that is not empty: a value of an enumeration the schema does not list.
    pub fn token(&mut self) -> String {
        let t = self.text(Ws::Collapse);
        if t.is_empty() { "X".to_owned() } else { t }
    }

    /// The wire text of an enumeration value: one of `values`, or (half the time) any non-empty collapsed
    /// text, so that values the schema does not list are exercised too.
    pub fn enum_text(&mut self, values: &[&str]) -> String {
        if values.is_empty() || self.bool() { self.token() } else { values[self.below(values.len())].to_owned() }
    }

    /// An element for an `xs:anyType` field `{ns}name`: the writer writes such a field under the element's own
    /// name, so the name is fixed.
    pub fn any_element(&mut self, ns: &str, name: &str) -> AnyElement {
        let prefix = if ns.is_empty() { "" } else { ["", "a", "any"][self.below(3)] };
        // At most two attributes, with alternating names: a repeated name would not be well-formed.
        let attributes = (0..self.count(2))
            .map(|i| (String::new(), ["x", "y"][i % 2].to_owned(), self.text(Ws::Preserve)))
            .collect::<Vec<_>>();
        let raw_inner = self.inner_xml(prefix);
        AnyElement {
            ns: ns.to_owned(),
            name: name.to_owned(),
            prefix: prefix.to_owned(),
            attributes,
            raw_inner,
            namespaces: Vec::new(),
        }
    }

    /// An element for an `xs:any` wildcard in namespace `ns`, with a name no schema element has.
    pub fn any_wildcard(&mut self, ns: &str) -> AnyElement {
        let name = ["FuzzAny", "FuzzOther", "fuzz-any.1"][self.below(3)];
        self.any_element(ns, name)
    }

    /// Content for an [`AnyElement`]: escaped text and child elements. Children of a prefixed element carry
    /// the same prefix: an unprefixed child would take the default namespace of wherever it is written.
    fn inner_xml(&mut self, prefix: &str) -> String {
        let child = if prefix.is_empty() { "c".to_owned() } else { format!("{prefix}:c") };
        let mut out = String::new();
        for _ in 0..self.count(3) {
            match self.count(2) {
                0 => escape_text(&mut out, &self.text(Ws::Preserve)),
                1 => out.push_str(&format!("<{child}/>")),
                _ => {
                    out.push_str(&format!("<{child}>"));
                    escape_text(&mut out, &self.text(Ws::Preserve));
                    out.push_str(&format!("</{child}>"));
                }
            }
        }
        out
    }
}

/// Applies the reader's whitespace processing, so generated text is what a read gives back.
fn normalize(text: String, ws: Ws) -> String {
    let is_ws = |c: char| matches!(c, ' ' | '\t' | '\n' | '\r');
    match ws {
        Ws::Preserve => text,
        Ws::Replace => text.replace(['\t', '\n', '\r'], " "),
        Ws::Collapse => text.split(is_ws).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" "),
    }
}

fn escape_text(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
}

/// A generated type whose values can be built from a [`Source`] (implemented for every complex type).
pub trait Generate: Sized {
    /// A value at nesting depth `depth`: fields that lead back to their own type are left empty from
    /// [`crate::example::MAX_DEPTH`] on, so values stay finite.
    fn generate(src: &mut Source<'_>, depth: u32) -> Self;

    /// A value at the top level.
    fn generate_from(bytes: &[u8]) -> Self {
        Self::generate(&mut Source::new(bytes), 0)
    }
}

/// A scalar (text value) with arbitrary values that survive a write and a read unchanged.
pub trait GenerateScalar: Sized {
    /// A value; `ws` is the whitespace mode its field is read with (it matters only for text).
    fn generate_scalar(src: &mut Source<'_>, ws: Ws) -> Self;
}

impl GenerateScalar for String {
    fn generate_scalar(src: &mut Source<'_>, ws: Ws) -> Self {
        src.text(ws)
    }
}

impl GenerateScalar for bool {
    fn generate_scalar(src: &mut Source<'_>, _: Ws) -> Self {
        src.bool()
    }
}

macro_rules! generate_integer {
    ($($t:ty => $via:ident),* $(,)?) => {$(
        impl GenerateScalar for $t {
            /// Small values most of the time, the extremes and everything between the rest.
            fn generate_scalar(src: &mut Source<'_>, _: Ws) -> Self {
                // Truncating to the type's width is the point: every bit pattern is a value.
                #[allow(clippy::cast_possible_truncation, clippy::cast_possible_wrap, clippy::cast_sign_loss)]
                match src.count(3) {
                    0 => <$t>::MIN,
                    1 => <$t>::MAX,
                    2 => src.byte() as $t,
                    _ => src.$via() as $t,
                }
            }
        }
    )*};
}

generate_integer!(i8 => u16, i16 => u16, i32 => u32, i64 => u64, u8 => u16, u16 => u16, u32 => u32, u64 => u64);

impl GenerateScalar for f64 {
    /// Any bit pattern but NaN (NaN is not equal to itself): infinities, subnormals and negative zero included.
    fn generate_scalar(src: &mut Source<'_>, _: Ws) -> Self {
        let v = f64::from_bits(src.u64());
        if v.is_nan() { f64::from(src.byte()) / 4.0 } else { v }
    }
}

impl GenerateScalar for f32 {
    /// As for `f64`.
    fn generate_scalar(src: &mut Source<'_>, _: Ws) -> Self {
        let v = f32::from_bits(src.u32());
        if v.is_nan() { f32::from(src.byte()) / 4.0 } else { v }
    }
}

impl GenerateScalar for Decimal {
    /// A sign, up to 30 integer digits and up to 12 fraction digits (leading and trailing zeros included), parsed
    /// the way received text is.
    fn generate_scalar(src: &mut Source<'_>, _: Ws) -> Self {
        let mut text = String::new();
        match src.count(2) {
            0 => text.push('-'),
            1 => text.push('+'),
            _ => {}
        }
        let digit = |src: &mut Source<'_>| char::from(b'0' + src.byte() % 10);
        text.push(digit(src));
        for _ in 0..src.count(29) {
            text.push(digit(src));
        }
        if src.bool() {
            text.push('.');
            for _ in 0..src.count(12) {
                text.push(digit(src));
            }
        }
        text.parse().unwrap_or_default()
    }
}

/// A year: usually a current one, sometimes any `i32` (years before 1 and after 9999 included).
fn year(src: &mut Source<'_>) -> i32 {
    if src.bool() { i32::from_le_bytes(src.u32().to_le_bytes()) } else { 1900 + i32::from(src.byte()) }
}

/// A date that exists: the day is cut to the month's length.
fn ymd(src: &mut Source<'_>) -> (i32, u8, u8) {
    let (year, month, day) = (year(src), 1 + src.byte() % 12, 1 + src.byte() % 31);
    let last = (28..=day).rev().find(|&d| Date::new(year, month, d).is_ok()).unwrap_or(28);
    (year, month, day.min(last))
}

/// No fraction, milliseconds, or any number of nanoseconds.
fn nanosecond(src: &mut Source<'_>) -> u32 {
    match src.count(2) {
        0 => 0,
        1 => u32::from(src.u16()) % 1000 * 1_000_000,
        _ => src.u32() % 1_000_000_000,
    }
}

/// No offset, UTC, or any offset XSD allows.
fn offset(src: &mut Source<'_>) -> Option<Offset> {
    match src.count(2) {
        0 => None,
        1 => Some(Offset::UTC),
        _ => {
            let minutes = i16::try_from(src.u16() % 1681).unwrap_or(0) - 840;
            Offset::from_minutes(minutes).ok()
        }
    }
}

fn hms(src: &mut Source<'_>) -> (u8, u8, u8) {
    (src.byte() % 24, src.byte() % 60, src.byte() % 60)
}

impl GenerateScalar for DateTime {
    fn generate_scalar(src: &mut Source<'_>, _: Ws) -> Self {
        let (y, mo, d) = ymd(src);
        let (h, mi, s) = hms(src);
        let ns = nanosecond(src);
        let base = DateTime::new(y, mo, d, h, mi, s).unwrap_or_else(|_| unreachable!("fields in range"));
        base.with_nanosecond(ns).unwrap_or(base).with_offset(offset(src))
    }
}

impl GenerateScalar for Date {
    fn generate_scalar(src: &mut Source<'_>, _: Ws) -> Self {
        let (y, mo, d) = ymd(src);
        Date::new(y, mo, d).unwrap_or_else(|_| unreachable!("fields in range")).with_offset(offset(src))
    }
}

impl GenerateScalar for Time {
    fn generate_scalar(src: &mut Source<'_>, _: Ws) -> Self {
        let (h, mi, s) = hms(src);
        let ns = nanosecond(src);
        let base = Time::new(h, mi, s).unwrap_or_else(|_| unreachable!("fields in range"));
        base.with_nanosecond(ns).unwrap_or(base).with_offset(offset(src))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xml::XmlScalar;

    #[test]
    fn an_empty_source_gives_zeros_and_empty_text() {
        let mut src = Source::new(&[]);
        assert!(src.is_exhausted());
        assert_eq!((src.byte(), src.bool(), src.count(5), src.u64()), (0, false, 0, 0));
        assert_eq!(src.text(Ws::Preserve), "");
        assert_eq!(src.token(), "X");
    }

    #[test]
    fn text_is_already_whitespace_processed() {
        let bytes = [20, b' ', b'a', b'\t', b'\t', b'b', b'\r', b'\n', b' ', b'c', b' '];
        assert_eq!(Source::new(&bytes).text(Ws::Preserve), " a\t\tb\r\n c ");
        assert_eq!(Source::new(&bytes).text(Ws::Replace), " a  b   c ");
        assert_eq!(Source::new(&bytes).text(Ws::Collapse), "a b c");
    }

    #[test]
    fn every_byte_makes_an_xml_character() {
        for b in 0..=255u8 {
            for tail in [[0, 0], [0xFF, 0xFF], [0x12, 0xD8]] {
                let c = Source::new(&[b, tail[0], tail[1]]).char();
                let xml_char =
                    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..);
                assert!(xml_char, "{b:#x} {tail:?} gave {c:?}");
            }
        }
    }

    #[test]
    fn scalars_survive_their_own_text() {
        for seed in 0..200u32 {
            let bytes: Vec<u8> = (0..64u32).map(|i| (seed.wrapping_mul(2_654_435_761) >> (i % 24)) as u8).collect();
            let mut src = Source::new(&bytes);
            let t = DateTime::generate_scalar(&mut src, Ws::Collapse);
            assert_eq!(DateTime::from_xml_text(&t.to_xml_text()).unwrap(), t);
            let d = Decimal::generate_scalar(&mut src, Ws::Collapse);
            assert_eq!(Decimal::from_xml_text(&d.to_xml_text()).unwrap(), d);
            let f = f64::generate_scalar(&mut src, Ws::Collapse);
            assert_eq!(f64::from_xml_text(&f.to_xml_text()).unwrap(), f);
        }
    }
}
