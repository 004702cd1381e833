//! Character-level rules of XML 1.0: the up-front scan for invalid UTF-8 and forbidden characters, name syntax,
//! entity and character references, attribute-value normalization, line-end normalization and the XSD whitespace
//! facet.

use std::borrow::Cow;

use super::super::Ws;
use super::super::error::{DecodeErrorKind, SNIPPET_MAX, snippet};

/// The result of scanning the whole input once before parsing.
#[derive(Debug)]
pub(super) struct Prescan<'a> {
    /// The longest prefix of the input that is valid UTF-8 and free of forbidden characters.
    pub(super) text: &'a str,
    /// Length of a leading UTF-8 byte order mark (0 or 3).
    pub(super) bom: usize,
    /// The first fault: its byte offset and what it is. Parsing runs on `text` and reports the fault when it
    /// reaches its end, so the error carries the element path of the fault.
    pub(super) fault: Option<(usize, DecodeErrorKind)>,
}

/// Validates UTF-8 and XML 1.0 characters of the whole input in one pass each (both are fast: the UTF-8 check is
/// std's, the character check works on 32-byte chunks the compiler vectorizes).
pub(super) fn prescan(input: &[u8]) -> Prescan<'_> {
    let bom = if input.starts_with(b"\xEF\xBB\xBF") { 3 } else { 0 };
    if input.starts_with(b"\xFE\xFF")
        || input.starts_with(b"\xFF\xFE")
        || input.starts_with(b"\0<")
        || input.starts_with(b"<\0")
    {
        return Prescan {
            text: "",
            bom: 0,
            fault: Some((0, DecodeErrorKind::UnsupportedEncoding { encoding: "UTF-16".into() })),
        };
    }
    let (valid, mut fault) = match std::str::from_utf8(input) {
        Ok(text) => (text, None),
        Err(e) => {
            let end = e.valid_up_to();
            // The prefix up to `valid_up_to` is valid by definition, so this cannot fail.
            let text = std::str::from_utf8(&input[..end]).unwrap_or_default();
            (text, Some((end, DecodeErrorKind::InvalidUtf8)))
        }
    };
    let mut text = valid;
    if let Some((at, code_point)) = find_forbidden(valid.as_bytes()) {
        text = valid.get(..at).unwrap_or_default();
        fault = Some((at, DecodeErrorKind::IllegalCharacter { code_point }));
    }
    Prescan { text, bom, fault }
}

