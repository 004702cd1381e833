//! Schema evolution: compares two [`Model`]s and says what changed for users of the generated crate.
//!
//! Things are matched by wire identity, never by position or Rust name: types by [`TypeId`], members of a
//! complex type by (namespace, wire name) within its flattened view, enumeration values by value,
//! operations by (port, name) and global elements by [`QName`]. Source positions and file hashes are not
//! compared, so reordering declarations or imports is no change.
//!
//! Each [`Change`] carries an [`Impact`]. The rules follow what the generated `paypal-soap` crate exposes:
//!
//! - Breaking: removing a type, operation, global element, field, attribute or enumeration value; changing
//!   a type reference (the field's Rust type changes); moving a field to another namespace (it is another
//!   element on the wire); crossing between one and many occurrences (`Option` becomes `Vec` or back);
//!   changing a type's kind, base or enumeration-ness; tightening a limit (`maxLength` down, `minLength` up, a
//!   new `pattern` or `length`, a bound raised or lowered inward, `nillable` dropped, a new `fixed` value);
//!   an operation's input or output element changing.
//! - Compatible: anything added that callers need not fill in (optional fields and attributes, types,
//!   operations, elements, wildcards); new enumeration values (the generated enums are `#[non_exhaustive]`
//!   and have a catch-all variant); loosened limits; documentation.
//! - Required-ness depends on direction. Every generated field is an `Option` or a `Vec`, required or not,
//!   because real responses omit "required" elements; a required element is enforced only by the
//!   generated `validate()`, which callers run on requests. So a new required field, or a field becoming
//!   required, breaks requests that used to validate when the type is used in a request (reachable from
//!   an operation's input), and changes nothing users see when the type only appears in responses. A
//!   model without operations (a plain XSD) cannot tell, so it counts as used in requests. The same rule
//!   covers required attributes and a raised `minOccurs` or lowered `maxOccurs` on repeated fields.
//!
//! Changes to members a type inherits are reported once, under the base type that declares them; the
//! base's entry lists the types that inherit them ([`Diff::inherited_by`]).

mod compare;
mod facets;
mod json;
mod markdown;
mod members;
mod report;
#[cfg(test)]
mod tests;
mod usage;

use std::collections::BTreeMap;
use std::fmt;

pub use markdown::{Counts, Tally};
pub use report::Options;

use crate::model::{Model, QName, TypeId};

/// Whether a change can break code or requests built against the old crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Impact {
    /// Code or requests that worked against the old crate may stop compiling or validating.
    Breaking,
    /// Existing code keeps compiling and existing requests keep validating.
    Compatible,
}

impl Impact {
    /// `breaking` or `compatible`.
    pub fn as_str(self) -> &'static str {
        match self {
            Impact::Breaking => "breaking",
            Impact::Compatible => "compatible",
        }
    }

    fn tightened(tighter: bool) -> Impact {
        if tighter { Impact::Breaking } else { Impact::Compatible }
    }
}

/// The top-level thing a change belongs to. The variant order is the report's section order.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Target {
    /// The WSDL service itself (its version).
    Service,
    /// An operation, identified by (port, name).
    Operation {
        /// The port that exposes it.
        port: String,
        /// Operation name.
        name: String,
    },
    /// A type.
    Type(TypeId),
    /// A global element.
    Element(QName),
}

/// The part of a [`Target`] that changed.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Part {
    /// The target itself.
    Whole,
    /// An attribute of a complex type.
    Attribute {
        /// Namespace (empty when unqualified).
        ns: String,
        /// Wire name.
        name: String,
    },
    /// A child element of a complex type's flattened content.
    Field {
        /// Namespace on the wire (empty when unqualified).
        ns: String,
        /// Wire name.
        name: String,
        /// 1-based count among members with the same (namespace, name); 1 unless a name repeats.
        nth: u32,
    },
    /// The `nth` (1-based) `xs:any` wildcard of a complex type.
    Wildcard {
        /// 1-based position among the type's wildcards.
        nth: u32,
    },
    /// A value of an enumeration.
    EnumValue(String),
}

