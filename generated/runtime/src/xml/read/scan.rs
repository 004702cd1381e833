//! The tokenizer: finds the next piece of markup or text in the checked input and checks its syntax in the
//! same pass. The end of a text run is found eight bytes at a time (with `memchr` for long runs), comments,
//! CDATA sections and processing instructions with `memchr`, so the bytes between markup are looked at once;
//! start and end tags are left to the reader at their `<`, because it scans names and attributes itself
//! (`open.rs`) and matches end tags against the open element.
//!
//! Everything works on byte offsets into one `&str` that the prescan validated, and every cut is at an ASCII
//! delimiter, so the slices handed out are always on character boundaries.

use super::lexical::{is_xml_ws as is_ws, same_bytes};
use super::tag::is_ws_char;

/// One piece of the document, with the offset where it starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Token<'a> {
    /// A start tag's `<` at `at`; the cursor is just after it, on the name.
    Start { at: usize },
    /// An end tag's `</` at `at`; the cursor is just after it, on the name.
    End { at: usize },
    /// Literal character data (no `<` or `&`; checked not to contain `]]>`), and whether it holds a CR (which
    /// line-end normalization changes).
    Text { at: usize, text: &'a str, cr: bool },
    /// `&name;` at `at`: the text between `&` and `;`, not yet resolved.
    Reference { at: usize, name: &'a str },
    /// `<![CDATA[…]]>` at `at`, with its content.
    CData { at: usize, text: &'a str },
    /// A comment, already checked (no `--` inside, not ending in `-`).
    Comment { at: usize },
    /// `<?xml …?>` at `at`: its content from `xml` to before `?>`.
    Declaration { at: usize, content: &'a str },
    /// Any other processing instruction, with its target.
    Pi { at: usize, target: &'a str },
    /// `<!DOCTYPE` at `at` (the rest is never read).
    Doctype { at: usize },
    /// The end of the checked input.
    Eof,
}

/// Why the tokenizer stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ScanError {
    /// The input ended inside markup; the text says inside what (`"in a comment"`).
    Eof(&'static str),
    /// Malformed markup at an offset, and what is wrong.
    Syntax(usize, &'static str),
}

/// `&text[a..b]` for cuts at ASCII delimiters, which are always character boundaries.
#[inline]
pub(super) fn cut(text: &str, a: usize, b: usize) -> &str {
    text.get(a..b).unwrap_or_default()
}

/// Reads the token at `*pos` and moves `*pos` past it (for tags: just past `<` or `</`).
#[inline(always)]
pub(super) fn next_token<'a>(text: &'a str, pos: &mut usize) -> Result<Token<'a>, ScanError> {
    let bytes = text.as_bytes();
    let at = *pos;
    match bytes.get(at) {
        None => Ok(Token::Eof),
        Some(b'<') => markup(text, pos, at),
        Some(b'&') => reference(text, pos, at),
        Some(_) => text_run(text, pos, at),
    }
}

/// Character data up to the next `<` or `&`, refusing `]]>` inside it (XML 1.0 §2.4).
#[inline(always)]
fn text_run<'a>(text: &'a str, pos: &mut usize, at: usize) -> Result<Token<'a>, ScanError> {
    let bytes = text.as_bytes();
    // Most values are short: a word-at-a-time look at the first bytes finds their end without a call into
    // memchr. A CR or `>` first (rare) takes the long way, which also checks for `]]>`.
    if let Some(k) = first_special(bytes, at, SHORT) {
        if matches!(bytes[at + k], b'<' | b'&') {
            *pos = at + k;
            return Ok(Token::Text { at, text: cut(text, at, at + k), cr: false });
        }
    }
    text_run_long(text, pos, at)
}

/// The offset from `from` of the first `<`, `&`, `>` or CR in the next `max` bytes, looked for eight bytes at a
/// time (the end of most values is found in one or two words).
#[inline(always)]
pub(super) fn first_special(bytes: &[u8], from: usize, max: usize) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // The high bit of each byte of `w` equal to `b`. Bytes above a match may be flagged wrongly, but the
    // lowest flag is always a match, and only the lowest is used.
    let equal = |w: u64, b: u8| {
        let x = w ^ (ONES * u64::from(b));
        x.wrapping_sub(ONES) & !x & HIGH
    };
    let end = bytes.len().min(from.saturating_add(max));
    let mut i = from;
    while let Some(word) = bytes.get(i..i + 8).filter(|_| i + 8 <= end) {
        let w = <[u8; 8]>::try_from(word).map_or(0, u64::from_le_bytes);
        let found = equal(w, b'<') | equal(w, b'&') | equal(w, b'>') | equal(w, b'\r');
        if found != 0 {
            return Some(i + (found.trailing_zeros() / 8) as usize - from);
        }
        i += 8;
    }
    (i..end).find(|&j| TEXT_CLASS[usize::from(bytes[j])]).map(|j| j - from)
}

