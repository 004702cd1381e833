//! Masking secrets and card data in text before it is logged or put in an error.
//!
//! Two passes. [`redact`] works on XML text, not on a parsed document, so it masks a body that is not
//! well-formed too (a broken response is exactly what one wants to log): it finds start tags by local name,
//! whatever the prefix, and replaces the element's text (or CDATA section) up to the next markup. [`Secrets`]
//! then catches what a name cannot: the values one call sent (its credentials, card numbers, CVV2) wherever a
//! response repeats them, as plain text in a proxy's error page, in a fault string or in an error message, and
//! anything shaped like a card number.

use std::borrow::Cow;
use std::ops::Range;

use crate::credentials::Credentials;

use paypal_soap_policy::secrets::{MASK, Mask, secret};

/// Secrets at least this long (in characters) are masked wherever they appear; shorter ones (a three-digit
/// CVV2) only where they stand alone, so that `846` is not cut out of `18460` or a correlation ID.
const ANYWHERE_MIN_CHARS: usize = 6;

/// A digit run this long that is part of a card number this call sent reveals more than its last four digits.
const CARD_FRAGMENT_MIN_DIGITS: usize = 5;

/// `xml` with the value of every element the policy names secret masked as it says: credentials, tokens and
/// CVV2 replaced by `***`, and every card number reduced to its last four digits (`************1111`). Invalid
/// UTF-8 is replaced, since the result is for logs.
///
/// # Example
/// ```
/// use paypal_soap_runtime::redact::redact;
/// let xml = r#"<ebl:Password>hunter2</ebl:Password><n2:CreditCardNumber>4111111111111111</n2:CreditCardNumber><CVV2><![CDATA[123]]></CVV2>"#;
/// assert_eq!(
///     redact(xml.as_bytes()),
///     "<ebl:Password>***</ebl:Password><n2:CreditCardNumber>************1111</n2:CreditCardNumber><CVV2>***</CVV2>"
/// );
/// ```
#[must_use]
pub fn redact(xml: &[u8]) -> String {
    let text: Cow<'_, str> = String::from_utf8_lossy(xml);
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for value in secret_values(&text) {
        out.push_str(&text[copied..value.span.start]);
        out.push_str(&value.mask.apply(value.text));
        copied = value.span.end;
    }
    out.push_str(&text[copied..]);
    out
}

/// The value of one element the policy names secret (`paypal_soap_policy::secrets::SECRETS`): where it is (its
/// CDATA markers included), its text, and how it is masked.
struct SecretValue<'a> {
    span: Range<usize>,
    text: &'a str,
    mask: Mask,
}

/// Every value of a secret element in `text`, in order.
fn secret_values(text: &str) -> Vec<SecretValue<'_>> {
    let mut values = Vec::new();
    let mut pos = 0;
    while let Some(lt) = text[pos..].find('<').map(|i| pos + i) {
        let Some(gt) = text[lt..].find('>').map(|i| lt + i) else { break };
        let tag = &text[lt + 1..gt];
        pos = gt + 1;
        if tag.starts_with(['/', '?', '!']) || tag.ends_with('/') {
            continue;
        }
        let name = tag.split(|c: char| c.is_ascii_whitespace()).next().unwrap_or("");
        let local = name.rsplit(':').next().unwrap_or(name);
        let Some(secret) = secret(local) else { continue };
        let (value, consumed) = element_value(&text[pos..]);
        values.push(SecretValue { span: pos..pos + consumed, text: value, mask: secret.mask });
        pos += consumed;
    }
    values
}

/// The value at the start of `rest` (text up to the next `<`, or one CDATA section) and how many bytes it
/// spans.
fn element_value(rest: &str) -> (&str, usize) {
    const CDATA: &str = "<![CDATA[";
    if let Some(inner) = rest.strip_prefix(CDATA) {
        let end = inner.find("]]>").unwrap_or(inner.len());
        let consumed = CDATA.len() + (end + 3).min(inner.len());
        return (&inner[..end], consumed);
    }
    let end = rest.find('<').unwrap_or(rest.len());
    (&rest[..end], end)
}

/// The secrets of one call, to mask wherever they show up in text that came back: the credentials, the values
/// of the request's secret elements and its card numbers. Each value is masked as is and escaped once and
/// twice (`&lt;`, `&amp;lt;`), the forms a page showing the request or its XML source has.
/// Card numbers are found whatever separates their digits (`4111 1111 1111 1111`, `4111-1111-…`), and so are
/// numbers of 13 to 19 digits that pass the Luhn check, the shape of every card number, sent or not.
/// Its `Debug` shows counts only: it holds the secrets themselves.
///
/// The values are collected the first time something is masked, not when the call starts: most calls succeed
/// with nothing logged and nothing to mask, and scanning every request for them would be wasted work. Until
/// then it keeps a copy of the credentials' values and of the request, which the caller may have handed on.
#[derive(Default)]
pub struct Secrets {
    /// The credentials' values and the request envelope the secrets are collected from.
    source: (Vec<String>, Vec<u8>),
    /// The secrets, once collected.
    found: std::sync::OnceLock<Found>,
}

