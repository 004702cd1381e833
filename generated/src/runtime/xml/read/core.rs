//! The reader's machinery below its public methods: pulling quick-xml events and mapping their errors, opening
//! start tags (attributes, namespace declarations, limits), and stepping through an element's content with the
//! text going where the caller wants it.

use std::borrow::Cow;

use quick_xml::errors::{Error as QxError, IllFormedError};
use quick_xml::events::Event;

use super::super::error::{DecodeError, DecodeErrorKind, Finding, FindingKind, Limit, SNIPPET_MAX, snippet};
use super::XmlReader;
use super::lexical::{contains_cdata_end, is_all_ws, push_normalized, resolve_reference};
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

/// Where the text of an element's content goes.
pub(super) enum Sink<'s, 'a> {
    /// Nowhere (skipped subtree); references are still checked.
    Skip,
    /// Element-only content: non-whitespace text becomes a finding.
    Findings,
    /// Mixed content: appended to the caller's buffer.
    Mixed(&'s mut String),
    /// Simple content: joined into one value, borrowed when it is one literal piece.
    Collect(&'s mut Cow<'a, str>),
}

/// What a step through an element's content found.
pub(super) enum Step<'a> {
    /// A child element's start tag (the child is now the element being read).
    Child(StartTag<'a>),
    /// The element's end: offsets of the end tag's `<` and just after its `>` (both the end of the start tag for a
    /// self-closing element).
    End { inner_end: usize, end: usize },
}

enum Piece<'x> {
    Literal(&'x str),
    Char(char),
}

impl<'a> XmlReader<'a> {
    /// Byte offset of the quick-xml cursor in the whole input.
    pub(super) fn cursor(&self) -> usize {
        self.reader.buffer_position() as usize + self.base
    }

    /// The input text that `bytes` (a slice quick-xml borrowed from it) covers, with its offset.
    pub(super) fn slice(&self, bytes: &[u8]) -> Result<(usize, &'a str), DecodeError> {
        let text: &'a str = self.text;
        (bytes.as_ptr() as usize)
            .checked_sub(text.as_ptr() as usize)
            .and_then(|start| Some((start, text.get(start..start.checked_add(bytes.len())?)?)))
            .ok_or_else(|| self.error_at(DecodeErrorKind::Misuse("event outside the input"), self.cursor()))
    }

    /// An error at `offset` in the element currently open.
    pub(super) fn error_at(&self, kind: DecodeErrorKind, offset: usize) -> DecodeError {
        let position = super::super::error::Position::locate(self.input, offset);
        DecodeError::new(kind, position, self.path_to(self.stack.len()))
    }

    /// The path of the first `depth` open elements, cut to its innermost [`MAX_PATH`] bytes.
    pub(super) fn path_to(&self, depth: usize) -> String {
        let open = &self.stack[..depth.min(self.stack.len())];
        join_path(open.iter().map(|o| o.local))
    }

    /// The path of `start` (which need not be open any more) under its open ancestors.
    pub(super) fn element_path(&self, start: &StartTag<'_>) -> String {
        let open = &self.stack[..start.depth.saturating_sub(1).min(self.stack.len())];
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

    /// The next quick-xml event, with errors mapped. At the end of the checked input a pending fault (invalid
    /// UTF-8, a forbidden character, an oversized input) is reported instead of what quick-xml makes of the cut.
    #[inline(always)]
    pub(super) fn event(&mut self) -> Result<Event<'a>, DecodeError> {
        if let Some(err) = self.deferred.take() {
            return Err(err);
        }
        match self.reader.read_event() {
            Ok(Event::Eof) => match &self.fault {
                Some((at, kind)) => Err(self.error_at(kind.clone(), *at)),
                None => Ok(Event::Eof),
            },
            Ok(event) => Ok(event),
            Err(e) => Err(self.map_error(e)),
        }
    }

    fn map_error(&self, e: QxError) -> DecodeError {
        if let Some((at, kind)) = &self.fault {
            if self.cursor() >= self.text.len() {
                return self.error_at(kind.clone(), *at);
            }
        }
        let at = self.reader.error_position() as usize + self.base;
        let kind = match e {
            QxError::IllFormed(IllFormedError::MismatchedEndTag { expected, found }) => {
                DecodeErrorKind::MismatchedEndTag {
                    expected: snippet(&expected, SNIPPET_MAX),
                    found: snippet(&found, SNIPPET_MAX),
                }
            }
            QxError::IllFormed(IllFormedError::UnmatchedEndTag(found)) => {
                DecodeErrorKind::UnmatchedEndTag { found: snippet(&found, SNIPPET_MAX) }
            }
            QxError::IllFormed(IllFormedError::MissingDoctypeName) => DecodeErrorKind::Doctype,
            other => DecodeErrorKind::Syntax { message: snippet(&other.to_string(), 2 * SNIPPET_MAX) },
        };
        self.error_at(kind, at)
    }

    /// Pops the innermost element and its namespace scope.
    pub(super) fn close_top(&mut self) {
        if let Some(open) = self.stack.pop() {
            self.scopes.truncate(open.scope_mark);
        }
        if self.stack.is_empty() {
            self.state = super::State::AfterRoot;
        }
    }

