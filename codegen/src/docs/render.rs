//! Parsed documentation to Markdown: paragraphs, lines, emphasis, and escaping that keeps rustdoc quiet.
//!
//! The tree is first flattened into a stream of styled words and breaks, so that whitespace can be decided in
//! one place: a blank line, `<p>` or two `<br/>` end a paragraph, one `<br/>` is a hard line break (a trailing
//! `\`), a newline in the source stays a line of the paragraph, and any other run of whitespace is one space.
//! Every line is trimmed, so no line can start with the four spaces of an indented code block (which rustdoc
//! would compile as a doctest). Emphasis markers are opened and closed per line, so a `<b>` that spans a break
//! still renders.

use super::html::Node;
use super::table;

/// Inline style of a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) struct Style {
    strong: bool,
    em: bool,
    code: bool,
}

/// One step of the flattened stream.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    /// A word: non-whitespace text, escaped when rendered.
    Word(String, Style),
    /// Whitespace between words, with the number of newlines it holds.
    Space { newlines: usize },
    /// `<br/>`.
    Break,
    /// A paragraph boundary (`<p>`, a heading, a block element).
    Paragraph,
    /// A block rendered on its own (table or list), already Markdown.
    Block(String),
}

/// A rendered paragraph: either lines of text (a hard break ends a line with `\`) or a finished block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Para {
    /// Text lines.
    Lines(Vec<String>),
    /// A table or list.
    Block(String),
}

/// Renders nodes to paragraphs. With `plain`, emphasis is left out (for summaries).
pub(super) fn paragraphs(nodes: &[Node], plain: bool) -> Vec<Para> {
    let mut tokens = Vec::new();
    flatten(nodes, Style::default(), false, &mut tokens);
    assemble(&tokens, plain)
}

/// Renders nodes to one line of Markdown: every break becomes a space and blocks are dropped (for table cells
/// and list items).
pub(super) fn inline(nodes: &[Node]) -> String {
    let mut tokens = Vec::new();
    flatten(nodes, Style::default(), false, &mut tokens);
    let tokens: Vec<Token> = tokens
        .into_iter()
        .filter_map(|t| match t {
            Token::Word(..) => Some(t),
            Token::Space { .. } | Token::Break | Token::Paragraph => Some(Token::Space { newlines: 0 }),
            Token::Block(_) => None,
        })
        .collect();
    match assemble(&tokens, false).into_iter().next() {
        Some(Para::Lines(lines)) => lines.join(" "),
        _ => String::new(),
    }
}

fn flatten(nodes: &[Node], style: Style, pre: bool, out: &mut Vec<Token>) {
    for node in nodes {
        match node {
            Node::Text(text) => push_text(text, style, pre, out),
            Node::Element { name, attrs, children } => match name.as_str() {
                "br" => out.push(Token::Break),
                "p" | "div" | "blockquote" | "center" | "dl" | "dt" | "dd" | "hr" | "caption" => {
                    out.push(Token::Paragraph);
                    flatten(children, style, pre, out);
                    out.push(Token::Paragraph);
                }
                "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                    out.push(Token::Paragraph);
                    flatten(children, Style { strong: true, ..style }, pre, out);
                    out.push(Token::Paragraph);
                }
                "pre" => {
                    out.push(Token::Paragraph);
                    flatten(children, style, true, out);
                    out.push(Token::Paragraph);
                }
                "b" | "strong" => flatten(children, Style { strong: true, ..style }, pre, out),
                "i" | "em" | "cite" | "dfn" => flatten(children, Style { em: true, ..style }, pre, out),
                "code" | "tt" | "kbd" | "samp" | "var" => flatten(children, Style { code: true, ..style }, pre, out),
                "a" => {
                    flatten(children, style, pre, out);
                    let href = attrs.iter().find(|(k, _)| k == "href").map(|(_, v)| v.trim());
                    let text = node_text(children);
                    if let Some(href) = href.filter(|h| is_url_start(h) && text.trim() != *h) {
                        push_text(&format!(" ({href})"), Style::default(), pre, out);
                    }
                }
                "table" => push_block(table::render(children), out),
                "ul" | "ol" => push_block(list(children, name == "ol"), out),
                "tr" | "li" => {
                    out.push(Token::Break);
                    flatten(children, style, pre, out);
                    out.push(Token::Break);
                }
                "td" | "th" => {
                    out.push(Token::Space { newlines: 0 });
                    flatten(children, style, pre, out);
                    out.push(Token::Space { newlines: 0 });
                }
                "img" => {
                    if let Some((_, alt)) = attrs.iter().find(|(k, _)| k == "alt") {
                        push_text(alt, style, pre, out);
                    }
                }
                "script" | "style" | "head" => {}
                _ => flatten(children, style, pre, out),
            },
        }
    }
}