#[derive(Default)]
struct Found {
    /// Values to mask, longest first (so a secret containing another is masked whole).
    texts: Vec<String>,
    /// The request's card numbers, digits only.
    cards: Vec<String>,
}

/// Shows how many values and card numbers it holds, never the values.
impl std::fmt::Debug for Secrets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let found = self.found();
        f.debug_struct("Secrets").field("texts", &found.texts.len()).field("cards", &found.cards.len()).finish()
    }
}

impl Secrets {
    /// The secrets of a call with `credentials` whose request envelope is `envelope`.
    pub fn new(credentials: &Credentials, envelope: &[u8]) -> Self {
        let mut values = vec![credentials.password.expose().to_owned()];
        if let Some(signature) = &credentials.signature {
            values.push(signature.expose().to_owned());
        }
        Self { source: (values, envelope.to_vec()), found: std::sync::OnceLock::new() }
    }

    fn found(&self) -> &Found {
        self.found.get_or_init(|| {
            let (values, envelope) = &self.source;
            let mut found = Found::default();
            for value in values {
                found.add_text(value);
            }
            let text = String::from_utf8_lossy(envelope);
            for value in secret_values(&text) {
                if value.mask == Mask::AllButLastFour {
                    let digits: String = value.text.chars().filter(char::is_ascii_digit).collect();
                    if digits.len() >= CARD_FRAGMENT_MIN_DIGITS {
                        found.cards.push(digits);
                        continue;
                    }
                }
                found.add_text(&unescape(value.text));
            }
            found.texts.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
            found.texts.dedup();
            found
        })
    }

    /// `text` with every secret masked; borrowed when there was nothing to mask.
    pub fn scrub<'a>(&self, text: &'a str) -> Cow<'a, str> {
        let found = self.found();
        let mut out = Cow::Borrowed(text);
        for secret in &found.texts {
            if out.contains(secret.as_str()) {
                let masked = mask_occurrences(&out, secret, secret.chars().count() >= ANYWHERE_MIN_CHARS);
                out = Cow::Owned(masked);
            }
        }
        match mask_card_numbers(&out, &found.cards) {
            Some(masked) => Cow::Owned(masked),
            None => out,
        }
    }

    /// Scrubs `text` in place.
    pub fn scrub_string(&self, text: &mut String) {
        if let Cow::Owned(masked) = self.scrub(text) {
            *text = masked;
        }
    }
}

impl Found {
    /// Adds `value` (unescaped) and its escaped forms.
    fn add_text(&mut self, value: &str) {
        let value = value.trim();
        if value.is_empty() {
            return;
        }
        let once = escape(value);
        let twice = escape(&once);
        if twice != value {
            self.texts.push(twice.into_owned());
        }
        if once != value {
            self.texts.push(once.into_owned());
        }
        self.texts.push(value.to_owned());
    }
}

/// `text` with `secret` replaced by `***`: everywhere, or (`anywhere` false) only where it is not part of a
/// longer word or number.
fn mask_occurrences(text: &str, secret: &str, anywhere: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for (at, _) in text.match_indices(secret) {
        if at < copied {
            continue;
        }
        let end = at + secret.len();
        let alone = !text[..at].chars().next_back().is_some_and(char::is_alphanumeric)
            && !text[end..].chars().next().is_some_and(char::is_alphanumeric);
        if anywhere || alone {
            out.push_str(&text[copied..at]);
            out.push_str(MASK);
            copied = end;
        }
    }
    out.push_str(&text[copied..]);
    out
}

/// `text` with the digits of card numbers masked, all but the last four (or all, for a fragment that does not
/// end the number); `None` when there are none. A run of digits may be split by single spaces or dashes.
fn mask_card_numbers(text: &str, cards: &[String]) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        // A run of digits, single separators allowed between two digits.
        let start = i;
        let mut end = i;
        let mut digits = String::new();
        while end < bytes.len() {
            if bytes[end].is_ascii_digit() {
                digits.push(char::from(bytes[end]));
                end += 1;
            } else if matches!(bytes[end], b' ' | b'-') && bytes.get(end + 1).is_some_and(u8::is_ascii_digit) {
                end += 1;
            } else {
                break;
            }
        }
        i = end;
        let Some(keep) = digits_to_keep(&digits, cards) else { continue };
        let out = out.get_or_insert_with(|| String::with_capacity(text.len()));
        out.push_str(&text[copied..start]);
        let mut left = digits.len() - keep;
        for b in text[start..end].bytes() {
            if b.is_ascii_digit() && left > 0 {
                out.push('*');
                left -= 1;
            } else {
                out.push(char::from(b));
            }
        }
        copied = end;
    }
    let mut out = out?;
    out.push_str(&text[copied..]);
    Some(out)
}