/// Bytes that end a plain run of text: `<`, `&`, `>` (to check for `]]>`) and CR (which normalization changes).
static TEXT_CLASS: [bool; 256] = {
    let mut table = [false; 256];
    table[b'<' as usize] = true;
    table[b'&' as usize] = true;
    table[b'>' as usize] = true;
    table[b'\r' as usize] = true;
    table
};

/// How many bytes of text [`text_run`] looks at itself before it hands over to memchr.
const SHORT: usize = 24;

fn text_run_long<'a>(text: &'a str, pos: &mut usize, at: usize) -> Result<Token<'a>, ScanError> {
    let bytes = text.as_bytes();
    let mut from = at;
    let end = loop {
        match bytes.get(from..).and_then(|rest| memchr::memchr3(b'<', b'&', b'>', rest)) {
            None => break bytes.len(),
            Some(k) => {
                let i = from + k;
                if bytes[i] != b'>' {
                    break i;
                }
                if i >= at + 2 && bytes[i - 2] == b']' && bytes[i - 1] == b']' {
                    return Err(ScanError::Syntax(i - 2, "`]]>` in text"));
                }
                from = i + 1;
            }
        }
    };
    *pos = end;
    let run = cut(text, at, end);
    Ok(Token::Text { at, text: run, cr: memchr::memchr(b'\r', run.as_bytes()).is_some() })
}

/// Markup at a `<`: tags are left to the reader, everything else is read whole.
#[inline(always)]
fn markup<'a>(text: &'a str, pos: &mut usize, at: usize) -> Result<Token<'a>, ScanError> {
    let bytes = text.as_bytes();
    match bytes.get(at + 1) {
        None => Err(ScanError::Eof("in markup")),
        Some(b'/') => {
            *pos = at + 2;
            Ok(Token::End { at })
        }
        Some(b'!') => bang(text, pos, at),
        Some(b'?') => question(text, pos, at),
        Some(_) => {
            *pos = at + 1;
            Ok(Token::Start { at })
        }
    }
}

