//! A [`Diff`] as Markdown, for `schemas/HISTORY.md`: a table of counts, then what was added, removed and
//! changed (operations, types, their fields and attributes, enumeration values, global elements), every line
//! marked breaking or compatible. The lines are the text report's ([`report`](super::report)), so the two
//! reports cannot describe a change differently. Documentation changes are counted, not listed: most of them
//! are re-wrapped prose.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use super::report::{line, target};
use super::{Change, ChangeKind, Diff, Impact, Part, Target};

/// How many things of one kind were added, removed and changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Present only in the new model.
    pub added: usize,
    /// Present only in the old model.
    pub removed: usize,
    /// Present in both, with an API change (documentation excluded).
    pub changed: usize,
}

/// What a diff adds, removes and changes, by kind. Documentation changes are not counted here
/// ([`Diff::docs`] counts them).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Operations; `changed` counts operations, not their changes.
    pub operations: Tally,
    /// Types; `changed` counts types with a change of their own or of a member.
    pub types: Tally,
    /// Fields, attributes and wildcards of complex types; `changed` counts changes.
    pub fields: Tally,
    /// Enumeration values (they are added or removed, never changed).
    pub enum_values: Tally,
    /// Global elements; `changed` counts elements.
    pub elements: Tally,
}

impl Diff {
    /// What this diff adds, removes and changes, by kind.
    pub fn counts(&self) -> Counts {
        let mut counts = Counts::default();
        let mut changed_targets: BTreeSet<&Target> = BTreeSet::new();
        for c in self.changes.iter().filter(|c| !c.is_doc()) {
            let tally = match (&c.target, &c.part) {
                (_, Part::Field { .. } | Part::Attribute { .. } | Part::Wildcard { .. }) => &mut counts.fields,
                (_, Part::EnumValue(_)) => &mut counts.enum_values,
                (Target::Operation { .. }, Part::Whole) => &mut counts.operations,
                (Target::Type(_), Part::Whole) => &mut counts.types,
                (Target::Element(_), Part::Whole) => &mut counts.elements,
                (Target::Service, Part::Whole) => continue,
            };
            match (&c.kind, &c.part) {
                (ChangeKind::Added { .. }, _) => tally.added += 1,
                (ChangeKind::Removed { .. }, _) => tally.removed += 1,
                (ChangeKind::Changed { .. }, Part::Whole) => {}
                (ChangeKind::Changed { .. }, _) => tally.changed += 1,
            }
            // A target counts as changed once, whatever changed in it, unless it was added or removed whole.
            let whole_added_or_removed =
                c.part == Part::Whole && matches!(c.kind, ChangeKind::Added { .. } | ChangeKind::Removed { .. });
            if !whole_added_or_removed {
                changed_targets.insert(&c.target);
            }
        }
        for t in changed_targets {
            match t {
                Target::Operation { .. } => counts.operations.changed += 1,
                Target::Type(_) => counts.types.changed += 1,
                Target::Element(_) => counts.elements.changed += 1,
                Target::Service => {}
            }
        }
        counts
    }

    /// The Markdown body of one step of the history: the counts table and every API change, with headings
    /// at `level` (`###` for 3).
    pub fn to_markdown(&self, level: usize) -> String {
        let h = "#".repeat(level);
        let mut out = String::new();
        let c = self.counts();
        out.push_str("| | added | removed | changed |\n|---|---:|---:|---:|\n");
        for (label, t) in [
            ("operations", c.operations),
            ("types", c.types),
            ("fields and attributes", c.fields),
            ("enumeration values", c.enum_values),
            ("global elements", c.elements),
        ] {
            let _ = writeln!(out, "| {label} | {} | {} | {} |", t.added, t.removed, t.changed);
        }

        let api: Vec<&Change> = self.changes.iter().filter(|c| !c.is_doc()).collect();
        for (section, is) in [
            ("Operations", (|t: &Target| matches!(t, Target::Operation { .. })) as fn(&Target) -> bool),
            ("Types", |t| matches!(t, Target::Type(_))),
            ("Global elements", |t| matches!(t, Target::Element(_))),
        ] {
            let here: Vec<&Change> = api.iter().copied().filter(|c| is(&c.target)).collect();
            whole(&mut out, &h, section, "added", &here, |k| matches!(k, ChangeKind::Added { .. }));
            whole(&mut out, &h, section, "removed", &here, |k| matches!(k, ChangeKind::Removed { .. }));
            changed(&mut out, &h, section, &here);
        }
        out
    }
}

/// `**breaking**` or `compatible`: breaking changes stand out in a long list.
fn impact(i: Impact) -> &'static str {
    match i {
        Impact::Breaking => "**breaking**",
        Impact::Compatible => "compatible",
    }
}

/// Code spans cannot hold a backtick; schema text never has one, but a stray one must not break the page.
fn code(s: &str) -> String {
    format!("`{}`", s.replace('`', "'"))
}

fn is_whole(c: &Change, kind: fn(&ChangeKind) -> bool) -> bool {
    c.part == Part::Whole && kind(&c.kind)
}

/// The things of one section that were added (or removed) whole, as one comma-separated list: a version that
/// adds 200 types stays readable.
fn whole(out: &mut String, h: &str, section: &str, verb: &str, changes: &[&Change], kind: fn(&ChangeKind) -> bool) {
    let list: Vec<&&Change> = changes.iter().filter(|c| is_whole(c, kind)).collect();
    if list.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n{h} {section} {verb} ({})\n", list.len());
    let breaking: Vec<String> =
        list.iter().filter(|c| c.impact == Impact::Breaking).map(|c| code(&target(&c.target))).collect();
    let compatible: Vec<String> =
        list.iter().filter(|c| c.impact == Impact::Compatible).map(|c| code(&target(&c.target))).collect();
    if !breaking.is_empty() {
        let _ = writeln!(out, "{} ({}): {}", impact(Impact::Breaking), breaking.len(), breaking.join(", "));
    }
    if !compatible.is_empty() {
        if !breaking.is_empty() {
            out.push('\n');
        }
        let _ = writeln!(out, "{} ({}): {}", impact(Impact::Compatible), compatible.len(), compatible.join(", "));
    }
}

/// The things of one section that exist on both sides, each with its changes.
fn changed(out: &mut String, h: &str, section: &str, changes: &[&Change]) {
    let mut by_target: BTreeMap<&Target, Vec<&Change>> = BTreeMap::new();
    for c in changes {
        let added_or_removed = is_whole(c, |k| matches!(k, ChangeKind::Added { .. } | ChangeKind::Removed { .. }));
        if !added_or_removed {
            by_target.entry(&c.target).or_default().push(c);
        }
    }
    if by_target.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n{h} {section} changed ({})\n", by_target.len());
    for (t, list) in by_target {
        let _ = writeln!(out, "- {}", code(&target(t)));
        for c in list {
            let _ = writeln!(out, "  - {} {}", impact(c.impact), code(&line(c)));
        }
    }
}
