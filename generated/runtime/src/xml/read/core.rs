//! The reader's machinery below its public methods: pulling tokens and turning tokenizer errors into
//! [`DecodeError`]s, closing end tags against the open element, and stepping through an element's content with
//! the text going where the caller wants it.

use std::borrow::Cow;

use super::super::error::{DecodeError, DecodeErrorKind, Finding, FindingKind, Limit, SNIPPET_MAX, snippet};
use super::XmlReader;
use super::lexical::{is_all_ws, push_normalized, resolve_reference};
use super::scan::{ScanError, Token, end_tag, ends_with_name, next_token};
use super::tag::{StartTag, expanded_name};

/// Longest element path a message or finding carries; longer paths keep their innermost part.
const MAX_PATH: usize = 256;

/// An open element on the reader's stack.
#[derive(Debug, Clone)]
pub(super) struct Open<'a> {
    pub(super) qname: &'a str,
    pub(super) local: &'a str,
    /// Number of namespace bindings before this element's declarations.
    pub(super) scope_mark: usize,
    /// Offset of the start tag's `<`.
    pub(super) offset: usize,
    /// Offset just after the start tag's `>`.
    pub(super) content_start: usize,
    /// A self-closing tag: it closes at the next step.
    pub(super) empty: bool,
}

/// The usual cases at the cursor in element-only content (see [`XmlReader::at_cursor`]).
pub(super) enum AtCursor {
    /// A start tag whose `<` is at the offset.
    Start(usize),
    /// The open element's end tag, from its `<` to after its `>`.
    End(usize, usize),
    /// Anything else.
    Other,
}