/// How many trailing digits of `digits` may show: `None` when it is no card number (nothing to mask), 4 when it
/// is one or ends like one, 0 for another part of one.
fn digits_to_keep(digits: &str, cards: &[String]) -> Option<usize> {
    if digits.len() < CARD_FRAGMENT_MIN_DIGITS {
        return None;
    }
    for card in cards {
        if card.ends_with(digits) || digits.ends_with(card.as_str()) {
            return Some(4);
        }
        if card.contains(digits) || digits.contains(card.as_str()) {
            return Some(0);
        }
    }
    ((13..=19).contains(&digits.len()) && luhn(digits)).then_some(4)
}

/// The Luhn check every card number passes.
fn luhn(digits: &str) -> bool {
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 1 { if d > 4 { d * 2 - 9 } else { d * 2 } } else { d }
        })
        .sum();
    sum % 10 == 0
}

/// `text` with `&`, `<` and `>` escaped, as XML text and HTML have them.
fn escape(text: &str) -> Cow<'_, str> {
    if !text.contains(['&', '<', '>']) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;"))
}

/// `text` with the five predefined XML entities replaced.
fn unescape(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    let out = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&");
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_by_local_name_whatever_the_prefix() {
        let xml = "<Envelope><ebl:Username>u</ebl:Username><ebl:Password>p@ss</ebl:Password>\
                   <Signature xmlns=\"urn:x\">AFcW-sig</Signature><ebl:Subject/></Envelope>";
        let out = redact(xml.as_bytes());
        assert!(!out.contains("p@ss") && !out.contains("AFcW-sig"), "{out}");
        assert!(out.contains("<ebl:Username>u</ebl:Username>"));
        assert!(out.contains("<Signature xmlns=\"urn:x\">***</Signature>"));
    }

    #[test]
    fn keeps_the_last_four_digits_of_card_numbers() {
        let out = redact(b"<CardNumber>5555 5555 5555 4444</CardNumber><CreditCardNumber>12</CreditCardNumber>");
        assert_eq!(out, "<CardNumber>************4444</CardNumber><CreditCardNumber>***</CreditCardNumber>");
    }

    #[test]
    fn leaves_empty_and_self_closing_elements_and_similar_names() {
        let xml = "<Signature/><Password></Password><PasswordHint>x</PasswordHint><CVV2Code>M</CVV2Code>";
        assert_eq!(
            redact(xml.as_bytes()),
            "<Signature/><Password>***</Password><PasswordHint>x</PasswordHint><CVV2Code>M</CVV2Code>"
        );
    }

    #[test]
    fn survives_broken_markup() {
        assert_eq!(redact(b"<Password>secret"), "<Password>***");
        assert_eq!(redact(b"<Password"), "<Password");
        assert_eq!(redact(b"<CVV2><![CDATA[12"), "<CVV2>***");
        assert_eq!(redact(b"\xff<a>"), "\u{fffd}<a>");
    }

    fn secrets() -> Secrets {
        let creds = Credentials::signature("user", "p@ss&word-1", "AFcW-sig-123456");
        let envelope = "<Envelope><ebl:Password>p@ss&amp;word-1</ebl:Password><CVV2>962</CVV2>\
                        <CreditCardNumber>4111 1111 1111 1111</CreditCardNumber></Envelope>";
        Secrets::new(&creds, envelope.as_bytes())
    }

    #[test]
    fn secrets_are_masked_wherever_they_show() {
        let s = secrets();
        let page = "<p>p@ss&word-1 / p@ss&amp;word-1 / AFcW-sig-123456 / cvv 962 (not 19620) / 4111111111111111</p>";
        assert_eq!(s.scrub(page), "<p>*** / *** / *** / cvv *** (not 19620) / ************1111</p>");
        assert!(matches!(s.scrub("nothing to see: 2024-01-02, 10.00 USD"), Cow::Borrowed(_)));
    }

    #[test]
    fn card_numbers_are_found_with_separators_in_fragments_and_by_shape() {
        let s = secrets();
        assert_eq!(s.scrub("4111-1111-1111-1111, 4111 1111 1111 1111"), "****-****-****-1111, **** **** **** 1111");
        // A run of digits that holds a card number but does not end with it shows nothing.
        assert_eq!(s.scrub("4111 1111 1111 1111 2024"), "**** **** **** **** ****");
        // A fragment that does not end the number shows nothing; one that does keeps four digits.
        assert_eq!(s.scrub("cut: 41111111…"), "cut: ********…");
        assert_eq!(s.scrub("end: 11111"), "end: *1111");
        // Another card number (Luhn-valid), and numbers that are none.
        assert_eq!(s.scrub("5555555555554444 or 5555555555554445"), "************4444 or 5555555555554445");
        assert_eq!(s.scrub("ZIP 95131, phone 408-555-0100"), "ZIP 95131, phone 408-555-0100");
    }

    #[test]
    fn luhn_check() {
        assert!(luhn("4111111111111111") && luhn("4532015112830366") && luhn("378282246310005"));
        assert!(!luhn("4111111111111112"));
    }
}
