//! The phrase parser: reads the character limit that an `xs:documentation` text states in prose.
//!
//! PayPal writes limits in some fifty phrasings ("Character length and limitations: 127 single-byte
//! alphanumeric characters", "Max length is 36 Chars", "FirstName: 25 single-byte character limit", "&lt;18
//! characters", "Six character HTML hexadecimal color code", …). The parser works on words, not on a regular
//! expression: [`text`](super::text) turns the markup into tokens, and a few small matchers each recognise one
//! shape of phrase (a label followed by a quantity, a quantity followed by a unit and a marker, `N-character`).
//! Texts that mention characters, lengths or limits but state none get a [`Reason`] that says why, so a
//! phrasing the parser does not know shows up as [`ReasonKind::Unrecognised`] instead of disappearing.

use std::fmt;

use super::text::{Kind, Tok, plain_text, tokenize};

/// A limit read from prose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProseLimit {
    /// The most characters the text allows.
    pub max_chars: u64,
    /// The words it was read from, as plain text (`Character length and limits: <18 characters`).
    pub phrase: String,
}

/// A limit that a text states for a named field, in texts that list several ("FirstName: 25 single-byte
/// character limit. MiddleName: …").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedLimit {
    /// The field name as written before the colon.
    pub field: String,
    /// The limit.
    pub limit: ProseLimit,
}

/// What a documentation text says about the character limit of one field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocLimit {
    /// The text states a limit.
    Limit(ProseLimit),
    /// The text says there is no limit ("Character length and limitations: no limit").
    NoLimit {
        /// The words it was read from.
        phrase: String,
    },
    /// The text mentions characters, a length or a limit but yields no limit for this field; each reason says
    /// why, for one mention.
    NoneFound(Vec<Reason>),
    /// The text does not mention characters, lengths or limits.
    Silent,
}

impl DocLimit {
    /// True when some mention has no explanation: a phrasing the parser does not know.
    pub fn is_unexplained(&self) -> bool {
        matches!(self, DocLimit::NoneFound(reasons) if reasons.iter().any(|r| !r.kind.is_explained()))
    }
}