/// Where the text of an element's content goes.
pub(super) enum Sink<'s, 'a> {
    /// Nowhere (skipped subtree); references are still checked.
    Skip,
    /// Element-only content: non-whitespace text becomes a finding.
    Findings,
    /// Mixed content: appended to the caller's buffer.
    Mixed(&'s mut String),
    /// Simple content: joined into one value, borrowed when it is one literal piece, else built in the buffer.
    Collect(&'s mut Collected<'a>, &'s mut String),
}

/// The text of a simple value so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Collected<'a> {
    /// No text yet.
    Empty,
    /// One literal piece that needs no normalization, borrowed from the input.
    Borrowed(&'a str),
    /// Pieces joined in the buffer.
    Joined,
}

enum Piece<'x> {
    /// Literal text, and whether it holds a CR.
    Literal(&'x str, bool),
    Char(char),
}

impl<'a> XmlReader<'a> {
    /// An error at `offset` in the element currently open.
    #[cold]
    pub(super) fn error_at(&self, kind: DecodeErrorKind, offset: usize) -> DecodeError {
        let position = super::super::error::Position::locate(self.input, offset);
        DecodeError::new(kind, position, self.path_to(self.stack.len()))
    }

    /// The error for what the tokenizer found. When the input ended early because of a fault the prescan found
    /// (invalid UTF-8, a forbidden character, an oversized input), that fault is the error.
    #[cold]
    pub(super) fn scan_error(&self, e: ScanError) -> DecodeError {
        match e {
            ScanError::Eof(inside) => match &self.fault {
                Some((at, kind)) => self.error_at(kind.clone(), *at),
                None => {
                    let kind = DecodeErrorKind::Syntax { message: format!("unexpected end of input {inside}") };
                    self.error_at(kind, self.text.len())
                }
            },
            ScanError::Syntax(at, message) => self.error_at(DecodeErrorKind::Syntax { message: message.into() }, at),
        }
    }

    /// The next token, or the error deferred from an earlier step. At the end of the checked input, a pending
    /// fault is reported instead of the end.
    #[inline(always)]
    pub(super) fn token(&mut self) -> Result<Token<'a>, DecodeError> {
        if let Some(err) = self.deferred.take() {
            return Err(err);
        }
        let text: &'a str = self.text;
        match next_token(text, &mut self.pos) {
            Ok(Token::Eof) if self.fault.is_some() => Err(self.scan_error(ScanError::Eof(""))),
            Ok(token) => Ok(token),
            Err(e) => Err(self.scan_error(e)),
        }
    }

    /// The path of the first `depth` open elements, cut to its innermost [`MAX_PATH`] bytes.
    pub(super) fn path_to(&self, depth: usize) -> String {
        let open = &self.stack[..depth.min(self.stack.len())];
        join_path(open.iter().map(|o| o.local))
    }

    /// The path of `start` (which need not be open any more) under its open ancestors.
    pub(super) fn element_path(&self, start: &StartTag<'_>) -> String {
        let open = &self.stack[..(start.depth as usize).saturating_sub(1).min(self.stack.len())];
        join_path(open.iter().map(|o| o.local).chain([start.local]))
    }

    /// Records a finding, or remembers a limit error for the next step when there are too many.
    pub(super) fn record(&mut self, kind: FindingKind, path: String, name: String, raw: &str) {
        if self.report.findings.len() >= self.limits.max_findings {
            if self.deferred.is_none() {
                let max = self.limits.max_findings;
                self.deferred =
                    Some(self.error_at(DecodeErrorKind::LimitExceeded { limit: Limit::Findings, max }, self.last));
            }
            return;
        }
        let name = snippet(&name, MAX_PATH);
        self.report.findings.push(Finding { kind, path, name, raw: raw.to_owned() });
    }

    /// Pops the innermost element and its namespace scope.
    #[inline]
    pub(super) fn close_top(&mut self) {
        if let Some(open) = self.stack.pop() {
            self.scopes.truncate(open.scope_mark);
        }
        if self.stack.is_empty() {
            self.state = super::State::AfterRoot;
        }
    }

    /// Reads the content of the innermost open element up to its next child start tag (`Some`, the child is
    /// then the element being read) or its end tag (`None`; [`Self::ended`] then holds the offsets of the end
    /// tag's `<` and just after its `>`, both the end of the start tag for a self-closing element).
    pub(super) fn step(&mut self, sink: &mut Sink<'_, 'a>) -> Result<Option<StartTag<'a>>, DecodeError> {
        let Some(top) = self.stack.last() else {
            return Err(self.error_at(DecodeErrorKind::Misuse("no element is being read"), self.last));
        };
        if top.empty {
            let end = top.content_start;
            self.close_top();
            self.ended = (end, end);
            return Ok(None);
        }
        loop {
            match self.token()? {
                Token::Start { at } => {
                    self.flush_run();
                    return self.open_tag(at);
                }
                Token::End { at } => {
                    self.flush_run();
                    self.close_end_tag(at)?;
                    return Ok(None);
                }
                Token::Text { at, text, cr } => self.take_text(sink, at, at + text.len(), Piece::Literal(text, cr))?,
                Token::Reference { at, name } => {
                    let c = resolve_reference(name).map_err(|kind| self.error_at(kind, at))?;
                    self.take_text(sink, at, self.pos, Piece::Char(c))?;
                }
                Token::CData { at, text } => {
                    let cr = memchr::memchr(b'\r', text.as_bytes()).is_some();
                    self.take_text(sink, at, self.pos, Piece::Literal(text, cr))?;
                }
                Token::Comment { .. } => self.flush_run(),
                other => return Err(self.misplaced(&other)),
            }
        }
    }