fn push_block(block: String, out: &mut Vec<Token>) {
    if !block.is_empty() {
        out.push(Token::Block(block));
    }
}

/// All text inside `nodes`, for comparing a link's text with its target.
fn node_text(nodes: &[Node]) -> String {
    nodes
        .iter()
        .map(|n| match n {
            Node::Text(t) => t.clone(),
            Node::Element { children, .. } => node_text(children),
        })
        .collect()
}

fn push_text(text: &str, style: Style, pre: bool, out: &mut Vec<Token>) {
    let mut word = String::new();
    let mut newlines = None;
    for c in text.chars() {
        if c.is_whitespace() {
            if !word.is_empty() {
                out.push(Token::Word(std::mem::take(&mut word), style));
            }
            let n = newlines.get_or_insert(0);
            if c == '\n' {
                if pre {
                    // Inside `<pre>` every source line is kept as a line.
                    out.push(Token::Break);
                } else {
                    *n += 1;
                }
            }
        } else {
            if let Some(n) = newlines.take() {
                out.push(Token::Space { newlines: n });
            }
            word.push(c);
        }
    }
    if !word.is_empty() {
        out.push(Token::Word(word, style));
    }
    if let Some(n) = newlines {
        out.push(Token::Space { newlines: n });
    }
}

/// What separates two words, decided from everything between them.
#[derive(Debug, Default)]
struct Gap {
    space: bool,
    /// Newlines since the last `<br/>`: two of them make a blank line.
    newlines: usize,
    breaks: usize,
    paragraph: bool,
}

/// One line being built: segments of equal style, each with whether a space precedes it.
type Line = Vec<(Style, String, bool)>;

fn assemble(tokens: &[Token], plain: bool) -> Vec<Para> {
    let mut paras = Vec::new();
    let mut lines: Vec<Line> = Vec::new();
    let mut gap = Gap::default();
    let finish = |lines: &mut Vec<Line>, paras: &mut Vec<Para>| {
        if !lines.is_empty() {
            paras.push(Para::Lines(render_lines(std::mem::take(lines))));
        }
    };
    for token in tokens {
        match token {
            Token::Space { newlines } => {
                gap.space = true;
                gap.newlines += newlines;
            }
            Token::Break => {
                gap.breaks += 1;
                gap.newlines = 0;
            }
            Token::Paragraph => gap.paragraph = true,
            Token::Block(block) => {
                finish(&mut lines, &mut paras);
                paras.push(Para::Block(block.clone()));
                gap = Gap::default();
            }
            Token::Word(word, style) => {
                let style = if plain { Style::default() } else { *style };
                let word = if style.code { word.clone() } else { escape_word(word) };
                if !lines.is_empty() && (gap.paragraph || gap.breaks >= 2 || gap.newlines >= 2) {
                    finish(&mut lines, &mut paras);
                }
                match lines.last_mut() {
                    Some(line) if gap.breaks == 0 && gap.newlines == 0 => push_word(line, style, word, gap.space),
                    Some(_) if gap.breaks == 1 => {
                        if let Some(last) = lines.last_mut() {
                            last.push((Style::default(), "\\".to_string(), false));
                        }
                        lines.push(vec![(style, word, false)]);
                    }
                    _ => lines.push(vec![(style, word, false)]),
                }
                gap = Gap::default();
            }
        }
    }
    finish(&mut lines, &mut paras);
    paras
}

fn push_word(line: &mut Line, style: Style, word: String, space: bool) {
    match line.last_mut() {
        Some((s, text, _)) if *s == style => {
            if space {
                text.push(' ');
            }
            text.push_str(&word);
        }
        _ => line.push((style, word, space)),
    }
}

fn render_lines(lines: Vec<Line>) -> Vec<String> {
    lines
        .into_iter()
        .map(|segments| {
            let mut out = String::new();
            for (style, text, space) in segments {
                if space {
                    out.push(' ');
                }
                out.push_str(&wrap(&text, style));
            }
            escape_line_start(out)
        })
        .collect()
}

