//! What may come before and after the root element: the XML declaration (only first, only version 1.0, only
//! UTF-8), comments and whitespace. Text, a DOCTYPE, a processing instruction or a second root is an error.

use quick_xml::events::Event;

use super::super::error::{DecodeError, DecodeErrorKind, SNIPPET_MAX, snippet};
use super::XmlReader;
use super::lexical::is_all_ws;
use super::open::scan_attribute;
use super::tag::StartTag;

impl<'a> XmlReader<'a> {
    /// Reads up to and including the root's start tag.
    pub(super) fn read_prolog(&mut self) -> Result<StartTag<'a>, DecodeError> {
        // Whitespace before the declaration breaks XML 1.0, but real PayPal traffic has it, so it is accepted;
        // a declaration after anything else is not.
        let mut declaration_allowed = true;
        loop {
            match self.event()? {
                Event::Start(e) => return self.open_tag(&e, false),
                Event::Empty(e) => return self.open_tag(&e, true),
                Event::Text(e) if is_all_ws(&e) => {}
                Event::Decl(e) if declaration_allowed => {
                    declaration_allowed = false;
                    self.check_declaration(&e)?;
                }
                Event::Comment(e) => {
                    declaration_allowed = false;
                    self.check_comment(&e)?;
                }
                Event::Eof => return Err(self.error_at(DecodeErrorKind::EmptyDocument, self.input.len())),
                Event::Text(e) => return Err(self.outside_root(&e, true)),
                Event::CData(e) => return Err(self.outside_root(&e, true)),
                Event::GeneralRef(e) => return Err(self.outside_root(&e, true)),
                other => return Err(self.misplaced(&other)),
            }
        }
    }

    /// After the root: only whitespace and comments, then the end of input.
    pub(super) fn read_epilog(&mut self) -> Result<(), DecodeError> {
        loop {
            match self.event()? {
                Event::Eof => return Ok(()),
                Event::Text(e) if is_all_ws(&e) => {}
                Event::Comment(e) => self.check_comment(&e)?,
                Event::Start(e) | Event::Empty(e) => return Err(self.outside_root(&e, false)),
                Event::Text(e) => return Err(self.outside_root(&e, false)),
                Event::CData(e) => return Err(self.outside_root(&e, false)),
                Event::GeneralRef(e) => return Err(self.outside_root(&e, false)),
                other => return Err(self.misplaced(&other)),
            }
        }
    }

    /// The error for content before (`before`) or after the root, at the content.
    fn outside_root(&self, bytes: &[u8], before: bool) -> DecodeError {
        let at = (bytes.as_ptr() as usize).saturating_sub(self.text.as_ptr() as usize);
        let kind = if before { DecodeErrorKind::ContentBeforeRoot } else { DecodeErrorKind::ContentAfterRoot };
        self.error_at(kind, at.min(self.input.len()))
    }

    /// Checks `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`: version 1.0 first, then optionally
    /// the encoding (UTF-8 only) and standalone, in that order.
    fn check_declaration(&self, content: &[u8]) -> Result<(), DecodeError> {
        let at = (content.as_ptr() as usize).saturating_sub(self.text.as_ptr() as usize + 2);
        let invalid = |detail: &str| self.error_at(DecodeErrorKind::InvalidDeclaration { detail: detail.into() }, at);
        let content = std::str::from_utf8(content).map_err(|_| invalid("not UTF-8"))?;
        // `content` starts with `xml`, then the pseudo-attributes.
        let mut expected = ["version", "encoding", "standalone"].into_iter();
        let mut count = 0;
        let mut i = 3;
        loop {
            let spans = scan_attribute(content, &mut i).map_err(|(_, message)| invalid(message))?;
            let Some((name, _, _, value_start, value_end)) = spans else { break };
            let key = match name {
                Some(("", local)) => local,
                _ => return Err(invalid("an attribute name that is not a name")),
            };
            let value = content.get(value_start..value_end).unwrap_or_default();
            if (count == 0 && key != "version") || !expected.any(|name| name == key) {
                return Err(invalid(&format!("unexpected or misplaced `{}`", snippet(key, SNIPPET_MAX))));
            }
            count += 1;
            match key {
                "version" if value != "1.0" => {
                    return Err(invalid(&format!("version {:?}, only 1.0 is supported", snippet(value, SNIPPET_MAX))));
                }
                "encoding" if !value.eq_ignore_ascii_case("utf-8") => {
                    let kind = DecodeErrorKind::UnsupportedEncoding { encoding: snippet(value, SNIPPET_MAX) };
                    return Err(self.error_at(kind, at));
                }
                "standalone" if !matches!(value, "yes" | "no") => return Err(invalid("standalone must be yes or no")),
                _ => {}
            }
        }
        if count == 0 {
            return Err(invalid("no version"));
        }
        Ok(())
    }
}
