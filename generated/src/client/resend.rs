//! Finding the `MsgSubID` in an encoded request, which decides whether a resend is safe
//! ([`super::RetryPolicy::resend_with_msg_sub_id`]) and lets the fake PayPal play PayPal's idempotency.
//!
//! The envelope is searched rather than the typed request because the client's `call` sees only an
//! [`XmlWrite`](paypal_soap_runtime::xml::XmlWrite) body; which operations carry the element at all comes from
//! the generator's plan (`Operation::msg_sub_id`), so only those envelopes are searched.

/// The local name of PayPal's idempotency key.
const NAME: &[u8] = b"MsgSubID";

/// The text of the first `MsgSubID` start tag's content in `envelope`, when it has any: the value as written
/// (escaped), enough to compare two requests' keys.
pub(crate) fn msg_sub_id(envelope: &[u8]) -> Option<&[u8]> {
    let mut from = 0;
    while let Some(found) = find(&envelope[from..], NAME).map(|i| from + i) {
        from = found + NAME.len();
        if !is_start_tag_name(envelope, found) {
            continue;
        }
        // The tag must end right after the name (an element with attributes would not be the key PayPal reads).
        if envelope.get(from) != Some(&b'>') {
            continue;
        }
        let text = &envelope[from + 1..];
        let end = text.iter().position(|&b| b == b'<').unwrap_or(text.len());
        let value = &text[..end];
        return (!value.iter().all(u8::is_ascii_whitespace)).then_some(value);
    }
    None
}

/// True when `envelope` carries a non-empty `MsgSubID`.
pub(crate) fn carries_msg_sub_id(envelope: &[u8]) -> bool {
    msg_sub_id(envelope).is_some()
}

/// True when the name at `at` is the whole local name of a start tag: `<MsgSubID` or `<prefix:MsgSubID`, not
/// `</p:MsgSubID`, `<p:CancelMsgSubID` or text that happens to contain the word.
fn is_start_tag_name(bytes: &[u8], at: usize) -> bool {
    let before = &bytes[..at];
    let Some(open) = before.iter().rposition(|&b| b == b'<') else { return false };
    let qname_start = &before[open + 1..];
    match qname_start {
        [] => true,
        [b'/', ..] => false,
        prefix => {
            prefix.last() == Some(&b':')
                && prefix[..prefix.len() - 1].iter().all(|&b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        }
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_key_only_in_its_own_start_tag() {
        let with = b"<e><b><ns:Req><ebl:Details><ebl:MsgSubID>abc-1</ebl:MsgSubID></ebl:Details></ns:Req></b></e>";
        assert_eq!(msg_sub_id(with), Some(&b"abc-1"[..]));
        assert_eq!(msg_sub_id(b"<MsgSubID>k</MsgSubID>"), Some(&b"k"[..]));
        for without in [
            &b"<e><ns:MsgSubID></ns:MsgSubID></e>"[..],
            b"<e><ns:MsgSubID/></e>",
            b"<e><ns:MsgSubID>  </ns:MsgSubID></e>",
            b"<e><ns:CancelMsgSubID>x</ns:CancelMsgSubID></e>",
            b"<e><ns:Memo>a:MsgSubID>b</ns:Memo></e>",
            b"<e></ns:MsgSubID>x</e>",
            b"MsgSubID>x",
        ] {
            assert!(!carries_msg_sub_id(without), "{}", String::from_utf8_lossy(without));
        }
    }
}