    /// What is at the cursor in element-only content, for the usual cases read without the general loop: a
    /// child's start tag, or the element's own end tag `</name>`. [`AtCursor::Other`] for anything else (text, a
    /// comment, markup to check, a pending error or misuse), which [`Self::step`] then reads.
    #[inline(always)]
    pub(super) fn at_cursor(&self) -> AtCursor {
        if self.state != super::State::InRoot || self.run.is_some() || self.deferred.is_some() {
            return AtCursor::Other;
        }
        let Some(top) = self.stack.last().filter(|top| !top.empty) else { return AtCursor::Other };
        let bytes = self.text.as_bytes();
        let at = self.pos;
        match (bytes.get(at), bytes.get(at + 1)) {
            (Some(b'<'), Some(b'/')) if ends_with_name(bytes, at + 2, top.qname.as_bytes()) => {
                AtCursor::End(at, at + 2 + top.qname.len() + 1)
            }
            (Some(b'<'), Some(b'/' | b'!' | b'?')) | (Some(_), None) | (None, _) => AtCursor::Other,
            (Some(b'<'), Some(_)) => AtCursor::Start(at),
            _ => AtCursor::Other,
        }
    }

    /// Closes the innermost element at its end tag, from `at` (its `<`) to `end` (after its `>`), checked.
    #[inline(always)]
    pub(super) fn close_at(&mut self, at: usize, end: usize) {
        self.pos = end;
        self.last = at;
        self.ended = (at, end);
        self.close_top();
    }

    /// Closes the innermost element at the end tag whose `</` is at `at` (the cursor is on its name). The usual
    /// case, the open element's name followed by `>`, is one comparison.
    #[inline]
    fn close_end_tag(&mut self, at: usize) -> Result<(), DecodeError> {
        let text: &'a str = self.text;
        let bytes = text.as_bytes();
        let Some(top) = self.stack.last() else {
            return Err(self.error_at(DecodeErrorKind::Misuse("no element is being read"), at));
        };
        let name = top.qname.as_bytes();
        let end = if ends_with_name(bytes, at + 2, name) { at + 2 + name.len() + 1 } else { self.end_tag_slow(at)? };
        self.close_at(at, end);
        Ok(())
    }

    /// An end tag that is not simply `</name>`: with whitespace before `>`, another name, or malformed.
    #[cold]
    fn end_tag_slow(&self, at: usize) -> Result<usize, DecodeError> {
        let (found, end) = end_tag(self.text, at).map_err(|e| self.scan_error(e))?;
        match self.stack.last() {
            Some(top) if top.qname == found => Ok(end),
            Some(top) => {
                let kind = DecodeErrorKind::MismatchedEndTag {
                    expected: snippet(top.qname, SNIPPET_MAX),
                    found: snippet(found, SNIPPET_MAX),
                };
                Err(self.error_at(kind, at))
            }
            None => Err(self.error_at(DecodeErrorKind::UnmatchedEndTag { found: snippet(found, SNIPPET_MAX) }, at)),
        }
    }

    /// The error for a token that may not appear where it did (a PI, DOCTYPE, declaration or the end of input).
    #[cold]
    pub(super) fn misplaced(&self, token: &Token<'_>) -> DecodeError {
        match *token {
            Token::Pi { at, target } => {
                self.error_at(DecodeErrorKind::ProcessingInstruction { target: snippet(target, SNIPPET_MAX) }, at)
            }
            Token::Doctype { at } => self.error_at(DecodeErrorKind::Doctype, at),
            Token::Declaration { at, .. } => self.error_at(DecodeErrorKind::MisplacedDeclaration, at),
            Token::Eof => {
                let open = join_path(self.stack.iter().map(|o| o.qname));
                let open = open.strip_prefix('/').unwrap_or(&open).to_owned();
                self.error_at(DecodeErrorKind::UnexpectedEof { open }, self.text.len())
            }
            _ => self.error_at(DecodeErrorKind::Misuse("unexpected token"), self.pos),
        }
    }

