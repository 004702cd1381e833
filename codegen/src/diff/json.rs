//! The machine-readable report of a [`Diff`], written by hand so the generator needs no serde.
//!
//! Shape (every key always present; absent values are `null`):
//!
//! ```text
//! { "old": label, "new": label, "versions": { "old": version, "new": version },   each with its source
//!   "summary": { "breaking": n, "compatible": n, "documentation": n },
//!   "sources": [ { "name", "old_sha256", "new_sha256" } ],            files whose bytes differ
//!   "changes": [ { "impact": "breaking" | "compatible",
//!                  "target": { "kind": "service" | "operation" | "type" | "element", … },
//!                  "part": null | { "kind": "field" | "attribute" | "wildcard" | "enum_value", … },
//!                  "change": "added" | "removed" | "changed",
//!                  "aspect": null | "type" | "maxLength" | "documentation" | …,
//!                  "old", "new", "description", "reason" } ],
//!   "inherited_by": [ { "type": { "ns", "name", "anonymous" }, "heirs": [ … ] } ] }
//! ```
//!
//! Namespaces are written in full. Each change sits on one line, so the output diffs well.

use std::fmt::Write as _;

use super::report::Options;
use super::{Change, ChangeKind, Diff, Part, Target};
use crate::model::{SymbolKind, TypeId};

/// A JSON value.
enum J {
    Null,
    Bool(bool),
    Num(usize),
    Str(String),
    Arr(Vec<J>),
    Obj(Vec<(&'static str, J)>),
}

fn s(v: &str) -> J {
    J::Str(v.to_string())
}

fn opt(v: Option<&str>) -> J {
    v.map_or(J::Null, s)
}

/// Renders `diff` as pretty-printed JSON, ending with a newline.
pub(super) fn render(diff: &Diff, options: &Options) -> String {
    let sources = diff
        .sources
        .iter()
        .map(|f| {
            J::Obj(vec![
                ("name", s(&f.name)),
                ("old_sha256", opt(f.old_sha256.as_deref())),
                ("new_sha256", opt(f.new_sha256.as_deref())),
            ])
        })
        .collect();
    let heirs = diff
        .inherited_by
        .iter()
        .map(|(id, heirs)| J::Obj(vec![("type", type_id(id)), ("heirs", J::Arr(heirs.iter().map(type_id).collect()))]))
        .collect();
    let root = J::Obj(vec![
        ("old", s(&options.old_label)),
        ("new", s(&options.new_label)),
        ("versions", J::Obj(vec![("old", s(&diff.versions.0)), ("new", s(&diff.versions.1))])),
        (
            "summary",
            J::Obj(vec![
                ("breaking", J::Num(diff.breaking())),
                ("compatible", J::Num(diff.compatible())),
                ("documentation", J::Num(diff.docs())),
            ]),
        ),
        ("sources", J::Arr(sources)),
        ("changes", J::Arr(diff.changes.iter().map(change).collect())),
        ("inherited_by", J::Arr(heirs)),
    ]);
    let mut out = String::new();
    write(&mut out, &root, 0);
    out.push('\n');
    out
}

fn type_id(id: &TypeId) -> J {
    J::Obj(vec![("ns", s(&id.ns)), ("name", s(&id.name)), ("anonymous", J::Bool(id.kind == SymbolKind::AnonymousType))])
}

fn target(t: &Target) -> J {
    match t {
        Target::Service => J::Obj(vec![("kind", s("service"))]),
        Target::Operation { port, name } => {
            J::Obj(vec![("kind", s("operation")), ("port", s(port)), ("name", s(name))])
        }
        Target::Type(id) => {
            let J::Obj(mut fields) = type_id(id) else { return J::Null };
            fields.insert(0, ("kind", s("type")));
            J::Obj(fields)
        }
        Target::Element(q) => J::Obj(vec![("kind", s("element")), ("ns", s(&q.ns)), ("name", s(&q.name))]),
    }
}

fn part(p: &Part) -> J {
    match p {
        Part::Whole => J::Null,
        Part::Field { ns, name, nth } => {
            J::Obj(vec![("kind", s("field")), ("ns", s(ns)), ("name", s(name)), ("nth", J::Num(*nth as usize))])
        }
        Part::Attribute { ns, name } => J::Obj(vec![("kind", s("attribute")), ("ns", s(ns)), ("name", s(name))]),
        Part::Wildcard { nth } => J::Obj(vec![("kind", s("wildcard")), ("nth", J::Num(*nth as usize))]),
        Part::EnumValue(v) => J::Obj(vec![("kind", s("enum_value")), ("value", s(v))]),
    }
}

fn change(c: &Change) -> J {
    let (kind, aspect, old, new, description) = match &c.kind {
        ChangeKind::Added { what } => ("added", J::Null, J::Null, J::Null, s(what)),
        ChangeKind::Removed { what } => ("removed", J::Null, J::Null, J::Null, s(what)),
        ChangeKind::Changed { aspect, old, new } => ("changed", s(aspect.label()), s(old), s(new), J::Null),
    };
    J::Obj(vec![
        ("impact", s(c.impact.as_str())),
        ("target", target(&c.target)),
        ("part", part(&c.part)),
        ("change", s(kind)),
        ("aspect", aspect),
        ("old", old),
        ("new", new),
        ("description", description),
        ("reason", opt(c.reason.as_deref())),
    ])
}

/// Writes `v`; containers at depth 2 and deeper stay on one line.
fn write(out: &mut String, v: &J, depth: usize) {
    let compact = depth >= 2;
    let pad = |out: &mut String, d: usize| {
        if !compact {
            out.push('\n');
            out.push_str(&"  ".repeat(d));
        }
    };
    match v {
        J::Null => out.push_str("null"),
        J::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        J::Num(n) => {
            let _ = write!(out, "{n}");
        }
        J::Str(text) => escape(out, text),
        J::Arr(items) if items.is_empty() => out.push_str("[]"),
        J::Arr(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(if compact { ", " } else { "," });
                }
                pad(out, depth + 1);
                write(out, item, depth + 1);
            }
            pad(out, depth);
            out.push(']');
        }
        J::Obj(fields) => {
            out.push('{');
            for (i, (key, value)) in fields.iter().enumerate() {
                if i > 0 {
                    out.push_str(if compact { ", " } else { "," });
                }
                pad(out, depth + 1);
                escape(out, key);
                out.push_str(": ");
                write(out, value, depth + 1);
            }
            pad(out, depth);
            out.push('}');
        }
    }
}

fn escape(out: &mut String, text: &str) {
    out.push('"');
    for ch in text.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_escaped() {
        let mut out = String::new();
        escape(&mut out, "a\"b\\c\nd\u{1}é");
        assert_eq!(out, r#""a\"b\\c\nd\u0001é""#);
    }

    #[test]
    fn nesting_is_pretty_at_the_top_and_compact_below() {
        let v =
            J::Obj(vec![("a", J::Arr(vec![J::Obj(vec![("b", J::Num(1)), ("c", J::Null)])])), ("d", J::Arr(vec![]))]);
        let mut out = String::new();
        write(&mut out, &v, 0);
        assert_eq!(out, "{\n  \"a\": [\n    {\"b\": 1, \"c\": null}\n  ],\n  \"d\": []\n}");
    }
}
