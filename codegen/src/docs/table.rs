//! HTML tables in documentation to Markdown tables, or to lists when they have no header row.
//!
//! PayPal's tables are hand-written and often broken, and the repairs here are the ones its schemas need:
//!
//! - header cells directly inside `<table>`, without a `<tr>`, form a row of their own;
//! - an empty cell element inside a cell (`<th>Currency<th/>Maximum Transaction Amount</th>`) was meant to
//!   separate two cells, so it splits the cell there;
//! - text between rows (`<tr><td>Alabama</td><td/></tr> AL`) belongs to the row before it and fills that row's
//!   first empty cell (or becomes a row of its own when there is none);
//! - rows without any text are dropped.
//!
//! A table whose first row is all `<th>` and no wider than the rows below becomes a Markdown table. Any other
//! table becomes a list: `- Alberta: AB` without a header, `- Code: AUD; Currency: Australian Dollar` with one.

use super::html::Node;
use super::render::inline;

#[derive(Debug, Clone, PartialEq, Eq)]
struct Cell {
    text: String,
    header: bool,
}

/// Renders the children of a `<table>` element; empty when the table holds no text.
pub(super) fn render(children: &[Node]) -> String {
    let mut rows = Vec::new();
    let mut loose = None;
    collect_rows(children, &mut rows, &mut loose);
    rows.extend(loose);
    rows.retain(|row| row.iter().any(|c| !c.text.is_empty()));
    let Some(first) = rows.first() else { return String::new() };
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    let has_header = first.iter().all(|c| c.header);
    if has_header && first.len() == width && rows.len() > 1 {
        markdown_table(&rows, width)
    } else if has_header && rows.len() > 1 {
        let header: Vec<&str> = first.iter().map(|c| c.text.as_str()).collect();
        rows[1..].iter().map(|row| labelled_item(&header, row)).collect::<Vec<_>>().join("\n")
    } else {
        rows.iter().map(|row| plain_item(row)).collect::<Vec<_>>().join("\n")
    }
}

/// Walks a table's children (through `thead`, `tbody`, `tfoot`) into rows. `loose` gathers cells that are
/// not inside any `<tr>`.
fn collect_rows(children: &[Node], rows: &mut Vec<Vec<Cell>>, loose: &mut Option<Vec<Cell>>) {
    for child in children {
        match child.name() {
            "thead" | "tbody" | "tfoot" => {
                if let Node::Element { children, .. } = child {
                    collect_rows(children, rows, loose);
                }
            }
            "tr" => {
                rows.extend(loose.take());
                if let Node::Element { children, .. } = child {
                    rows.push(row_cells(children));
                }
            }
            "td" | "th" => loose.get_or_insert_with(Vec::new).extend(split_cell(child)),
            _ if child.is_blank() => {}
            _ => {
                rows.extend(loose.take());
                let text = inline(std::slice::from_ref(child));
                let empty = rows.last_mut().and_then(|row| row.iter_mut().find(|c| c.text.is_empty()));
                match empty {
                    Some(cell) => cell.text = text,
                    None => rows.push(vec![Cell { text, header: false }]),
                }
            }
        }
    }
}

fn row_cells(children: &[Node]) -> Vec<Cell> {
    let mut cells = Vec::new();
    for child in children {
        match child.name() {
            "td" | "th" => cells.extend(split_cell(child)),
            _ if child.is_blank() => {}
            // Text inside a row but outside its cells is a cell of its own.
            _ => cells.push(Cell { text: inline(std::slice::from_ref(child)), header: false }),
        }
    }
    cells
}

/// One cell element as one or more cells: an empty cell element nested inside splits it.
fn split_cell(cell: &Node) -> Vec<Cell> {
    let Node::Element { name, children, .. } = cell else { return Vec::new() };
    let mut out = Vec::new();
    let mut header = name == "th";
    let mut current: Vec<Node> = Vec::new();
    for child in children {
        if matches!(child.name(), "td" | "th") && child.is_blank() {
            out.push(Cell { text: inline(&current), header });
            current.clear();
            header = child.name() == "th";
        } else {
            current.push(child.clone());
        }
    }
    out.push(Cell { text: inline(&current), header });
    out
}

fn markdown_table(rows: &[Vec<Cell>], width: usize) -> String {
    let widths: Vec<usize> = (0..width)
        .map(|i| rows.iter().filter_map(|r| r.get(i)).map(|c| c.text.chars().count()).max().unwrap_or(0).max(3))
        .collect();
    let line = |cells: Vec<&str>| {
        let padded: Vec<String> = widths
            .iter()
            .enumerate()
            .map(|(i, w)| {
                let text = cells.get(i).copied().unwrap_or("");
                format!("{text}{}", " ".repeat(w - text.chars().count()))
            })
            .collect();
        format!("| {} |", padded.join(" | "))
    };
    let mut out = vec![line(rows[0].iter().map(|c| c.text.as_str()).collect())];
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    out.push(format!("| {} |", rule.join(" | ")));
    for row in &rows[1..] {
        out.push(line(row.iter().map(|c| c.text.as_str()).collect()));
    }
    out.join("\n")
}

fn labelled_item(header: &[&str], row: &[Cell]) -> String {
    let parts: Vec<String> = row
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.text.is_empty())
        .map(|(i, c)| match header.get(i).filter(|h| !h.is_empty()) {
            Some(h) => format!("{h}: {}", c.text),
            None => c.text.clone(),
        })
        .collect();
    format!("- {}", parts.join("; "))
}

fn plain_item(row: &[Cell]) -> String {
    let texts: Vec<&str> = row.iter().map(|c| c.text.as_str()).filter(|t| !t.is_empty()).collect();
    match texts.split_first() {
        Some((first, rest)) if !rest.is_empty() => format!("- {first}: {}", rest.join(", ")),
        Some((first, _)) => format!("- {first}"),
        None => String::new(),
    }
}