    #[inline(always)]
    fn take_text(
        &mut self,
        sink: &mut Sink<'_, 'a>,
        start: usize,
        end: usize,
        piece: Piece<'a>,
    ) -> Result<(), DecodeError> {
        let len = match sink {
            Sink::Skip => return Ok(()),
            Sink::Findings => {
                if let Some((first, _)) = self.run {
                    self.run = Some((first, end));
                } else if !matches!(piece, Piece::Literal(t, _) if is_all_ws(t.as_bytes())) {
                    self.run = Some((start, end));
                }
                return Ok(());
            }
            Sink::Mixed(buf) => {
                match piece {
                    Piece::Literal(t, _) => push_normalized(buf, t),
                    Piece::Char(c) => buf.push(c),
                }
                buf.len()
            }
            Sink::Collect(state, buf) => {
                match (piece, **state) {
                    (Piece::Literal(t, false), Collected::Empty) => **state = Collected::Borrowed(t),
                    (piece, before) => {
                        if let Collected::Borrowed(s) = before {
                            buf.push_str(s);
                        }
                        **state = Collected::Joined;
                        match piece {
                            Piece::Literal(t, _) => push_normalized(buf, t),
                            Piece::Char(c) => buf.push(c),
                        }
                    }
                }
                match **state {
                    Collected::Borrowed(s) => s.len(),
                    _ => buf.len(),
                }
            }
        };
        if len > self.limits.max_text_bytes {
            let max = self.limits.max_text_bytes;
            return Err(self.error_at(DecodeErrorKind::LimitExceeded { limit: Limit::TextLength, max }, start));
        }
        Ok(())
    }

    /// Turns a pending run of non-whitespace text in element-only content into a finding.
    #[inline(always)]
    fn flush_run(&mut self) {
        if let Some((start, end)) = self.run.take() {
            self.flush_run_slow(start, end);
        }
    }

    #[cold]
    fn flush_run_slow(&mut self, start: usize, end: usize) {
        let text: &'a str = self.text;
        let raw = text.get(start..end).unwrap_or_default();
        if !is_all_ws(raw.as_bytes()) {
            self.record(FindingKind::UnexpectedText, self.path_to(self.stack.len()), String::new(), raw);
        }
    }

    /// Reads on until the element at `depth` (1 = root) has closed, checking everything and keeping nothing.
    /// Returns the offsets of its end tag's `<` and just after its `>`.
    pub(super) fn skip_open(&mut self, depth: usize) -> Result<(usize, usize), DecodeError> {
        loop {
            if self.step(&mut Sink::Skip)?.is_none() && self.stack.len() < depth {
                return Ok(self.ended);
            }
        }
    }

    /// Checks that `start` is the element being read (the innermost open one).
    #[inline]
    pub(super) fn check_current(&self, start: &StartTag<'_>) -> Result<(), DecodeError> {
        match self.stack.last() {
            Some(top) if self.stack.len() == start.depth as usize && top.offset == start.offset => Ok(()),
            _ => Err(self.not_current(start)),
        }
    }

    #[cold]
    fn not_current(&self, start: &StartTag<'_>) -> DecodeError {
        self.error_at(DecodeErrorKind::Misuse("the start tag is not the element being read"), start.offset)
    }

    /// The path of `start` with its expanded name, for findings about it.
    pub(super) fn name_of(start: &StartTag<'_>) -> String {
        expanded_name(&start.ns, start.local)
    }
}

/// Joins names into `/a/b/c`, keeping only the innermost part (after `…`) when longer than [`MAX_PATH`].
fn join_path<'n>(names: impl DoubleEndedIterator<Item = &'n str>) -> String {
    let mut parts = Vec::new();
    let mut len = 0;
    let mut cut = false;
    for name in names.rev() {
        let name = if name.len() > SNIPPET_MAX { Cow::Owned(snippet(name, SNIPPET_MAX)) } else { Cow::Borrowed(name) };
        len += name.len() + 1;
        if len > MAX_PATH && !parts.is_empty() {
            cut = true;
            break;
        }
        parts.push(name);
    }
    let mut path = String::with_capacity(len.min(MAX_PATH) + 4);
    if cut {
        path.push('…');
    }
    for name in parts.iter().rev() {
        path.push('/');
        path.push_str(name);
    }
    path
}