/// Finds the first character XML 1.0 forbids in valid UTF-8: C0 controls other than tab, LF and CR, and
/// U+FFFE/U+FFFF (`EF BF BE`/`EF BF BF`). Surrogates cannot occur in valid UTF-8.
fn find_forbidden(bytes: &[u8]) -> Option<(usize, u32)> {
    const CHUNK: usize = 32;
    let mut start = 0;
    for chunk in bytes.chunks_exact(CHUNK) {
        // Branch-free over the chunk so that it vectorizes; most chunks have nothing suspicious.
        let suspicious = chunk
            .iter()
            .fold(false, |acc, &b| acc | ((b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r')) | (b == 0xEF));
        if suspicious {
            if let Some(found) = find_forbidden_slow(bytes, start, start + CHUNK) {
                return Some(found);
            }
        }
        start += CHUNK;
    }
    find_forbidden_slow(bytes, start, bytes.len())
}

fn find_forbidden_slow(bytes: &[u8], from: usize, to: usize) -> Option<(usize, u32)> {
    (from..to).find_map(|i| match bytes[i] {
        b @ 0..=0x1F if !matches!(b, b'\t' | b'\n' | b'\r') => Some((i, u32::from(b))),
        0xEF if bytes.get(i + 1) == Some(&0xBF) && matches!(bytes.get(i + 2), Some(0xBE | 0xBF)) => {
            Some((i, if bytes[i + 2] == 0xBE { 0xFFFE } else { 0xFFFF }))
        }
        _ => None,
    })
}

/// Whether `c` is a character XML 1.0 allows (production `Char`).
pub(crate) fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
}

/// XML whitespace (production `S`).
#[inline]
pub(super) fn is_xml_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// True when `s` is empty or XML whitespace only.
pub(super) fn is_all_ws(s: &[u8]) -> bool {
    s.iter().all(|&b| is_xml_ws(b))
}

const NAME_START: u8 = 1;
const NAME_CHAR: u8 = 2;

/// Classes of ASCII bytes in names (without `:`, which only separates prefix and local name).
const ASCII_NAME: [u8; 128] = {
    let mut table = [0u8; 128];
    let mut i = 0;
    while i < 128 {
        let c = i as u8;
        let start = c.is_ascii_alphabetic() || c == b'_';
        let char = start || c.is_ascii_digit() || c == b'-' || c == b'.';
        table[i] = if start {
            NAME_START | NAME_CHAR
        } else if char {
            NAME_CHAR
        } else {
            0
        };
        i += 1;
    }
    table
};

fn is_name_start_char(c: char) -> bool {
    matches!(c,
        'A'..='Z' | '_' | 'a'..='z' | '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}' | '\u{F8}'..='\u{2FF}'
        | '\u{370}'..='\u{37D}' | '\u{37F}'..='\u{1FFF}' | '\u{200C}'..='\u{200D}' | '\u{2070}'..='\u{218F}'
        | '\u{2C00}'..='\u{2FEF}' | '\u{3001}'..='\u{D7FF}' | '\u{F900}'..='\u{FDCF}' | '\u{FDF0}'..='\u{FFFD}'
        | '\u{10000}'..='\u{EFFFF}')
}

fn is_name_char(c: char) -> bool {
    is_name_start_char(c)
        || matches!(c, '-' | '.' | '0'..='9' | '\u{B7}' | '\u{300}'..='\u{36F}' | '\u{203F}'..='\u{2040}')
}

/// Whether `s` is an `NCName` (a name without a colon). ASCII names take a table lookup per byte.
pub(crate) fn is_ncname(s: &str) -> bool {
    let bytes = s.as_bytes();
    let Some(&first) = bytes.first() else { return false };
    if first < 0x80 && CLASS[usize::from(first)] & NAME_START == 0 {
        return false;
    }
    if bytes.iter().all(|&b| CLASS[usize::from(b)] & NAME_CHAR != 0) {
        return true;
    }
    let mut chars = s.chars();
    chars.next().is_some_and(is_name_start_char) && chars.all(is_name_char)
}

/// Byte classes for name scanning: ASCII name characters, the colon, the bytes that can end a name (whitespace,
/// `=`, `/`, `>`), and `OTHER` for every byte that is neither an ASCII name character nor the colon (non-ASCII
/// bytes included: they take the slow path).
static CLASS: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        let c = i as u8;
        table[i] = if c == b':' {
            COLON
        } else if c < 0x80 && ASCII_NAME[i] != 0 {
            ASCII_NAME[i]
        } else if matches!(c, b' ' | b'\t' | b'\n' | b'\r') {
            WS | OTHER
        } else if c == b'=' {
            EQ | OTHER
        } else if c == b'/' {
            SLASH | OTHER
        } else if c == b'>' {
            GT | OTHER
        } else {
            OTHER
        };
        i += 1;
    }
    table
};
const COLON: u8 = 4;
const OTHER: u8 = 8;
/// Whitespace: ends a name.
pub(super) const WS: u8 = 16;
/// `=`: ends an attribute name.
pub(super) const EQ: u8 = 32;
/// `/`: ends a name in a tag (`<a/>`).
pub(super) const SLASH: u8 = 64;
/// `>`: ends a name in a tag.
pub(super) const GT: u8 = 128;

/// Whether `b` ends an element name in a tag: whitespace, `/` or `>`.
#[inline(always)]
pub(super) fn ends_tag_name(b: u8) -> bool {
    CLASS[usize::from(b)] & (WS | SLASH | GT) != 0
}