/// The offset of the first `needle` in `haystack`: a `memchr` for its first byte, then a look at the rest.
/// The needles here are two or three bytes, so this stays linear, and it builds nothing per call: a document
/// has one XML declaration, and `memmem::find` would build a searcher for it each time.
fn find_seq(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    let (&first, rest) = needle.split_first()?;
    let mut from = 0;
    while let Some(k) = haystack.get(from..).and_then(|h| memchr::memchr(first, h)) {
        let at = from + k;
        if haystack.get(at + 1..).is_some_and(|after| after.starts_with(rest)) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// `<!`: a comment, a CDATA section or a DOCTYPE; anything else is malformed.
#[inline(never)]
fn bang<'a>(text: &'a str, pos: &mut usize, at: usize) -> Result<Token<'a>, ScanError> {
    const CDATA: &[u8] = b"[CDATA[";
    const DOCTYPE: &[u8] = b"DOCTYPE";
    let bytes = text.as_bytes();
    let rest = bytes.get(at + 2..).unwrap_or_default();
    if rest.starts_with(b"--") {
        // A comment ends at its first `--`, which must be followed by `>` (XML 1.0 §2.5).
        let from = at + 4;
        let Some(k) = bytes.get(from..).and_then(|r| find_seq(r, b"--")) else {
            return Err(ScanError::Eof("in a comment"));
        };
        let dashes = from + k;
        return match bytes.get(dashes + 2) {
            Some(b'>') => {
                *pos = dashes + 3;
                Ok(Token::Comment { at })
            }
            Some(_) => Err(ScanError::Syntax(at, "`--` inside a comment")),
            None => Err(ScanError::Eof("in a comment")),
        };
    }
    if rest.starts_with(CDATA) {
        let from = at + 2 + CDATA.len();
        let Some(k) = bytes.get(from..).and_then(|r| find_seq(r, b"]]>")) else {
            return Err(ScanError::Eof("in a CDATA section"));
        };
        *pos = from + k + 3;
        return Ok(Token::CData { at, text: cut(text, from, from + k) });
    }
    // Refused in any letter case: no form of a document type declaration is ever read.
    if rest.len() >= DOCTYPE.len() && rest[..DOCTYPE.len()].eq_ignore_ascii_case(DOCTYPE) {
        *pos = at + 2 + DOCTYPE.len();
        return Ok(Token::Doctype { at });
    }
    let truncated = |full: &[u8]| rest.len() < full.len() && full[..rest.len()].eq_ignore_ascii_case(rest);
    if truncated(b"--") || truncated(CDATA) || truncated(DOCTYPE) {
        return Err(ScanError::Eof("in markup"));
    }
    Err(ScanError::Syntax(at, "`<!` that starts no comment, CDATA section or DOCTYPE"))
}

/// `<?…?>`: the XML declaration (target exactly `xml`) or a processing instruction.
#[inline(never)]
fn question<'a>(text: &'a str, pos: &mut usize, at: usize) -> Result<Token<'a>, ScanError> {
    let bytes = text.as_bytes();
    let from = at + 2;
    let Some(k) = bytes.get(from..).and_then(|r| find_seq(r, b"?>")) else {
        return Err(ScanError::Eof("in a processing instruction"));
    };
    *pos = from + k + 2;
    let content = cut(text, from, from + k);
    let target = content.split(is_ws_char).next().unwrap_or_default();
    if target == "xml" { Ok(Token::Declaration { at, content }) } else { Ok(Token::Pi { at, target }) }
}

/// `&…;`: the name must run up to a `;`. What it names is checked when it is resolved.
#[inline(never)]
fn reference<'a>(text: &'a str, pos: &mut usize, at: usize) -> Result<Token<'a>, ScanError> {
    let bytes = text.as_bytes();
    let from = at + 1;
    let mut end = from;
    while bytes
        .get(end)
        .is_some_and(|&b| b.is_ascii_alphanumeric() || matches!(b, b'#' | b'_' | b'-' | b'.' | b':' | 0x80..))
    {
        end += 1;
    }
    match bytes.get(end) {
        Some(b';') => {
            *pos = end + 1;
            Ok(Token::Reference { at, name: cut(text, from, end) })
        }
        Some(_) => Err(ScanError::Syntax(at, "`&` that starts no reference (a literal `&` is written `&amp;`)")),
        None => Err(ScanError::Eof("in a reference")),
    }
}

/// The name of an end tag whose `</` is at `at`, and the offset after its `>`: `</` Name S? `>`.
pub(super) fn end_tag(text: &str, at: usize) -> Result<(&str, usize), ScanError> {
    let bytes = text.as_bytes();
    let from = at + 2;
    let mut end = from;
    while bytes.get(end).is_some_and(|&b| b != b'>' && !is_ws(b)) {
        end += 1;
    }
    let name = cut(text, from, end);
    let mut i = end;
    while bytes.get(i).is_some_and(|&b| is_ws(b)) {
        i += 1;
    }
    match bytes.get(i) {
        Some(b'>') => Ok((name, i + 1)),
        Some(_) => Err(ScanError::Syntax(i, "end tag with more than a name")),
        None => Err(ScanError::Eof("in an end tag")),
    }
}