    /// Reads the content of the innermost open element up to its next child start tag or its end tag.
    pub(super) fn step(&mut self, sink: &mut Sink<'_, 'a>) -> Result<Step<'a>, DecodeError> {
        let Some(top) = self.stack.last() else {
            return Err(self.error_at(DecodeErrorKind::Misuse("no element is being read"), self.last));
        };
        if top.empty {
            let end = top.content_start;
            self.close_top();
            return Ok(Step::End { inner_end: end, end });
        }
        loop {
            match self.event()? {
                Event::Start(e) => {
                    self.flush_run();
                    return self.open_tag(&e, false).map(Step::Child);
                }
                Event::Empty(e) => {
                    self.flush_run();
                    return self.open_tag(&e, true).map(Step::Child);
                }
                Event::End(e) => {
                    self.flush_run();
                    let (start, _) = self.slice(&e)?;
                    let inner_end = start.saturating_sub(2);
                    self.last = inner_end;
                    let end = self.cursor();
                    self.close_top();
                    return Ok(Step::End { inner_end, end });
                }
                Event::Text(e) => {
                    let (start, text) = self.slice(&e)?;
                    if contains_cdata_end(text.as_bytes()) {
                        let kind = DecodeErrorKind::Syntax { message: "`]]>` in text".into() };
                        return Err(self.error_at(kind, start));
                    }
                    self.take_text(sink, start, start + text.len(), Piece::Literal(text))?;
                }
                Event::CData(e) => {
                    let (start, text) = self.slice(&e)?;
                    self.take_text(sink, start.saturating_sub(9), start + text.len() + 3, Piece::Literal(text))?;
                }
                Event::GeneralRef(e) => {
                    let (start, name) = self.slice(&e)?;
                    let at = start.saturating_sub(1);
                    let c = resolve_reference(name).map_err(|kind| self.error_at(kind, at))?;
                    self.take_text(sink, at, start + name.len() + 1, Piece::Char(c))?;
                }
                Event::Comment(e) => {
                    self.flush_run();
                    self.check_comment(&e)?;
                }
                other => return Err(self.misplaced(&other)),
            }
        }
    }

    /// The error for an event that may not appear where it did (a PI, DOCTYPE, declaration or the end of input).
    pub(super) fn misplaced(&self, event: &Event<'_>) -> DecodeError {
        let at_markup =
            |bytes: &[u8], back: usize| self.slice(bytes).map_or(self.last, |(s, _)| s.saturating_sub(back));
        match event {
            Event::PI(e) => {
                let target = e.target();
                let target = snippet(&String::from_utf8_lossy(target), SNIPPET_MAX);
                self.error_at(DecodeErrorKind::ProcessingInstruction { target }, at_markup(e, 2))
            }
            Event::DocType(e) => self.error_at(DecodeErrorKind::Doctype, at_markup(e, 9)),
            Event::Decl(e) => self.error_at(DecodeErrorKind::MisplacedDeclaration, at_markup(e, 2)),
            Event::Eof => {
                let open = join_path(self.stack.iter().map(|o| o.qname));
                let open = open.strip_prefix('/').unwrap_or(&open).to_owned();
                self.error_at(DecodeErrorKind::UnexpectedEof { open }, self.cursor())
            }
            _ => self.error_at(DecodeErrorKind::Misuse("unexpected event"), self.cursor()),
        }
    }

    /// Rejects `--` inside a comment and a comment ending in `-` (XML 1.0 §2.5).
    pub(super) fn check_comment(&self, comment: &[u8]) -> Result<(), DecodeError> {
        let (start, text) = self.slice(comment)?;
        if text.contains("--") || text.ends_with('-') {
            let kind = DecodeErrorKind::Syntax { message: "`--` inside a comment".into() };
            return Err(self.error_at(kind, start.saturating_sub(4)));
        }
        Ok(())
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
                } else if !matches!(piece, Piece::Literal(t) if is_all_ws(t.as_bytes())) {
                    self.run = Some((start, end));
                }
                return Ok(());
            }
            Sink::Mixed(buf) => {
                match piece {
                    Piece::Literal(t) => push_normalized(buf, t),
                    Piece::Char(c) => buf.push(c),
                }
                buf.len()
            }
            Sink::Collect(value) => {
                match piece {
                    Piece::Literal(t) if value.is_empty() && memchr::memchr(b'\r', t.as_bytes()).is_none() => {
                        **value = Cow::Borrowed(t);
                    }
                    Piece::Literal(t) => push_normalized(value.to_mut(), t),
                    Piece::Char(c) => value.to_mut().push(c),
                }
                value.len()
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
            let text: &'a str = self.text;
            let raw = text.get(start..end).unwrap_or_default();
            if !is_all_ws(raw.as_bytes()) {
                self.record(FindingKind::UnexpectedText, self.path_to(self.stack.len()), String::new(), raw);
            }
        }
    }

    /// Reads on until the element at `depth` (1 = root) has closed, checking everything and keeping nothing.
    /// Returns the offsets of its end tag's `<` and just after its `>`.
    pub(super) fn skip_open(&mut self, depth: usize) -> Result<(usize, usize), DecodeError> {
        loop {
            if let Step::End { inner_end, end } = self.step(&mut Sink::Skip)? {
                if self.stack.len() < depth {
                    return Ok((inner_end, end));
                }
            }
        }
    }

    /// Checks that `start` is the element being read (the innermost open one).
    pub(super) fn check_current(&self, start: &StartTag<'_>) -> Result<(), DecodeError> {
        match self.stack.last() {
            Some(top) if self.stack.len() == start.depth && top.offset == start.offset => Ok(()),
            _ => {
                Err(self.error_at(DecodeErrorKind::Misuse("the start tag is not the element being read"), start.offset))
            }
        }
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