/// Scans a qualified name in `text` from `from` up to the first byte whose class is in `stop` (or the end), checking
/// it in the same pass. Returns the end and the prefix and local name, or the end and `None` when the bytes there are
/// not a `QName`.
#[inline]
pub(super) fn scan_qname(text: &str, from: usize, stop: u8) -> (usize, Option<(&str, &str)>) {
    let bytes = text.as_bytes();
    let mut end = from;
    let mut colon = None;
    let mut plain = true;
    let mask = stop | OTHER | COLON;
    // The loop only leaves its fast path on a stop byte, a colon, or anything unusual.
    while end < bytes.len() {
        let class = CLASS[usize::from(bytes[end])];
        if class & mask != 0 {
            if class & stop != 0 {
                break;
            }
            if class == COLON && colon.is_none() {
                colon = Some(end);
            } else {
                plain = false;
            }
        }
        end += 1;
    }
    let name = text.get(from..end).unwrap_or_default();
    if !plain {
        return (end, split_qname_slow(name));
    }
    let starts = |i: usize| bytes.get(i).is_some_and(|&b| CLASS[usize::from(b)] & NAME_START != 0);
    let split = match colon {
        _ if !starts(from) => None,
        None => Some(("", name)),
        Some(c) if c + 1 < end && starts(c + 1) => {
            Some((text.get(from..c).unwrap_or_default(), text.get(c + 1..end).unwrap_or_default()))
        }
        Some(_) => None,
    };
    (end, split)
}

/// Splits a qualified name into prefix (empty when none) and local name, or `None` when it is not a `QName`.
#[cfg(test)]
fn split_qname(name: &str) -> Option<(&str, &str)> {
    match scan_qname(name, 0, 0) {
        (end, split) if end == name.len() => split,
        _ => None,
    }
}

fn split_qname_slow(name: &str) -> Option<(&str, &str)> {
    match name.split_once(':') {
        None => is_ncname(name).then_some(("", name)),
        Some((prefix, local)) => (is_ncname(prefix) && is_ncname(local)).then_some((prefix, local)),
    }
}

/// Equality of two byte strings, with overlapping 8-byte or 4-byte loads for short ones instead of a call to
/// `memcmp` (names and prefixes are short).
#[inline(always)]
pub(super) fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    let word8 = |s: &[u8], i: usize| s.get(i..i + 8).and_then(|w| <[u8; 8]>::try_from(w).ok()).map(u64::from_ne_bytes);
    let word4 = |s: &[u8], i: usize| s.get(i..i + 4).and_then(|w| <[u8; 4]>::try_from(w).ok()).map(u32::from_ne_bytes);
    match n {
        0 => true,
        // First, middle and last byte cover every byte of a string of one to three bytes.
        1..4 => a[0] == b[0] && a[n / 2] == b[n / 2] && a[n - 1] == b[n - 1],
        4..8 => word4(a, 0) == word4(b, 0) && word4(a, n - 4) == word4(b, n - 4),
        8..=16 => word8(a, 0) == word8(b, 0) && word8(a, n - 8) == word8(b, n - 8),
        17..=32 => {
            word8(a, 0) == word8(b, 0)
                && word8(a, 8) == word8(b, 8)
                && word8(a, n - 16) == word8(b, n - 16)
                && word8(a, n - 8) == word8(b, n - 8)
        }
        _ => a == b,
    }
}

/// Resolves the inside of a reference (`amp`, `#38`, `#x26`): only the five predefined entities and character
/// references to characters XML allows. Nothing is ever looked up elsewhere.
pub(super) fn resolve_reference(name: &str) -> Result<char, DecodeErrorKind> {
    match name {
        "lt" => return Ok('<'),
        "gt" => return Ok('>'),
        "amp" => return Ok('&'),
        "apos" => return Ok('\''),
        "quot" => return Ok('"'),
        _ => {}
    }
    let invalid = || DecodeErrorKind::InvalidCharacterReference { text: snippet(name, SNIPPET_MAX) };
    let Some(number) = name.strip_prefix('#') else {
        return Err(if is_ncname(name) {
            DecodeErrorKind::UnknownEntity { name: snippet(name, SNIPPET_MAX) }
        } else {
            invalid()
        });
    };
    let (digits, radix) = match number.strip_prefix('x') {
        Some(hex) => (hex, 16),
        None => (number, 10),
    };
    if digits.is_empty() {
        return Err(invalid());
    }
    let mut value: u32 = 0;
    for c in digits.chars() {
        let digit = c.to_digit(radix).ok_or_else(invalid)?;
        value = value.checked_mul(radix).and_then(|v| v.checked_add(digit)).ok_or_else(invalid)?;
    }
    match char::from_u32(value) {
        Some(c) if is_xml_char(c) => Ok(c),
        _ if value <= 0x10_FFFF => Err(DecodeErrorKind::IllegalCharacter { code_point: value }),
        _ => Err(invalid()),
    }
}

