//! Reading the content of an element that holds a simple value. The two usual shapes are read in one pass each:
//! `text</name>` (borrowed from the input) and text with the predefined entity references (joined into the
//! reader's buffer); everything else (character references, CDATA, comments, line ends to normalize, child
//! elements, limits) goes through the general loop in `core.rs`, which checks and reports all of it.

use super::super::error::{DecodeError, FindingKind};
use super::XmlReader;
use super::core::{Collected, Sink};
use super::scan::{cut, ends_with_name, first_special};
use super::tag::StartTag;

/// Longest text [`XmlReader::simple_content`] reads itself; longer values take the general path. Below any
/// sensible text limit.
const SIMPLE_MAX: usize = 256;

impl<'a> XmlReader<'a> {
    /// The text content of the element being read, for a simple value, through its end tag: `Some` when it is
    /// borrowed from the input, `None` when it had to be joined (references, CDATA, comments, line ends) and is
    /// in `buf`. Child elements are skipped and recorded as [`FindingKind::ChildInScalar`] under `start`'s path.
    pub(super) fn collect_content(
        &mut self,
        start: &StartTag<'_>,
        buf: &mut String,
    ) -> Result<Option<&'a str>, DecodeError> {
        if let Some(text) = self.simple_content() {
            return Ok(Some(text));
        }
        if self.joined_content(buf) {
            return Ok(None);
        }
        buf.clear();
        let mut state = Collected::Empty;
        while let Some(child) = self.step(&mut Sink::Collect(&mut state, buf))? {
            let (_, end) = self.skip_open(child.depth as usize)?;
            let raw = self.text.get(child.offset..end).unwrap_or_default();
            self.record(FindingKind::ChildInScalar, self.element_path(start), Self::name_of(&child), raw);
        }
        Ok(match state {
            Collected::Empty => Some(""),
            Collected::Borrowed(text) => Some(text),
            Collected::Joined => None,
        })
    }

    /// The usual simple value, `text</name>` with nothing to join, normalize or check in the text, read in one
    /// scan: the text and the end tag are consumed. `None` (nothing consumed) for anything else, which
    /// [`Self::step`] then reads in full.
    #[inline]
    pub(super) fn simple_content(&mut self) -> Option<&'a str> {
        let top = self.stack.last()?;
        if top.empty || self.deferred.is_some() {
            return None;
        }
        let text: &'a str = self.text;
        let bytes = text.as_bytes();
        let from = self.pos;
        let len = first_special(bytes, from, SIMPLE_MAX)?;
        if len > self.limits.max_text_bytes {
            return None;
        }
        let lt = from + len;
        let name = top.qname.as_bytes();
        if bytes[lt] != b'<' || bytes.get(lt + 1) != Some(&b'/') || !ends_with_name(bytes, lt + 2, name) {
            return None;
        }
        self.close_at(lt, lt + 2 + name.len() + 1);
        Some(cut(text, from, lt))
    }

    /// The next most usual simple value: text with the predefined entity references (`Tom &amp; Jerry`) up to
    /// `</name>`, joined into `buf` in one pass. `false` (nothing consumed; `buf` may hold a part) for anything
    /// else, such as a character reference, CDATA, a comment, a CR, a `>`, a child or a value over the text
    /// limit, which [`Self::step`] then reads in full.
    fn joined_content(&mut self, buf: &mut String) -> bool {
        let Some(top) = self.stack.last() else { return false };
        if top.empty || self.deferred.is_some() {
            return false;
        }
        let text: &'a str = self.text;
        let bytes = text.as_bytes();
        let name = top.qname.as_bytes();
        let max = self.limits.max_text_bytes;
        buf.clear();
        let mut i = self.pos;
        loop {
            // Scanning stops one byte past the limit, so a value over it is left to the general path's error.
            let Some(k) = first_special(bytes, i, max.saturating_sub(buf.len()).saturating_add(1)) else {
                return false;
            };
            let at = i + k;
            buf.push_str(cut(text, i, at));
            if buf.len() > max {
                return false;
            }
            match bytes[at] {
                b'&' => {
                    let Some((c, next)) = predefined_reference(bytes, at) else { return false };
                    buf.push(c);
                    if buf.len() > max {
                        return false;
                    }
                    i = next;
                }
                b'<' if bytes.get(at + 1) == Some(&b'/') && ends_with_name(bytes, at + 2, name) => {
                    self.close_at(at, at + 2 + name.len() + 1);
                    return true;
                }
                _ => return false,
            }
        }
    }
}

/// The predefined entity reference at `at` (its `&`): the character and the offset after its `;`. `None` for
/// anything else (character references and errors are left to the general path).
#[inline]
fn predefined_reference(bytes: &[u8], at: usize) -> Option<(char, usize)> {
    let rest = bytes.get(at + 1..)?;
    let (c, len) = match rest.first()? {
        b'a' if rest.starts_with(b"amp;") => ('&', 4),
        b'a' if rest.starts_with(b"apos;") => ('\'', 5),
        b'l' if rest.starts_with(b"lt;") => ('<', 3),
        b'g' if rest.starts_with(b"gt;") => ('>', 3),
        b'q' if rest.starts_with(b"quot;") => ('"', 5),
        _ => return None,
    };
    Some((c, at + 1 + len))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn predefined_references_only() {
        let text = b"&amp;&apos;&lt;&gt;&quot;&#38;&nbsp;&amp";
        assert_eq!(predefined_reference(text, 0), Some(('&', 5)));
        assert_eq!(predefined_reference(text, 5), Some(('\'', 11)));
        assert_eq!(predefined_reference(text, 11), Some(('<', 15)));
        assert_eq!(predefined_reference(text, 15), Some(('>', 19)));
        assert_eq!(predefined_reference(text, 19), Some(('"', 25)));
        assert_eq!(predefined_reference(text, 25), None);
        assert_eq!(predefined_reference(text, 30), None);
        assert_eq!(predefined_reference(text, 36), None);
    }
}
