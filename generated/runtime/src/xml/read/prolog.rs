//! What may come before and after the root element: the XML declaration (only first, only version 1.0, only
//! UTF-8), comments and whitespace. Text, a DOCTYPE, a processing instruction or a second root is an error.

use super::super::error::{DecodeError, DecodeErrorKind, SNIPPET_MAX, snippet};
use super::XmlReader;
use super::lexical::is_all_ws;
use super::open::scan_declaration_part;
use super::scan::{Token, end_tag};
use super::tag::StartTag;

impl<'a> XmlReader<'a> {
    /// Reads up to and including the root's start tag.
    pub(super) fn read_prolog(&mut self) -> Result<StartTag<'a>, DecodeError> {
        // Whitespace before the declaration breaks XML 1.0, but real PayPal traffic has it, so it is accepted;
        // a declaration after anything else is not.
        let mut declaration_allowed = true;
        loop {
            match self.token()? {
                Token::Start { at } => {
                    return self.open_tag(at)?.ok_or_else(|| self.error_at(DecodeErrorKind::EmptyDocument, at));
                }
                Token::Text { text, .. } if is_all_ws(text.as_bytes()) => {}
                Token::Declaration { at, content } if declaration_allowed => {
                    declaration_allowed = false;
                    self.check_declaration(content, at)?;
                }
                Token::Comment { .. } => declaration_allowed = false,
                Token::Eof => return Err(self.error_at(DecodeErrorKind::EmptyDocument, self.input.len())),
                Token::Text { at, .. } | Token::CData { at, .. } | Token::Reference { at, .. } => {
                    return Err(self.error_at(DecodeErrorKind::ContentBeforeRoot, at));
                }
                Token::End { at } => return Err(self.unmatched_end(at)),
                other => return Err(self.misplaced(&other)),
            }
        }
    }

    /// After the root: only whitespace and comments, then the end of input.
    pub(super) fn read_epilog(&mut self) -> Result<(), DecodeError> {
        loop {
            match self.token()? {
                Token::Eof => return Ok(()),
                Token::Text { text, .. } if is_all_ws(text.as_bytes()) => {}
                Token::Comment { .. } => {}
                Token::Start { at }
                | Token::Text { at, .. }
                | Token::CData { at, .. }
                | Token::Reference { at, .. } => return Err(self.error_at(DecodeErrorKind::ContentAfterRoot, at)),
                Token::End { at } => return Err(self.unmatched_end(at)),
                other => return Err(self.misplaced(&other)),
            }
        }
    }

    /// The error for an end tag outside the root element.
    fn unmatched_end(&self, at: usize) -> DecodeError {
        match end_tag(self.text, at) {
            Ok((found, _)) => {
                self.error_at(DecodeErrorKind::UnmatchedEndTag { found: snippet(found, SNIPPET_MAX) }, at)
            }
            Err(e) => self.scan_error(e),
        }
    }

    /// Checks `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`: version 1.0 first, then optionally
    /// the encoding (UTF-8 only) and standalone, in that order.
    fn check_declaration(&self, content: &str, at: usize) -> Result<(), DecodeError> {
        let invalid = |detail: &str| self.error_at(DecodeErrorKind::InvalidDeclaration { detail: detail.into() }, at);
        // `content` starts with `xml`, then the pseudo-attributes.
        let mut expected = ["version", "encoding", "standalone"].into_iter();
        let mut count = 0;
        let mut i = 3;
        loop {
            let spans = scan_declaration_part(content, &mut i).map_err(invalid)?;
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