/// Unescapes and normalizes an attribute value as XML 1.0 §3.3.3 says: references replaced, each literal tab,
/// newline or carriage return (a CR-LF pair counting as one) becomes a space, and `<` is an error. Borrows when
/// nothing changes. On error, returns the byte offset inside `raw` and the error.
pub(super) fn attribute_value(raw: &str) -> Result<Cow<'_, str>, (usize, DecodeErrorKind)> {
    if needs_unescaping(raw) { attribute_value_slow(raw) } else { Ok(Cow::Borrowed(raw)) }
}

/// Whether an attribute value holds a reference, `<`, or whitespace that normalization turns into spaces.
#[inline]
pub(super) fn needs_unescaping(raw: &str) -> bool {
    // After the prescan the only control characters left are tab, LF and CR, so `< 0x20` finds them; the
    // branch-free fold vectorizes.
    raw.as_bytes().iter().fold(false, |acc, &b| acc | (b < 0x20) | (b == b'&') | (b == b'<'))
}

fn attribute_value_slow(raw: &str) -> Result<Cow<'_, str>, (usize, DecodeErrorKind)> {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    let mut offset = 0;
    while let Some(i) = rest.find(['&', '<', '\t', '\n', '\r']) {
        out.push_str(&rest[..i]);
        let at = offset + i;
        let consumed = match rest.as_bytes()[i] {
            b'<' => return Err((at, DecodeErrorKind::Syntax { message: "`<` in an attribute value".into() })),
            b'&' => {
                let Some(end) = rest[i..].find(';') else {
                    return Err((at, DecodeErrorKind::Syntax { message: "unclosed reference".into() }));
                };
                out.push(resolve_reference(&rest[i + 1..i + end]).map_err(|e| (at, e))?);
                end + 1
            }
            b'\r' if rest.as_bytes().get(i + 1) == Some(&b'\n') => {
                out.push(' ');
                2
            }
            _ => {
                out.push(' ');
                1
            }
        };
        rest = &rest[i + consumed..];
        offset = at + consumed;
    }
    out.push_str(rest);
    Ok(Cow::Owned(out))
}

/// Appends literal text (a text or CDATA piece) to `out`, normalizing line ends as XML 1.0 §2.11 says (CR-LF and
/// lone CR become LF). Character references are appended separately, so an `&#13;` survives.
pub(super) fn push_normalized(out: &mut String, piece: &str) {
    if memchr::memchr(b'\r', piece.as_bytes()).is_none() {
        out.push_str(piece);
        return;
    }
    let mut chars = piece.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            out.push('\n');
        } else {
            out.push(c);
        }
    }
}

