//! Documentation text to words: the markup the loader keeps (`<br/>`, `<b>…</b>`, tables) becomes spaces,
//! entities are decoded, and the plain text is split into words, numbers and punctuation with their byte
//! spans, so the phrase parser can match phrasings word by word and quote the exact text it read.

/// Documentation markup as plain text: tags replaced by a space, entities decoded, whitespace collapsed.
///
/// The loader escapes `<`, `>` and `&` in text again (`Limit &lt;18`), but the parser also accepts text whose
/// entities are already decoded (`Limit <18`): a `<` starts a tag only when a letter, `/`, `!` or `?` follows
/// it, and a decoded `<` is never read as the start of a tag.
pub(crate) fn plain_text(doc: &str) -> String {
    let mut out = String::with_capacity(doc.len());
    let mut rest = doc;
    while let Some(c) = rest.chars().next() {
        if c == '<' && starts_tag(&rest[1..]) {
            if let Some(end) = rest.find('>') {
                out.push(' ');
                rest = &rest[end + 1..];
                continue;
            }
        }
        if c == '&' {
            if let Some((decoded, len)) = entity(rest) {
                out.push(decoded);
                rest = &rest[len..];
                continue;
            }
        }
        out.push(if c.is_whitespace() { ' ' } else { c });
        rest = &rest[c.len_utf8()..];
    }
    out.split(' ').filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

fn starts_tag(after: &str) -> bool {
    after.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, '/' | '!' | '?'))
}

/// The character an entity at the start of `text` stands for and the entity's length in bytes; a non-breaking
/// space separates words like any other space.
fn entity(text: &str) -> Option<(char, usize)> {
    crate::docs::entity_at(text).map(|(c, len)| (if c == '\u{a0}' { ' ' } else { c }, len))
}

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A run of letters, digits and `_` that is not a plain number (`Character`, `en_AU`, `61characterstring`).
    Word,
    /// Digits, with optional thousands commas (`2,048` is 2048).
    Number(u64),
    /// Any other single character except whitespace.
    Punct(char),
}

/// One token of a plain text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Tok<'a> {
    /// What it is.
    pub(crate) kind: Kind,
    /// Its text.
    pub(crate) text: &'a str,
    /// Byte offset of its start in the plain text.
    pub(crate) start: usize,
    /// Byte offset just past its end.
    pub(crate) end: usize,
}

impl Tok<'_> {
    /// True when the token is the word `w` (ASCII case-insensitive).
    pub(crate) fn is(&self, w: &str) -> bool {
        self.kind == Kind::Word && self.text.eq_ignore_ascii_case(w)
    }

    /// True when the token is one of `words`.
    pub(crate) fn is_any(&self, words: &[&str]) -> bool {
        words.iter().any(|w| self.is(w))
    }

    /// True when the token is the punctuation character `c`.
    pub(crate) fn is_punct(&self, c: char) -> bool {
        self.kind == Kind::Punct(c)
    }

    /// The value of a number written in digits or as an English number word (`Six`, `twelve`).
    pub(crate) fn number(&self) -> Option<u64> {
        match self.kind {
            Kind::Number(n) => Some(n),
            Kind::Word => number_word(self.text),
            Kind::Punct(_) => None,
        }
    }
}

/// English number words PayPal's documentation uses for small counts ("One single-byte numeric character",
/// "Eight alphabetic characters"), up to twenty and the tens after it.
fn number_word(word: &str) -> Option<u64> {
    const WORDS: &[&str] = &[
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
    ];
    const TENS: &[(&str, u64)] =
        &[("thirty", 30), ("forty", 40), ("fifty", 50), ("sixty", 60), ("seventy", 70), ("eighty", 80), ("ninety", 90)];
    let lower = word.to_ascii_lowercase();
    WORDS
        .iter()
        .position(|w| *w == lower)
        .map(|i| i as u64)
        .or_else(|| TENS.iter().find(|(w, _)| *w == lower).map(|(_, n)| *n))
}

/// Splits a plain text into tokens. Letters, digits and `_` form words; a word of digits only is a number,
/// and a comma followed by exactly three digits continues a number (`2,048`), while `4, 8` stays two numbers.
pub(crate) fn tokenize(text: &str) -> Vec<Tok<'_>> {
    let bytes = text.as_bytes();
    let mut toks = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let c = text[i..].chars().next().unwrap_or(' ');
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        if !is_word_char(c) {
            toks.push(Tok { kind: Kind::Punct(c), text: &text[i..i + c.len_utf8()], start: i, end: i + c.len_utf8() });
            i += c.len_utf8();
            continue;
        }
        let start = i;
        let mut end = i;
        let mut all_digits = true;
        loop {
            match text[end..].chars().next() {
                Some(c) if is_word_char(c) => {
                    all_digits &= c.is_ascii_digit();
                    end += c.len_utf8();
                }
                Some(',') if all_digits && thousands_group(bytes, end + 1) => end += 4,
                _ => break,
            }
        }
        let word = &text[start..end];
        let kind = if all_digits {
            let digits: String = word.chars().filter(char::is_ascii_digit).collect();
            // A number too long for u64 is no character limit; reading it as a word keeps it out of the way.
            digits.parse().map_or(Kind::Word, Kind::Number)
        } else {
            Kind::Word
        };
        toks.push(Tok { kind, text: word, start, end });
        i = end;
    }
    toks
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// True when exactly three ASCII digits start at `at` and no further digit follows them.
fn thousands_group(bytes: &[u8], at: usize) -> bool {
    bytes.len() >= at + 3
        && bytes[at..at + 3].iter().all(u8::is_ascii_digit)
        && bytes.get(at + 3).is_none_or(|b| !b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_entities_become_plain_text() {
        assert_eq!(plain_text("Required<br/>Character   limit:\n<b>Two</b>&amp;x"), "Required Character limit: Two &x");
        assert_eq!(plain_text("limits: &lt;18 characters"), "limits: <18 characters");
        assert_eq!(plain_text("limits: <18 characters"), "limits: <18 characters");
        assert_eq!(plain_text("a&#160;b &#x41; &bogus; &"), "a b A &bogus; &");
        assert_eq!(plain_text("<table><tr><td>AU</td></tr></table>"), "AU");
        assert_eq!(plain_text("&ééééééééééé; &é;"), "&ééééééééééé; &é;");
        assert_eq!(plain_text("a < b <"), "a < b <");
    }

    #[test]
    fn numbers_words_and_punctuation() {
        let toks = tokenize("2,048 chars; 4, 8, or 13 3,50,000 17-character OB-61characterstring Six");
        let kinds: Vec<Kind> = toks.iter().map(|t| t.kind).collect();
        use Kind::*;
        assert_eq!(
            kinds,
            [
                Number(2048),
                Word,
                Punct(';'),
                Number(4),
                Punct(','),
                Number(8),
                Punct(','),
                Word,
                Number(13),
                Number(3),
                Punct(','),
                Number(50000),
                Number(17),
                Punct('-'),
                Word,
                Word,
                Punct('-'),
                Word,
                Word,
            ]
        );
        assert_eq!(toks[18].number(), Some(6));
        assert_eq!(toks[1].number(), None);
        assert_eq!(&"2,048 x"[toks[0].start..toks[0].end], "2,048");
    }
}
