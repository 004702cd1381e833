//! Masking secrets and card data in XML text before it is logged.
//!
//! The pass works on text, not on a parsed document, so it masks a body that is not well-formed too (a broken
//! response is exactly what one wants to log). It finds start tags by local name, whatever the prefix, and
//! replaces the element's text (or CDATA section) up to the next markup.

use std::borrow::Cow;

/// Elements whose whole value is masked: credentials and card verification values.
pub const MASKED: &[&str] =
    &["Password", "Signature", "CVV2", "AuthCert", "AuthToken", "eBayAuthToken", "RefreshToken", "SessionToken"];

/// Elements holding a card number: everything but the last four digits is masked.
pub const LAST_FOUR: &[&str] = &["CreditCardNumber", "CardNumber", "UATPNumber"];

/// What a masked value becomes.
const MASK: &str = "***";

/// `xml` with every value of [`MASKED`] elements replaced by `***` and every card number reduced to its last
/// four digits (`************1111`). Invalid UTF-8 is replaced, since the result is for logs.
///
/// # Example
/// ```
/// use paypal_soap::runtime::client::redact;
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
    let mut rest: &str = &text;
    while let Some(lt) = rest.find('<') {
        let Some(gt) = rest[lt..].find('>').map(|i| lt + i) else { break };
        out.push_str(&rest[..=gt]);
        let tag = &rest[lt + 1..gt];
        rest = &rest[gt + 1..];
        if tag.starts_with(['/', '?', '!']) || tag.ends_with('/') {
            continue;
        }
        let name = tag.split(|c: char| c.is_ascii_whitespace()).next().unwrap_or("");
        let local = name.rsplit(':').next().unwrap_or(name);
        let last_four = LAST_FOUR.contains(&local);
        if !last_four && !MASKED.contains(&local) {
            continue;
        }
        let (value, consumed) = element_value(rest);
        out.push_str(&if last_four { mask_card(&value) } else { MASK.to_owned() });
        rest = &rest[consumed..];
    }
    out.push_str(rest);
    out
}

/// The value at the start of `rest` (text up to the next `<`, or one CDATA section) and how many bytes it
/// spans.
fn element_value(rest: &str) -> (Cow<'_, str>, usize) {
    const CDATA: &str = "<![CDATA[";
    if let Some(inner) = rest.strip_prefix(CDATA) {
        let end = inner.find("]]>").unwrap_or(inner.len());
        let consumed = CDATA.len() + (end + 3).min(inner.len());
        return (Cow::Borrowed(&inner[..end]), consumed);
    }
    let end = rest.find('<').unwrap_or(rest.len());
    (Cow::Borrowed(&rest[..end]), end)
}

fn mask_card(value: &str) -> String {
    let digits: Vec<char> = value.chars().filter(char::is_ascii_alphanumeric).collect();
    if digits.len() <= 4 {
        return MASK.to_owned();
    }
    let keep = digits.len() - 4;
    let mut out: String = "*".repeat(keep);
    out.extend(&digits[keep..]);
    out
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
}