/// What about a thing changed, for [`ChangeKind::Changed`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Aspect {
    /// Simple vs complex, or enumeration vs plain restriction.
    Kind,
    /// The referenced type (of a field, attribute or element).
    Type,
    /// The base of a simple type.
    Base,
    /// The abstract base types a complex type extends (their traits are implemented for it).
    Extends,
    /// `abstract`.
    Abstract,
    /// `mixed` (adds or removes the text field).
    Mixed,
    /// The text value type of a `simpleContent` type.
    SimpleContent,
    /// The wire namespace of a field or attribute.
    Namespace,
    /// Optional vs required (`minOccurs` 0 vs at least 1, or attribute `use`).
    Required,
    /// The occurrence range, other than required-ness.
    Occurs,
    /// `nillable`.
    Nillable,
    /// `default` value.
    Default,
    /// `fixed` value.
    Fixed,
    /// A constraining facet, by its XSD name (`maxLength`, `pattern`, …).
    Facet(&'static str),
    /// An operation's request body element.
    Input,
    /// An operation's response body element.
    Output,
    /// The SOAP headers of an operation's request or response.
    Headers,
    /// An operation's `soapAction`.
    SoapAction,
    /// The service's version.
    Version,
    /// Documentation text (compared with whitespace collapsed).
    Doc,
}

impl Aspect {
    /// A short lowercase label (`type`, `maxLength`, `documentation`, …).
    pub fn label(self) -> &'static str {
        match self {
            Aspect::Kind => "kind",
            Aspect::Type => "type",
            Aspect::Base => "base",
            Aspect::Extends => "extends",
            Aspect::Abstract => "abstract",
            Aspect::Mixed => "mixed",
            Aspect::SimpleContent => "text content",
            Aspect::Namespace => "namespace",
            Aspect::Required => "required",
            Aspect::Occurs => "occurs",
            Aspect::Nillable => "nillable",
            Aspect::Default => "default",
            Aspect::Fixed => "fixed",
            Aspect::Facet(name) => name,
            Aspect::Input => "input",
            Aspect::Output => "output",
            Aspect::Headers => "headers",
            Aspect::SoapAction => "soapAction",
            Aspect::Version => "version",
            Aspect::Doc => "documentation",
        }
    }
}

/// What happened.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ChangeKind {
    /// The part exists only in the new model; `what` describes it.
    Added {
        /// A one-line description (`type eBL:AirlineItineraryType, 0..1`).
        what: String,
    },
    /// The part exists only in the old model; `what` describes it.
    Removed {
        /// A one-line description.
        what: String,
    },
    /// The part exists in both and one aspect differs.
    Changed {
        /// What differs.
        aspect: Aspect,
        /// The old value (empty when there was none).
        old: String,
        /// The new value (empty when there is none).
        new: String,
    },
}

/// One change, with its impact on users of the generated crate.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Change {
    /// The top-level thing.
    pub target: Target,
    /// The part of it.
    pub part: Part,
    /// What happened.
    pub kind: ChangeKind,
    /// Breaking or compatible.
    pub impact: Impact,
    /// Why the impact is what it is, when that is not obvious (`the type is used in requests`).
    pub reason: Option<String>,
}

impl Change {
    /// True for a documentation-only change.
    pub fn is_doc(&self) -> bool {
        matches!(self.kind, ChangeKind::Changed { aspect: Aspect::Doc, .. })
    }
}

/// A schema file whose bytes differ between the two models (or that only one of them read). Informational:
/// the model comparison decides what changed.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct SourceChange {
    /// File name relative to the schema directory.
    pub name: String,
    /// SHA-256 in the old model, if it read the file.
    pub old_sha256: Option<String>,
    /// SHA-256 in the new model, if it read the file.
    pub new_sha256: Option<String>,
}