/// Why a mention of characters, length or a limit yields no limit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason {
    /// The kind of mention.
    pub kind: ReasonKind,
    /// The words around the mention, as plain text.
    pub context: String,
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}`: {}", self.context, self.kind)
    }
}

/// The kinds of mention that yield no limit.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum ReasonKind {
    /// The text says there is no limit ("Character length and limitations: no limit").
    NoLimit,
    /// A limit label followed by no number ("Character length and limitations: single-byte alphanumeric
    /// characters"): the text means to state a limit but gives no count.
    NoNumber,
    /// The limit or maximum is on the value (an amount of money, a count, a number range), not its length.
    Value,
    /// A maximum image size in pixels.
    Image,
    /// A length or maximum of time (months, hours, a retry deadline).
    Time,
    /// "three-character currency code": the code of the `currencyID` attribute, not this field's length.
    CurrencyCode,
    /// Says which characters are allowed, not how many.
    AllowedCharacters,
    /// The text states limits for other fields only (the fields of this field's type).
    OtherFields(Vec<String>),
    /// A limit stated where there is no text value to apply it to (a complex type's or an enumeration
    /// value's documentation).
    NotAField,
    /// The text names fields its type does not have, so their limits apply nowhere.
    UnknownFields(Vec<String>),
    /// The word appears with no number near it, so it states no limit ("Information about the Item length").
    NoNumberNearby,
    /// A number stands near the mention, in a phrasing the parser does not know. The target is none of these.
    Unrecognised,
}

impl ReasonKind {
    /// False for the kinds that mean the parser or the table missed something: an unknown phrasing, or
    /// per-field limits for fields that do not exist.
    pub fn is_explained(&self) -> bool {
        !matches!(self, ReasonKind::Unrecognised | ReasonKind::UnknownFields(_))
    }
}

impl fmt::Display for ReasonKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReasonKind::NoLimit => f.write_str("says there is no limit"),
            ReasonKind::NoNumber => f.write_str("a limit label with no number after it"),
            ReasonKind::Value => f.write_str("limits the value (an amount, a count or a range), not its length"),
            ReasonKind::Image => f.write_str("an image size in pixels, not a length"),
            ReasonKind::Time => f.write_str("a span of time, not a length"),
            ReasonKind::CurrencyCode => f.write_str("the currency code of the currencyID attribute, not this field"),
            ReasonKind::AllowedCharacters => f.write_str("says which characters are allowed, not how many"),
            ReasonKind::OtherFields(names) => write!(f, "states limits for other fields only: {}", names.join(", ")),
            ReasonKind::NotAField => f.write_str("a limit with no text value to apply it to"),
            ReasonKind::UnknownFields(names) => {
                write!(f, "UNKNOWN FIELDS: states limits for fields the type does not have: {}", names.join(", "))
            }
            ReasonKind::NoNumberNearby => f.write_str("no number near the word, so no limit is stated"),
            ReasonKind::Unrecognised => f.write_str("UNRECOGNISED: a number near the word in an unknown phrasing"),
        }
    }
}

/// Reads what `doc` (documentation as the loader delivers it: markup kept as text, `&lt;` either escaped or
/// decoded) says about the character limit of the field named `field_wire_name`.
///
/// When the text lists limits for several named fields, the one named `field_wire_name` (compared ignoring
/// ASCII case) is the limit; when several unnamed limits appear, the first one is. A stated limit wins over an
/// incidental `N-character` (as in "must be the standard 2-character abbreviation").
///
/// # Example
/// ```
/// use codegen::limits::{DocLimit, limits_in_doc};
///
/// let doc = "Dynamic descriptor<br/>Optional<br/>Character length and limits: &lt;18 characters";
/// let DocLimit::Limit(limit) = limits_in_doc(doc, "Descriptor") else { panic!("no limit") };
/// assert_eq!(limit.max_chars, 17);
/// assert_eq!(limit.phrase, "Character length and limits: <18 characters");
/// ```
pub fn limits_in_doc(doc: &str, field_wire_name: &str) -> DocLimit {
    let text = plain_text(doc);
    let scan = Scan::new(&text);
    let finds = scan.finds();

    let named: Vec<NamedLimit> = finds.iter().filter_map(|f| scan.named(f)).collect();
    if let Some(n) = named.iter().find(|n| n.field.eq_ignore_ascii_case(field_wire_name)) {
        return DocLimit::Limit(n.limit.clone());
    }
    for f in &finds {
        match f.what {
            What::Limit { max, field: None, strong: true } => return DocLimit::Limit(scan.limit(f, max)),
            What::NoLimit => return DocLimit::NoLimit { phrase: scan.phrase(f.start, f.end) },
            _ => {}
        }
    }
    if let Some(f) = finds.iter().find(|f| matches!(f.what, What::Limit { field: None, strong: false, .. })) {
        if let What::Limit { max, .. } = f.what {
            return DocLimit::Limit(scan.limit(f, max));
        }
    }

    let mut reasons = Vec::new();
    if !named.is_empty() {
        let names = named.iter().map(|n| n.field.clone()).collect();
        let start = finds.iter().map(|f| f.start).min().unwrap_or(0);
        let end = finds.iter().map(|f| f.end).max().unwrap_or(0);
        reasons.push(Reason { kind: ReasonKind::OtherFields(names), context: scan.phrase(start, end) });
    }
    for f in &finds {
        match f.what {
            What::LabelOnly => reasons.push(scan.classify(f.start, f.end, ReasonKind::NoNumber)),
            What::CurrencyCode => {
                reasons.push(Reason { kind: ReasonKind::CurrencyCode, context: scan.phrase(f.start, f.end) })
            }
            _ => {}
        }
    }
    for i in 0..scan.toks.len() {
        if scan.toks[i].is_any(MENTIONS) && !finds.iter().any(|f| f.covers(i)) {
            reasons.push(scan.classify(i, i + 1, ReasonKind::NoNumberNearby));
        }
    }
    reasons.dedup();
    if reasons.is_empty() { DocLimit::Silent } else { DocLimit::NoneFound(reasons) }
}

/// Every per-field limit that `doc` states ("Salutation: 20 single-byte character limit. FirstName: 25 …"),
/// in text order.
pub fn named_limits(doc: &str) -> Vec<NamedLimit> {
    let text = plain_text(doc);
    let scan = Scan::new(&text);
    scan.finds().iter().filter_map(|f| scan.named(f)).collect()
}