/// Whether `text` continues at `at` with `name` followed by `>`: the usual end tag, compared in a few word-sized
/// loads instead of a call to `memcmp` (names are short).
#[inline(always)]
pub(super) fn ends_with_name(bytes: &[u8], at: usize, name: &[u8]) -> bool {
    let Some(found) = bytes.get(at..at + name.len() + 1) else { return false };
    found[name.len()] == b'>' && same_bytes(&found[..name.len()], name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn find_seq_finds_the_first_whole_needle() {
        assert_eq!(find_seq(b"ab?c?>d?>", b"?>"), Some(4));
        assert_eq!(find_seq(b"]]]]>", b"]]>"), Some(2));
        assert_eq!(find_seq(b"- -- -", b"--"), Some(2));
        assert_eq!(find_seq(b"]]", b"]]>"), None);
        assert_eq!(find_seq(b"", b"?>"), None);
        assert_eq!(find_seq(b"?", b"?>"), None);
    }

    fn tokens(text: &str) -> Result<Vec<Token<'_>>, ScanError> {
        let mut pos = 0;
        let mut out = Vec::new();
        loop {
            let token = next_token(text, &mut pos)?;
            match token {
                Token::Eof => return Ok(out),
                // The reader stops at a DOCTYPE; so does this test.
                Token::Doctype { .. } => {
                    out.push(token);
                    return Ok(out);
                }
                // Tags are the reader's: skip to their `>` the simple way for this test.
                Token::Start { .. } | Token::End { .. } => {
                    pos += text[pos..].find('>').map_or(text.len() - pos, |i| i + 1);
                }
                _ => {}
            }
            out.push(token);
        }
    }

    #[test]
    fn text_references_and_markup() {
        let got = tokens("a&amp;b<x/>c<!-- k --><![CDATA[<&>]]><?xml version='1.0'?><?pi x?></x>").unwrap();
        assert_eq!(
            got,
            [
                Token::Text { at: 0, text: "a", cr: false },
                Token::Reference { at: 1, name: "amp" },
                Token::Text { at: 6, text: "b", cr: false },
                Token::Start { at: 7 },
                Token::Text { at: 11, text: "c", cr: false },
                Token::Comment { at: 12 },
                Token::CData { at: 22, text: "<&>" },
                Token::Declaration { at: 37, content: "xml version='1.0'" },
                Token::Pi { at: 58, target: "pi" },
                Token::End { at: 66 },
            ]
        );
    }

    #[test]
    fn text_with_gt_but_not_cdata_end() {
        assert_eq!(tokens("a > b ]> ]] >").unwrap(), [Token::Text { at: 0, text: "a > b ]> ]] >", cr: false }]);
        assert_eq!(tokens("a\r\nb").unwrap(), [Token::Text { at: 0, text: "a\r\nb", cr: true }]);
        assert_eq!(tokens("ab]]>"), Err(ScanError::Syntax(2, "`]]>` in text")));
    }

    #[test]
    fn comments_follow_xml_rules() {
        assert_eq!(tokens("<!---->").unwrap(), [Token::Comment { at: 0 }]);
        assert!(matches!(tokens("<!-- a -- b -->"), Err(ScanError::Syntax(0, _))));
        assert!(matches!(tokens("<!-- a --->"), Err(ScanError::Syntax(0, _))));
        assert!(matches!(tokens("<!--->"), Err(ScanError::Eof(_))));
    }

    #[test]
    fn bang_forms() {
        assert_eq!(tokens("<!DOCTYPE x>").unwrap(), [Token::Doctype { at: 0 }]);
        assert_eq!(tokens("<!doctype html>").unwrap(), [Token::Doctype { at: 0 }]);
        for cut in ["<!", "<!-", "<![CD", "<!DOC"] {
            assert!(matches!(tokens(cut), Err(ScanError::Eof(_))), "{cut}");
        }
        assert!(matches!(tokens("<!bogus>"), Err(ScanError::Syntax(0, _))));
        assert!(matches!(tokens("<![CDATA[x"), Err(ScanError::Eof(_))));
    }

    #[test]
    fn declarations_and_instructions() {
        assert_eq!(tokens("<?xml?>").unwrap(), [Token::Declaration { at: 0, content: "xml" }]);
        assert_eq!(tokens("<?xml-stylesheet a?>").unwrap(), [Token::Pi { at: 0, target: "xml-stylesheet" }]);
        assert_eq!(tokens("<?XML v?>").unwrap(), [Token::Pi { at: 0, target: "XML" }]);
        assert!(matches!(tokens("<?xml version='1.0'"), Err(ScanError::Eof(_))));
    }

    #[test]
    fn references_need_a_semicolon() {
        assert!(matches!(tokens("a & b"), Err(ScanError::Syntax(2, _))));
        assert!(matches!(tokens("&amp"), Err(ScanError::Eof(_))));
        assert_eq!(tokens("&#x1F600;").unwrap(), [Token::Reference { at: 0, name: "#x1F600" }]);
    }

    #[test]
    fn end_tag_names_compare_exactly() {
        let names =
            ["a", "ab", "abc", "abcd", "abcde", "ebl:Payer", "ebl:Timestamp1234", "ns:TransactionSearchResponse"];
        for name in names {
            let text = format!("</{name}>");
            assert!(ends_with_name(text.as_bytes(), 2, name.as_bytes()), "{name}");
            for (i, _) in name.char_indices() {
                let mut other = name.as_bytes().to_vec();
                other[i] ^= 1;
                assert!(!ends_with_name(text.as_bytes(), 2, &other), "{name} {i}");
            }
            assert!(!ends_with_name(format!("</{name} >").as_bytes(), 2, name.as_bytes()));
            assert!(!ends_with_name(format!("</{name}").as_bytes(), 2, name.as_bytes()));
        }
    }

    #[test]
    fn first_special_agrees_with_a_plain_search() {
        let specials = [b'<', b'&', b'>', b'\r'];
        let base: Vec<u8> = "abcdefghijklmnopqrstuvwxyzé€".bytes().cycle().take(40).collect();
        for at in 0..40 {
            for special in specials {
                let mut bytes = base.clone();
                bytes[at] = special;
                // A second special later must not hide the first.
                if at + 3 < bytes.len() {
                    bytes[at + 3] = b'<';
                }
                for from in 0..=at {
                    assert_eq!(first_special(&bytes, from, 64), Some(at - from), "{at} {from}");
                    assert_eq!(first_special(&bytes, from, at - from), None, "{at} {from}");
                }
            }
        }
        assert_eq!(first_special(b"", 0, 8), None);
        assert_eq!(first_special(&base, 0, 64), None);
    }

    #[test]
    fn long_text_runs() {
        let long = format!("{}<", "x".repeat(100));
        assert_eq!(tokens(&long[..100]).unwrap(), [Token::Text { at: 0, text: &long[..100], cr: false }]);
        let mut pos = 0;
        assert_eq!(next_token(&long, &mut pos), Ok(Token::Text { at: 0, text: &long[..100], cr: false }));
        assert_eq!(pos, 100);
        let cr = format!("{}\r{}", "x".repeat(50), "y".repeat(50));
        assert_eq!(tokens(&cr).unwrap(), [Token::Text { at: 0, text: &cr, cr: true }]);
        let gt = format!("{}>{}]]>", "y".repeat(30), "z".repeat(30));
        assert_eq!(tokens(&gt), Err(ScanError::Syntax(61, "`]]>` in text")));
    }

    #[test]
    fn end_tags() {
        assert_eq!(end_tag("</a>", 0), Ok(("a", 4)));
        assert_eq!(end_tag("</p:a \n>", 0), Ok(("p:a", 8)));
        assert!(matches!(end_tag("</a b>", 0), Err(ScanError::Syntax(4, _))));
        assert!(matches!(end_tag("</a", 0), Err(ScanError::Eof(_))));
        assert!(matches!(end_tag("</a ", 0), Err(ScanError::Eof(_))));
    }
}