/// Applies the XSD `whiteSpace` facet. Borrows (possibly a sub-slice) when the text needs no change.
#[inline]
pub(super) fn apply_ws(text: Cow<'_, str>, ws: Ws) -> Cow<'_, str> {
    let unchanged = match ws {
        Ws::Preserve => true,
        Ws::Replace => !text.bytes().any(|b| matches!(b, b'\t' | b'\n' | b'\r')),
        Ws::Collapse => is_collapsed(text.as_bytes()),
    };
    if unchanged { text } else { apply_ws_changing(text, ws) }
}

/// Whether collapsing whitespace leaves `text` as it is: no tab, newline or CR, no space at either end, no two
/// spaces in a row. One pass, the usual answer for numbers, dates and codes.
#[inline]
fn is_collapsed(text: &[u8]) -> bool {
    let mut after_space = true;
    for &b in text {
        match b {
            b'\t' | b'\n' | b'\r' => return false,
            b' ' if after_space => return false,
            b' ' => after_space = true,
            _ => after_space = false,
        }
    }
    !after_space || text.is_empty()
}

fn apply_ws_changing(text: Cow<'_, str>, ws: Ws) -> Cow<'_, str> {
    let needs_replace = |s: &str| s.bytes().any(|b| matches!(b, b'\t' | b'\n' | b'\r'));
    match ws {
        Ws::Preserve => text,
        Ws::Replace if !needs_replace(&text) => text,
        Ws::Replace => Cow::Owned(text.replace(['\t', '\n', '\r'], " ")),
        Ws::Collapse => {
            let is_ws = |c: char| matches!(c, ' ' | '\t' | '\n' | '\r');
            let trimmed = text.trim_matches(is_ws);
            let clean = !needs_replace(trimmed) && !trimmed.contains("  ");
            if !clean {
                return Cow::Owned(trimmed.split(is_ws).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" "));
            }
            let start = trimmed.as_ptr() as usize - text.as_ptr() as usize;
            let end = start + trimmed.len();
            match text {
                Cow::Borrowed(s) => Cow::Borrowed(&s[start..end]),
                Cow::Owned(mut s) => {
                    s.truncate(end);
                    s.drain(..start);
                    Cow::Owned(s)
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prescan_accepts_clean_input_and_strips_nothing() {
        let p = prescan("\u{FEFF}<a>é\t\r\n</a>".as_bytes());
        assert_eq!(p.bom, 3);
        assert!(p.fault.is_none());
        assert_eq!(p.text.len(), "\u{FEFF}<a>é\t\r\n</a>".len());
    }

    #[test]
    fn prescan_finds_invalid_utf8_and_forbidden_characters() {
        let p = prescan(b"<a>ok\xFF</a>");
        assert_eq!(p.fault, Some((5, DecodeErrorKind::InvalidUtf8)));
        assert_eq!(p.text, "<a>ok");
        let p = prescan(b"<a>\x01</a>");
        assert_eq!(p.fault, Some((3, DecodeErrorKind::IllegalCharacter { code_point: 1 })));
        let p = prescan("<a>\u{FFFF}</a>".as_bytes());
        assert_eq!(p.fault, Some((3, DecodeErrorKind::IllegalCharacter { code_point: 0xFFFF })));
        // Beyond the first 32-byte chunk, and U+FFFE split over a chunk boundary.
        let mut long = "x".repeat(31).into_bytes();
        long.extend_from_slice("\u{FFFE}".as_bytes());
        assert_eq!(prescan(&long).fault, Some((31, DecodeErrorKind::IllegalCharacter { code_point: 0xFFFE })));
        // U+FFFD and other EF-led characters are fine.
        assert!(prescan("\u{FFFD}\u{F000}".as_bytes()).fault.is_none());
    }

    #[test]
    fn prescan_names_utf16() {
        for input in [&b"\xFF\xFE<\0a\0"[..], b"\xFE\xFF\0<", b"<\0a\0", b"\0<\0a"] {
            assert!(matches!(prescan(input).fault, Some((0, DecodeErrorKind::UnsupportedEncoding { .. }))));
        }
    }

    #[test]
    fn names() {
        for ok in ["a", "_a", "a-b.c1", "é", "Ünïcödé", "a\u{300}"] {
            assert!(is_ncname(ok), "{ok}");
        }
        for bad in ["", "1a", "-a", "a b", "a&b", "a:b", "\u{300}a", "a\"", "a/"] {
            assert!(!is_ncname(bad), "{bad}");
        }
        assert_eq!(split_qname("p:l"), Some(("p", "l")));
        assert_eq!(split_qname("l"), Some(("", "l")));
        assert_eq!(split_qname("a:b:c"), None);
        assert_eq!(split_qname(":b"), None);
        assert_eq!(split_qname("é:ü"), Some(("é", "ü")));
        assert_eq!(split_qname("a:é:b"), None);
        assert_eq!(split_qname("a:1"), None);
        assert_eq!(split_qname(""), None);
        assert_eq!(split_qname("a:"), None);
    }

    #[test]
    fn references() {
        assert_eq!(resolve_reference("amp"), Ok('&'));
        assert_eq!(resolve_reference("#38"), Ok('&'));
        assert_eq!(resolve_reference("#x1F600"), Ok('😀'));
        assert_eq!(resolve_reference("#x000041"), Ok('A'));
        assert_eq!(resolve_reference("nbsp"), Err(DecodeErrorKind::UnknownEntity { name: "nbsp".into() }));
        assert_eq!(resolve_reference("#0"), Err(DecodeErrorKind::IllegalCharacter { code_point: 0 }));
        assert_eq!(resolve_reference("#xD800"), Err(DecodeErrorKind::IllegalCharacter { code_point: 0xD800 }));
        assert_eq!(resolve_reference("#xFFFE"), Err(DecodeErrorKind::IllegalCharacter { code_point: 0xFFFE }));
        for bad in ["#", "#x", "#X41", "#12a", "#x110000", "#99999999999999999999", "a b", ""] {
            assert!(matches!(resolve_reference(bad), Err(DecodeErrorKind::InvalidCharacterReference { .. })), "{bad}");
        }
    }

    #[test]
    fn attribute_values() {
        assert!(matches!(attribute_value("plain"), Ok(Cow::Borrowed("plain"))));
        assert_eq!(attribute_value("a&amp;b&#10;c").unwrap(), "a&b\nc");
        assert_eq!(attribute_value("a\tb\r\nc\nd\re").unwrap(), "a b c d e");
        assert!(matches!(attribute_value("a<b"), Err((1, DecodeErrorKind::Syntax { .. }))));
        assert!(matches!(attribute_value("ab&amp"), Err((2, DecodeErrorKind::Syntax { .. }))));
        assert!(matches!(attribute_value("&foo;"), Err((0, DecodeErrorKind::UnknownEntity { .. }))));
    }

    #[test]
    fn line_ends() {
        let mut s = String::new();
        push_normalized(&mut s, "a\r\nb\rc\n");
        assert_eq!(s, "a\nb\nc\n");
    }

    #[test]
    fn same_bytes_at_every_length() {
        let a: Vec<u8> = (0..50).collect();
        for n in 0..40 {
            assert!(same_bytes(&a[..n], &a[..n]));
            assert!(!same_bytes(&a[..n], &a[..n + 1]));
            for i in 0..n {
                let mut b = a[..n].to_vec();
                b[i] ^= 0x20;
                assert!(!same_bytes(&a[..n], &b), "{n} {i}");
            }
        }
    }

    #[test]
    fn collapsed_text_is_recognized() {
        for yes in ["", "a", "a b", "2011-09-14T14:06:25Z", "x y z"] {
            assert!(is_collapsed(yes.as_bytes()), "{yes:?}");
        }
        for no in [" ", " a", "a ", "a  b", "a\tb", "a\nb", "\r"] {
            assert!(!is_collapsed(no.as_bytes()), "{no:?}");
        }
    }

    #[test]
    fn whitespace_facets() {
        let b = |s: &'static str| Cow::Borrowed(s);
        assert_eq!(apply_ws(b(" a\tb "), Ws::Preserve), " a\tb ");
        assert_eq!(apply_ws(b(" a\tb\r\n"), Ws::Replace), " a b  ");
        assert!(matches!(apply_ws(b("  a b \n"), Ws::Collapse), Cow::Borrowed("a b")));
        assert_eq!(apply_ws(b("\n  a \t\t b  c "), Ws::Collapse), "a b c");
        assert_eq!(apply_ws(Cow::Owned(" x  y ".into()), Ws::Collapse), "x y");
        assert_eq!(apply_ws(b(" \n "), Ws::Collapse), "");
    }
}