/// Words that make a text "mention" characters, a length or a limit.
const MENTIONS: &[&str] = &[
    "character",
    "characters",
    "char",
    "chars",
    "length",
    "limit",
    "limits",
    "limitation",
    "limitations",
    "maximum",
    "max",
];
/// How many tokens before and after a mention [`Scan::classify`] reads and quotes.
const CONTEXT_BEFORE: usize = 3;
const CONTEXT_AFTER: usize = 6;
const LIMIT_WORDS: &[&str] = &["limit", "limits", "limitation", "limitations"];
const UNIT_WORDS: &[&str] = &["character", "characters", "char", "chars"];
const DIGIT_WORDS: &[&str] = &["digit", "digits"];
const CLASS_WORDS: &[&str] = &["alphanumeric", "alphabetic", "numeric", "alpha"];

/// What a matcher found, over tokens `start..end`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Find {
    start: usize,
    end: usize,
    what: What,
}

impl Find {
    /// True when token `i` belongs to this find. A label with no number also covers the words its reason
    /// quotes, so "limitations: single-byte alphanumeric characters" is one mention, not two.
    fn covers(&self, i: usize) -> bool {
        let end = if self.what == What::LabelOnly { self.end + CONTEXT_AFTER } else { self.end };
        (self.start..end).contains(&i)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum What {
    /// A limit; `field` is the name before a colon in per-field lists; `strong` is false for `N-character`.
    Limit { max: u64, field: Option<String>, strong: bool },
    /// "no limit".
    NoLimit,
    /// A limit label with no number after it.
    LabelOnly,
    /// "three-character currency code".
    CurrencyCode,
}

/// The unit after a quantity, and the token index just past the unit and its trailing words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Unit {
    end: usize,
    /// For "16 digits in xxxx-xxxx-xxxx-xxxx format": the length of the format, which the value is written in.
    format_len: Option<u64>,
    /// A trailing word that marks the quantity as a limit: `maximum`, `limit`, `long`, `or less`.
    marked: bool,
}

struct Scan<'a> {
    text: &'a str,
    toks: Vec<Tok<'a>>,
}

impl<'a> Scan<'a> {
    fn new(text: &'a str) -> Self {
        Scan { text, toks: tokenize(text) }
    }