/// Everything that differs between two models.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Diff {
    /// Changes, sorted by target, part and kind (the report's order).
    pub changes: Vec<Change>,
    /// Input files that differ, sorted by name.
    pub sources: Vec<SourceChange>,
    /// For each type with reported member changes, the types (in either model) that inherit its members,
    /// sorted; types nobody extends are absent.
    pub inherited_by: BTreeMap<TypeId, Vec<TypeId>>,
    /// Number of input files each model read (old, new).
    pub source_counts: (usize, usize),
    /// The service version of each model (old, new) with the attribute it was read from
    /// ([`Model::version_label`]): `121.0 (from ns:signature; the WSDL has no ns:version)`, or `none`.
    pub versions: (String, String),
}

impl Diff {
    /// True when the models describe the same API and documentation.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// Number of breaking changes.
    pub fn breaking(&self) -> usize {
        self.changes.iter().filter(|c| c.impact == Impact::Breaking).count()
    }

    /// Number of compatible changes other than documentation.
    pub fn compatible(&self) -> usize {
        self.changes.iter().filter(|c| c.impact == Impact::Compatible && !c.is_doc()).count()
    }

    /// Number of documentation changes.
    pub fn docs(&self) -> usize {
        self.changes.iter().filter(|c| c.is_doc()).count()
    }

    /// A one-line summary for `cargo xtask regen`:
    /// `API changes: 1 breaking, 2 compatible, 3 documentation` or `API changes: none`.
    pub fn summary(&self) -> String {
        if self.is_empty() {
            return "API changes: none".to_string();
        }
        format!(
            "API changes: {} breaking, {} compatible, {} documentation",
            self.breaking(),
            self.compatible(),
            self.docs()
        )
    }

    /// The human-readable report (see [`Options`]).
    pub fn to_text(&self, options: &Options) -> String {
        report::text(self, options)
    }

    /// The machine-readable report: one JSON object (see the `json` module docs for its shape).
    pub fn to_json(&self, options: &Options) -> String {
        json::render(self, options)
    }
}

impl fmt::Display for Diff {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_text(&Options::default()))
    }
}

/// Compares `old` with `new`. Pure and deterministic: the same models always give the same [`Diff`].
///
/// # Example
/// ```
/// let same = codegen::diff::diff(&codegen::Model::default(), &codegen::Model::default());
/// assert!(same.is_empty());
/// assert_eq!(same.summary(), "API changes: none");
/// ```
pub fn diff(old: &Model, new: &Model) -> Diff {
    let ctx = compare::Ctx::new(old, new);
    let mut changes = Vec::new();
    compare::service(&ctx, &mut changes);
    compare::types(&ctx, &mut changes);
    compare::elements(&ctx, &mut changes);
    changes.sort();
    changes.dedup();

    let mut inherited_by = BTreeMap::new();
    for c in &changes {
        if let (Target::Type(id), Part::Field { .. } | Part::Attribute { .. } | Part::Wildcard { .. }) =
            (&c.target, &c.part)
        {
            let heirs = ctx.heirs(id);
            if !heirs.is_empty() {
                inherited_by.insert(id.clone(), heirs);
            }
        }
    }
    Diff {
        changes,
        sources: sources(old, new),
        inherited_by,
        source_counts: (old.sources.len(), new.sources.len()),
        versions: (old.version_label(), new.version_label()),
    }
}

fn sources(old: &Model, new: &Model) -> Vec<SourceChange> {
    let mut by_name: BTreeMap<&str, (Option<&str>, Option<&str>)> = BTreeMap::new();
    for s in &old.sources {
        by_name.entry(&s.name).or_default().0 = Some(&s.sha256);
    }
    for s in &new.sources {
        by_name.entry(&s.name).or_default().1 = Some(&s.sha256);
    }
    by_name
        .into_iter()
        .filter(|(_, (o, n))| o != n)
        .map(|(name, (o, n))| SourceChange {
            name: name.to_string(),
            old_sha256: o.map(str::to_string),
            new_sha256: n.map(str::to_string),
        })
        .collect()
}
