//! The human-readable report of a [`Diff`]: grouped by section (service, operations, types, elements,
//! documentation), sorted within each, one line per change with its impact first.
//!
//! Namespaces are shortened to their last segment (`urn:ebay:apis:eBLBaseComponents` → `eBLBaseComponents`)
//! to keep lines readable; the JSON report carries them in full.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::{Change, ChangeKind, Diff, Part, Target};
use crate::model::{QName, SymbolKind, TypeId, TypeRef};

/// How to render a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// What to call the old model in the header (its directory, usually).
    pub old_label: String,
    /// What to call the new model.
    pub new_label: String,
    /// List documentation changes with their texts instead of only counting them (text report only; the
    /// JSON report always lists them).
    pub docs: bool,
}

impl Default for Options {
    fn default() -> Self {
        Self { old_label: "old".to_string(), new_label: "new".to_string(), docs: false }
    }
}

/// The last segment of a namespace URI, used as a short label.
pub(super) fn ns_label(ns: &str) -> &str {
    let ns = ns.trim_end_matches(['/', ':', '#']);
    ns.rsplit([':', '/', '#']).next().unwrap_or(ns)
}

fn short(ns: &str, name: &str) -> String {
    if ns.is_empty() { name.to_string() } else { format!("{}:{name}", ns_label(ns)) }
}

/// A global element or message name, shortened.
pub(super) fn qname(q: &QName) -> String {
    short(&q.ns, &q.name)
}

/// A type, shortened; anonymous types are marked.
pub(super) fn type_id(id: &TypeId) -> String {
    match id.kind {
        SymbolKind::Type => short(&id.ns, &id.name),
        SymbolKind::AnonymousType => format!("{} (anonymous)", short(&id.ns, &id.name)),
    }
}

/// A type reference: `xs:string` or a shortened type.
pub(super) fn type_ref(t: &TypeRef) -> String {
    match t {
        TypeRef::Builtin(b) => format!("xs:{}", b.xsd_name()),
        TypeRef::Named(id) => type_id(id),
    }
}

pub(super) fn target(t: &Target) -> String {
    match t {
        Target::Service => "service".to_string(),
        Target::Operation { port, name } => format!("{port}/{name}"),
        Target::Type(id) => type_id(id),
        Target::Element(q) => qname(q),
    }
}

fn target_with_kind(t: &Target) -> String {
    match t {
        Target::Service => "service".to_string(),
        Target::Operation { .. } => format!("operation {}", target(t)),
        Target::Type(_) => format!("type {}", target(t)),
        Target::Element(_) => format!("element {}", target(t)),
    }
}

pub(super) fn part(p: &Part) -> Option<String> {
    match p {
        Part::Whole => None,
        Part::Field { ns, name, nth } => {
            let n = if *nth > 1 { format!(" #{nth}") } else { String::new() };
            Some(format!("field {}{n}", short(ns, name)))
        }
        Part::Attribute { ns, name } => Some(format!("attribute @{}", short(ns, name))),
        Part::Wildcard { nth } => Some(format!("wildcard #{nth}")),
        Part::EnumValue(v) => Some(format!("value {v:?}")),
    }
}

fn or_none(s: &str) -> &str {
    if s.is_empty() { "(none)" } else { s }
}

/// One change as a line without its target: `field X added: type Y, occurs 0..1 (why)`.
pub(super) fn line(c: &Change) -> String {
    let subject = part(&c.part);
    let mut s = match &c.kind {
        ChangeKind::Added { what } | ChangeKind::Removed { what } => {
            let verb = if matches!(c.kind, ChangeKind::Added { .. }) { "added" } else { "removed" };
            let head = match &subject {
                Some(p) => format!("{p} {verb}"),
                None => verb.to_string(),
            };
            if what.is_empty() { head } else { format!("{head}: {what}") }
        }
        ChangeKind::Changed { aspect, old, new } => {
            let head = match &subject {
                Some(p) => format!("{p} {}", aspect.label()),
                None => aspect.label().to_string(),
            };
            format!("{head}: {} → {}", or_none(old), or_none(new))
        }
    };
    if let Some(r) = &c.reason {
        let _ = write!(s, " ({r})");
    }
    s
}

fn impact_col(c: &Change) -> String {
    format!("{:<12}", c.impact.as_str())
}