    fn tok(&self, i: usize) -> Option<&Tok<'a>> {
        self.toks.get(i)
    }

    fn is(&self, i: usize, word: &str) -> bool {
        self.tok(i).is_some_and(|t| t.is(word))
    }

    fn is_any(&self, i: usize, words: &[&str]) -> bool {
        self.tok(i).is_some_and(|t| t.is_any(words))
    }

    fn is_punct(&self, i: usize, c: char) -> bool {
        self.tok(i).is_some_and(|t| t.is_punct(c))
    }

    /// The plain text of tokens `start..end`.
    fn phrase(&self, start: usize, end: usize) -> String {
        match (self.tok(start), end.checked_sub(1).and_then(|e| self.tok(e))) {
            (Some(a), Some(b)) if a.start <= b.end => self.text[a.start..b.end].to_string(),
            _ => String::new(),
        }
    }

    fn limit(&self, f: &Find, max: u64) -> ProseLimit {
        ProseLimit { max_chars: max, phrase: self.phrase(f.start, f.end) }
    }

    fn named(&self, f: &Find) -> Option<NamedLimit> {
        match &f.what {
            What::Limit { max, field: Some(field), .. } => {
                Some(NamedLimit { field: field.clone(), limit: self.limit(f, *max) })
            }
            _ => None,
        }
    }

    /// Every phrase the matchers recognise, left to right, without overlaps. A `Name:` before a limit makes it
    /// a per-field limit only in a list of two or more ("Salutation: 20 … FirstName: 25 …"); a single
    /// "Identifier: 17 characters maximum" is the limit of the field it documents.
    fn finds(&self) -> Vec<Find> {
        let mut out = self.raw_finds();
        let named = out.iter().filter(|f| matches!(f.what, What::Limit { field: Some(_), .. })).count();
        if named < 2 {
            for f in &mut out {
                if let What::Limit { field: field @ Some(_), .. } = &mut f.what {
                    *field = None;
                    f.start += 2;
                }
            }
        }
        out
    }

    fn raw_finds(&self) -> Vec<Find> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < self.toks.len() {
            let found =
                self.labelled(i).or_else(|| self.prefixed(i)).or_else(|| self.marked(i)).or_else(|| self.hyphenated(i));
            match found {
                Some(f) => {
                    i = f.end.max(i + 1);
                    out.push(f);
                }
                None => i += 1,
            }
        }
        out
    }

    /// A label and what follows it: "Character length and limitations: 127 …", "Character limit: Two …",
    /// "Maximum string length: 255 …", "Max length is 36 Chars", "Limit: 10 single-byte characters",
    /// "Length 25 characters", "… limitations: no limit".
    fn labelled(&self, i: usize) -> Option<Find> {
        // (label end, whether the quantity must carry a character unit, whether a missing number is reported)
        let (mut j, unit_required, report_missing) = if self.is(i, "character")
            && self.is(i + 1, "length")
            && self.is(i + 2, "and")
            && self.is_any(i + 3, LIMIT_WORDS)
        {
            (i + 4, false, true)
        } else if self.is(i, "character") && self.is_any(i + 1, LIMIT_WORDS) {
            (i + 2, false, true)
        } else if self.is_any(i, &["maximum", "max"]) && self.is(i + 1, "string") && self.is(i + 2, "length") {
            (i + 3, false, true)
        } else if self.is_any(i, &["maximum", "max"]) && self.is(i + 1, "length") {
            (i + 2, false, true)
        } else if self.is_any(i, LIMIT_WORDS) && self.is_punct(i + 1, ':') {
            (i + 1, true, true)
        } else if self.is(i, "length") {
            (i + 1, true, false)
        } else {
            return None;
        };
        let label_end = j;
        if self.is_punct(j, ':') || self.is(j, "is") {
            j += 1;
        }
        if self.is(j, "no") && self.is_any(j + 1, LIMIT_WORDS) {
            return Some(Find { start: i, end: j + 2, what: What::NoLimit });
        }
        if let Some((max, after)) = self.quantity(j) {
            match self.unit(after) {
                Some(unit) => {
                    let max = unit.format_len.unwrap_or(max);
                    return Some(Find {
                        start: i,
                        end: unit.end,
                        what: What::Limit { max, field: None, strong: true },
                    });
                }
                None if !unit_required => {
                    return Some(Find { start: i, end: after, what: What::Limit { max, field: None, strong: true } });
                }
                None => {}
            }
        }
        report_missing.then_some(Find { start: i, end: label_end, what: What::LabelOnly })
    }

    /// A limit word before the quantity: "Maximum 32 characters in length", "up to 13 characters", "at most 5
    /// characters", "no more than 8 characters".
    fn prefixed(&self, i: usize) -> Option<Find> {
        let j = if self.is_any(i, &["maximum", "max"]) {
            i + 1
        } else if self.is(i, "at") && self.is(i + 1, "most") {
            i + 2
        } else if self.is(i, "no") && self.is(i + 1, "more") && self.is(i + 2, "than") {
            i + 3
        } else if self.is(i, "up") && self.is(i + 1, "to") {
            i
        } else {
            return None;
        };
        let (max, after) = self.quantity(j)?;
        let unit = self.unit(after)?;
        let max = unit.format_len.unwrap_or(max);
        Some(Find { start: i, end: unit.end, what: What::Limit { max, field: None, strong: true } })
    }

    /// A quantity whose unit is followed by a word that makes it a limit: "25 single-byte character limit"
    /// (with a `FirstName:` before it, a per-field limit), "17 characters maximum", "must be 32 characters
    /// long", "8 characters or less".
    fn marked(&self, i: usize) -> Option<Find> {
        let (max, after) = self.quantity(i)?;
        let unit = self.unit(after)?;
        if !unit.marked {
            return None;
        }
        let max = unit.format_len.unwrap_or(max);
        let named = i >= 2 && self.is_punct(i - 1, ':') && self.toks[i - 2].kind == Kind::Word;
        let (start, field) = if named {
            (i - 2, Some(self.toks[i - 2].text.to_string()))
        } else if i >= 2 && self.is(i - 1, "be") && self.is_any(i - 2, &["must", "should"]) {
            // "must be 32 characters long": the verb belongs to the phrase a reader looks for.
            (i - 2, None)
        } else {
            (i, None)
        };
        Some(Find { start, end: unit.end, what: What::Limit { max, field, strong: true } })
    }

    /// `N-character …`: "a 17-character alphanumeric (encrypted) string", "Two-character country code". A
    /// weak limit, used only when the text states no other; "three-character currency codes" is the
    /// `currencyID` attribute's code and no limit of the field.
    fn hyphenated(&self, i: usize) -> Option<Find> {
        let n = self.tok(i)?.number()?;
        if !(self.is_punct(i + 1, '-') && self.is_any(i + 2, &["character", "char"])) {
            return None;
        }
        if self.is(i + 3, "currency") {
            let end = if self.is_any(i + 4, &["code", "codes"]) { i + 5 } else { i + 4 };
            return Some(Find { start: i, end, what: What::CurrencyCode });
        }
        let end = if self.tok(i + 3).is_some_and(|t| t.kind == Kind::Word) { i + 4 } else { i + 3 };
        Some(Find { start: i, end, what: What::Limit { max: n, field: None, strong: false } })
    }

    /// A count at token `j`: `127`, `2,048`, `Six`, `Up to 13`, `<18` (at most 17). Returns the most characters
    /// it allows and the index after it.
    fn quantity(&self, j: usize) -> Option<(u64, usize)> {
        let mut k = j;
        if self.is(k, "up") && self.is(k + 1, "to") {
            k += 2;
        }
        let less_than = self.is_punct(k, '<');
        if less_than {
            k += 1;
        }
        let n = self.tok(k)?.number()?;
        let max = if less_than { n.checked_sub(1)? } else { n };
        Some((max, k + 1))
    }

    /// The unit after a quantity: optional `single-byte` and character classes, then `characters`/`chars`
    /// (or `digits`), then optional trailing words (`maximum`, `in length`, `long`, `limit`, `or less`).
    fn unit(&self, mut k: usize) -> Option<Unit> {
        loop {
            if self.is(k, "single") && self.is_punct(k + 1, '-') && self.is(k + 2, "byte") {
                k += 3;
            } else if self.is_any(k, CLASS_WORDS) {
                k += 1;
            } else {
                break;
            }
        }
        let digits = self.is_any(k, DIGIT_WORDS);
        if !digits && !self.is_any(k, UNIT_WORDS) {
            return None;
        }
        k += 1;
        let mut unit = Unit { end: k, format_len: None, marked: false };
        if digits {
            if let Some((len, end)) = self.digit_format(k) {
                unit.format_len = Some(len);
                unit.end = end;
            }
        } else if self.is_any(k, &["maximum", "max", "long"]) || self.is_any(k, LIMIT_WORDS) {
            unit = Unit { end: k + 1, marked: true, ..unit };
        } else if (self.is(k, "in") && self.is(k + 1, "length"))
            || (self.is(k, "or") && self.is_any(k + 1, &["less", "fewer"]))
        {
            unit = Unit { end: k + 2, marked: true, ..unit };
        }
        Some(unit)
    }

    /// "in xxxx-xxxx-xxxx-xxxx format" at `k`: the format's length in characters and the index after
    /// `format`. The value is written in that format, so its length is the limit, not the count of digits.
    fn digit_format(&self, k: usize) -> Option<(u64, usize)> {
        if !self.is(k, "in") {
            return None;
        }
        let fmt_end = (k + 2..self.toks.len().min(k + 12)).find(|&e| self.is(e, "format"))?;
        let pattern = &self.text[self.tok(k + 1)?.start..self.tok(fmt_end - 1)?.end];
        let is_format =
            !pattern.is_empty() && pattern.chars().all(|c| matches!(c, 'x' | 'X' | '9' | '#' | '-' | '.' | '/'));
        is_format.then(|| (pattern.chars().count() as u64, fmt_end + 1))
    }

    /// Explains a mention at tokens `start..end` by the words around it; `fallback` when none of them does.
    fn classify(&self, start: usize, end: usize, fallback: ReasonKind) -> Reason {
        let from = start.saturating_sub(CONTEXT_BEFORE);
        let to = (end + CONTEXT_AFTER).min(self.toks.len());
        let around = &self.toks[from..to];
        let mention_is_chars = self.toks[start..end].iter().any(|t| t.is_any(UNIT_WORDS));
        let has = |words: &[&str]| around.iter().any(|t| t.is_any(words));
        let kind = if mention_is_chars && has(&["allowed", "allowable"]) {
            ReasonKind::AllowedCharacters
        } else if has(&["pixels", "pixel"]) {
            ReasonKind::Image
        } else if has(&["time", "months", "days", "hours", "term"]) {
            ReasonKind::Time
        } else if has(&[
            "usd",
            "amount",
            "amounts",
            "money",
            "withdraw",
            "withdrawal",
            "payments",
            "transactions",
            "integer",
            "number",
        ]) || around.iter().any(|t| t.is_punct('$'))
        {
            ReasonKind::Value
        } else if fallback == ReasonKind::NoNumberNearby
            && around.iter().enumerate().any(|(k, t)| from + k != start && t.number().is_some())
        {
            ReasonKind::Unrecognised
        } else {
            fallback
        };
        Reason { kind, context: self.phrase(from, to) }
    }
}

#[cfg(test)]
mod tests;
