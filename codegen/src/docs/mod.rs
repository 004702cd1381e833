//! `xs:documentation` text (with the HTML PayPal writes in it) to rustdoc Markdown, for emitters' `#[doc]`s.
//!
//! The input is the inner markup of a documentation element, serialized back as simple HTML
//! (`Line one<br/>Line <b>two</b>`). The output is Markdown that `RUSTDOCFLAGS=-D warnings cargo doc` accepts
//! and that reads well in the generated source too:
//!
//! - paragraphs come from blank lines, `<p>` and `<br/><br/>`; a single `<br/>` is a hard line break (`\` at the
//!   end of the line); each source line is trimmed, so indentation is gone and no line can become an indented
//!   code block, which rustdoc would run as a doctest (and no code fences are written either);
//! - `<b>`/`<strong>` become `**…**`, `<i>`/`<em>` `*…*`, `<code>`/`<tt>` backticks, `<ul>`/`<ol>` lists, and
//!   tables Markdown tables when their first row is a header, lists otherwise (broken tables are repaired
//!   first: stray cells and text are put back into their rows); other tags are dropped and their text kept;
//! - bare URLs become autolinks (`<http://…>`), since rustdoc warns about bare URLs;
//! - text that Markdown or rustdoc would read as syntax is backslash-escaped: `[` `]` (intra-doc links), `<` `>`
//!   (HTML tags), `*`, `` ` ``, `|`, `~`, `\`, `_` at word edges, `&` before a name, and `#`, `+ `, or a run
//!   of `-`/`=` at the start of a line.
//!
//! The emitter splits the result on `\n` and puts one `#[doc = " line"]` on each line.

mod html;
pub(crate) use html::entity_at;
mod render;
mod table;

#[cfg(test)]
mod tests;

use render::Para;

/// Longest summary, in characters, before it is cut at a word boundary.
const SUMMARY_MAX: usize = 100;

/// Converts `xs:documentation` text to rustdoc Markdown: paragraphs separated by blank lines, no line
/// indented, nothing rustdoc warns about. Returns an empty string for blank documentation.
///
/// # Example
/// ```
/// let md = codegen::docs::to_rustdoc("\n\t\tItem name. <br/><br/>\n\t\t<b>Optional</b> [see below]\n\t");
/// assert_eq!(md, "Item name.\n\n**Optional** \\[see below\\]");
/// ```
pub fn to_rustdoc(raw: &str) -> String {
    let paras = render::paragraphs(&html::parse(raw), false);
    paras
        .into_iter()
        .map(|p| match p {
            Para::Lines(lines) => lines.join("\n"),
            Para::Block(block) => block,
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// The first sentence of the documentation's first paragraph (up to its first line break), on one line,
/// without emphasis and cut at a word boundary to about 100 characters (`…` marks a cut). Escaped like
/// [`to_rustdoc`], so it can go into a doc comment as it is.
///
/// # Example
/// ```
/// let s = codegen::docs::summary("Address Verification System response code. Character limit: one.");
/// assert_eq!(s, "Address Verification System response code.");
/// ```
pub fn summary(raw: &str) -> String {
    let paras = render::paragraphs(&html::parse(raw), true);
    let Some(lines) = paras.into_iter().find_map(|p| match p {
        Para::Lines(lines) => Some(lines),
        Para::Block(_) => None,
    }) else {
        return String::new();
    };
    let mut words: Vec<&str> = Vec::new();
    for line in &lines {
        match hard_break_stripped(line) {
            Some(stripped) => {
                words.extend(stripped.split(' '));
                break;
            }
            None => words.extend(line.split(' ')),
        }
    }
    if let Some(end) = words.iter().position(|w| ends_sentence(w)) {
        words.truncate(end + 1);
    }
    cut(&words)
}

/// The line without its hard-break marker, or `None` when it does not end in one. A trailing `\\` is an
/// escaped backslash, not a break, so only an odd number of trailing backslashes counts.
fn hard_break_stripped(line: &str) -> Option<&str> {
    let trailing = line.chars().rev().take_while(|c| *c == '\\').count();
    (trailing % 2 == 1).then(|| line[..line.len() - 1].trim_end())
}

/// True for a word that ends a sentence: it ends in `.`, `!` or `?`, and is not an abbreviation such as
/// `e.g.`, `U.S.` or an initial.
fn ends_sentence(word: &str) -> bool {
    let Some(body) = word.strip_suffix(['.', '!', '?']) else { return false };
    body.chars().filter(|c| c.is_alphanumeric()).count() > 1 && !body.contains('.')
}

fn cut(words: &[&str]) -> String {
    let full = words.join(" ");
    if full.chars().count() <= SUMMARY_MAX {
        return full;
    }
    let mut out = String::new();
    for word in words {
        let len = out.chars().count() + usize::from(!out.is_empty()) + word.chars().count();
        // The first word is kept whole even when it is too long: cutting it could split an escape or a URL.
        if !out.is_empty() && len >= SUMMARY_MAX {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    format!("{}…", out.trim_end_matches([',', ';', ':']))
}