/// Renders `diff` as text.
pub(super) fn text(diff: &Diff, options: &Options) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "schema diff: {} → {}", options.old_label, options.new_label);
    let _ = writeln!(out, "service version: {} → {}", diff.versions.0, diff.versions.1);
    if diff.sources.is_empty() {
        let _ = writeln!(out, "input files: identical ({} files)", diff.source_counts.1);
    } else {
        let names: Vec<&str> = diff.sources.iter().map(|s| s.name.as_str()).collect();
        let _ = writeln!(
            out,
            "input files: {} of {} differ ({}); only the models are compared",
            names.len(),
            diff.source_counts.0.max(diff.source_counts.1),
            names.join(", ")
        );
    }

    let api: Vec<&Change> = diff.changes.iter().filter(|c| !c.is_doc()).collect();
    for name in ["service", "operations", "types", "elements"] {
        let here: Vec<&Change> = api.iter().copied().filter(|c| section_of(&c.target) == name).collect();
        section(&mut out, diff, name, &here);
    }

    let docs: Vec<&Change> = diff.changes.iter().filter(|c| c.is_doc()).collect();
    if !docs.is_empty() {
        out.push('\n');
        if options.docs {
            let _ = writeln!(out, "documentation changed ({}):", docs.len());
            for c in docs {
                let mut head = target_with_kind(&c.target);
                if let Some(p) = part(&c.part) {
                    let _ = write!(head, ", {p}");
                }
                let _ = writeln!(out, "  {head}");
                if let ChangeKind::Changed { old, new, .. } = &c.kind {
                    let _ = writeln!(out, "    - {}", or_none(old));
                    let _ = writeln!(out, "    + {}", or_none(new));
                }
            }
        } else {
            let n = docs.len();
            let _ = writeln!(
                out,
                "documentation: {n} {} changed (list them with --docs)",
                super::compare::plural(n, "text")
            );
        }
    }
    out.push('\n');
    out.push_str(&diff.summary());
    out.push('\n');
    out
}

/// The report section a target belongs to.
fn section_of(t: &Target) -> &'static str {
    match t {
        Target::Service => "service",
        Target::Operation { .. } => "operations",
        Target::Type(_) => "types",
        Target::Element(_) => "elements",
    }
}

/// How many heirs to name before summing up the rest.
const HEIRS_SHOWN: usize = 8;

fn section(out: &mut String, diff: &Diff, name: &str, changes: &[&Change]) {
    let whole = |c: &&&Change, added: bool| {
        c.part == Part::Whole
            && matches!((&c.kind, added), (ChangeKind::Added { .. }, true) | (ChangeKind::Removed { .. }, false))
    };
    for (label, added) in [("added", true), ("removed", false)] {
        let list: Vec<&&Change> = changes.iter().filter(|c| whole(c, added)).collect();
        if list.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n{name} {label} ({}):", list.len());
        for c in list {
            let what = match &c.kind {
                ChangeKind::Added { what } | ChangeKind::Removed { what } if !what.is_empty() => format!(": {what}"),
                _ => String::new(),
            };
            let _ = writeln!(out, "  {}{}{what}", impact_col(c), target(&c.target));
        }
    }
    let mut changed: BTreeMap<&Target, Vec<&Change>> = BTreeMap::new();
    for c in changes.iter().filter(|c| !whole(c, true) && !whole(c, false)) {
        changed.entry(&c.target).or_default().push(c);
    }
    if changed.is_empty() {
        return;
    }
    if name == "service" {
        let _ = writeln!(out, "\nservice:");
        for c in changed.values().flatten() {
            let _ = writeln!(out, "  {}{}", impact_col(c), line(c));
        }
        return;
    }
    let _ = writeln!(out, "\n{name} changed ({}):", changed.len());
    for (t, list) in changed {
        let _ = writeln!(out, "  {}", target(t));
        for c in list {
            let _ = writeln!(out, "    {}{}", impact_col(c), line(c));
        }
        let heirs = match t {
            Target::Type(id) => diff.inherited_by.get(id),
            _ => None,
        };
        if let Some(heirs) = heirs {
            let mut names: Vec<String> = heirs.iter().take(HEIRS_SHOWN).map(type_id).collect();
            if heirs.len() > HEIRS_SHOWN {
                names.push(format!("and {} more", heirs.len() - HEIRS_SHOWN));
            }
            let n = heirs.len();
            let _ = writeln!(out, "    (inherited by {n} {}: {})", super::compare::plural(n, "type"), names.join(", "));
        }
    }
}