/// Wraps already-escaped text in the markers of its style.
fn wrap(text: &str, style: Style) -> String {
    let mut out = text.to_string();
    if style.code {
        // A code span needs a fence longer than any backtick run inside it.
        let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
        let fence = "`".repeat(longest + 1);
        let pad = if text.starts_with('`') || text.ends_with('`') { " " } else { "" };
        out = format!("{fence}{pad}{text}{pad}{fence}");
    }
    if style.em {
        out = format!("*{out}*");
    }
    if style.strong {
        out = format!("**{out}**");
    }
    out
}

/// Escapes a line start that Markdown would read as a block: a heading (`#`), or a line of only `-`/`=` that
/// would turn the line above into a heading or be a rule.
fn escape_line_start(line: String) -> String {
    let setext = !line.is_empty() && line.chars().all(|c| matches!(c, '-' | '=' | ' '));
    if line.starts_with('#') || line.starts_with('+') && (line.len() == 1 || line[1..].starts_with(' ')) || setext {
        format!("\\{line}")
    } else {
        line
    }
}

fn is_url_start(s: &str) -> bool {
    let lower = s.get(..8).unwrap_or(s).to_ascii_lowercase();
    (lower.starts_with("http://") && s.len() > 7) || (lower.starts_with("https://") && s.len() > 8)
}

/// Escapes one word of text for Markdown. A URL in it becomes an autolink (`<https://…>`), trailing sentence
/// punctuation left outside; rustdoc warns about bare URLs.
pub(super) fn escape_word(word: &str) -> String {
    let lower = word.to_ascii_lowercase();
    let start = [lower.find("http://"), lower.find("https://")].into_iter().flatten().min();
    if let Some(start) = start.filter(|&s| is_url_start(&word[s..])) {
        let rest = &word[start..];
        // `<` and `>` cannot appear in an autolink; a URL stops there.
        let end = rest.find(['<', '>']).unwrap_or(rest.len());
        let mut url = &rest[..end];
        while let Some(stripped) = url.strip_suffix(['.', ',', ';', ':', '!', '?', ')', '\'', '"', ']']) {
            // A closing bracket that has its opening one inside the URL belongs to it (`a_(b)`).
            let balanced = |open: char, close: char| {
                url.ends_with(close) && url.matches(open).count() >= url.matches(close).count()
            };
            if balanced('(', ')') || balanced('[', ']') {
                break;
            }
            url = stripped;
        }
        if is_url_start(url) {
            let after = &rest[url.len()..];
            return format!("{}<{url}>{}", escape_text(&word[..start]), escape_word(after));
        }
    }
    escape_text(word)
}

/// Backslash-escapes the characters that would start Markdown or HTML syntax: `\`, `` ` ``, `*`, `[`, `]`, `<`,
/// `>`, `|`, `~`, `_` unless between letters or digits (`item_number` stays), and `&` before a name or `#`.
fn escape_text(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 4);
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).and_then(|p| chars.get(p)).copied();
        let next = chars.get(i + 1).copied();
        let escape = match c {
            '\\' | '`' | '*' | '[' | ']' | '<' | '>' | '|' | '~' => true,
            '_' => !(prev.is_some_and(char::is_alphanumeric) && next.is_some_and(char::is_alphanumeric)),
            '&' => next.is_some_and(|n| n.is_ascii_alphanumeric() || n == '#'),
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A `<ul>`/`<ol>` as a Markdown list; nested lists become items of the same list.
fn list(children: &[Node], ordered: bool) -> String {
    let mut items = Vec::new();
    collect_items(children, &mut items);
    items
        .iter()
        .filter(|item| !item.is_empty())
        .enumerate()
        .map(|(i, item)| if ordered { format!("{}. {item}", i + 1) } else { format!("- {item}") })
        .collect::<Vec<_>>()
        .join("\n")
}

fn collect_items(children: &[Node], items: &mut Vec<String>) {
    for child in children {
        match child {
            Node::Element { name, children, .. } if name == "li" => {
                let (nested, own): (Vec<Node>, Vec<Node>) =
                    children.iter().cloned().partition(|n| matches!(n.name(), "ul" | "ol"));
                items.push(inline(&own));
                for n in nested {
                    if let Node::Element { children, .. } = n {
                        collect_items(&children, items);
                    }
                }
            }
            Node::Element { name, children, .. } if matches!(name.as_str(), "ul" | "ol") => {
                collect_items(children, items);
            }
            // Text between items (not valid HTML, but harmless) becomes an item of its own.
            other if !other.is_blank() => items.push(inline(std::slice::from_ref(other))),
            _ => {}
        }
    }
}
