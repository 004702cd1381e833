//! Character limits of the schema, as data: every `maxLength`/`length` facet and every limit that
//! `xs:documentation` states in prose, per field of the type that declares it.
//!
//! [`collect`] reads the [`Model`](crate::model::Model) and returns [`Limits`]: one row per limited field
//! (the facet on the field's simple type when there is one, because that is what PayPal's own schema
//! enforces, else the documented limit), every documentation text that mentions characters or a length but
//! yields no limit with the reason, and every field whose facet and prose disagree. The emitter asks
//! [`Limits::field_limit`] for the limit of one field; `cargo xtask limits` prints the whole table.
//!
//! Lengths are counted in characters (Unicode scalar values), as XSD counts `maxLength`, even where PayPal
//! writes "single-byte characters".

mod prose;
mod report;
mod table;
mod text;

use std::collections::BTreeMap;
use std::fmt;

use crate::model::TypeId;

pub use prose::{DocLimit, NamedLimit, ProseLimit, Reason, ReasonKind, limits_in_doc, named_limits};
pub use report::Counts;
pub use table::{collect, collect_with};

/// Where a limit comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Source {
    /// A `maxLength` or `length` facet of the field's simple type (or a type it restricts).
    Facet,
    /// The documentation of the field (or of its simple type).
    Doc,
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Source::Facet => "facet",
            Source::Doc => "doc",
        })
    }
}

/// The character limit of one field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limit {
    /// The most characters the field may hold.
    pub max_chars: u64,
    /// The fewest characters: the `length` or `minLength` facet, 0 when there is none (prose never sets it).
    pub min_chars: u64,
    /// Where the limit comes from.
    pub source: Source,
    /// What it was read from: `maxLength 25 on ebl:NameType`, or the documentation's words.
    pub phrase: String,
}

/// The member of a type that a limit or a documentation text belongs to.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Site {
    /// A child element, by wire name.
    Element(String),
    /// An attribute, by wire name.
    Attribute(String),
    /// The type itself (its own documentation).
    Type,
    /// One value of an enumeration.
    EnumValue(String),
}

impl fmt::Display for Site {
    /// Elements by their wire name, attributes as `@name`, the type itself as `-`, enumeration values as
    /// `=value`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Site::Element(name) => f.write_str(name),
            Site::Attribute(name) => write!(f, "@{name}"),
            Site::Type => f.write_str("-"),
            Site::EnumValue(value) => write!(f, "={value}"),
        }
    }
}

/// One limited field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The complex type that declares the field.
    pub type_id: TypeId,
    /// The field ([`Site::Element`] or [`Site::Attribute`]).
    pub site: Site,
    /// Its effective limit.
    pub limit: Limit,
}

/// A documentation text that mentions characters, a length or a limit but yields no limit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unparsed {
    /// The type the documentation belongs to (for a field: the type that declares it).
    pub type_id: TypeId,
    /// What in the type it documents.
    pub site: Site,
    /// Why, one reason per mention, each quoting the words around it.
    pub reasons: Vec<Reason>,
}

impl Unparsed {
    /// True when no reason explains some mention (a phrasing the parser does not know).
    pub fn is_unexplained(&self) -> bool {
        self.reasons.iter().any(|r| !r.kind.is_explained())
    }
}

/// A field (or simple type) whose facet and documentation give different limits. The facet wins.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Disagreement {
    /// The type that declares the field, or the simple type whose own documentation disagrees.
    pub type_id: TypeId,
    /// The field, or [`Site::Type`].
    pub site: Site,
    /// The facet's limit (the effective one).
    pub facet: Limit,
    /// The documented limit.
    pub doc: Limit,
}

/// Every character limit of a model, from [`collect`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Limits {
    rows: Vec<Row>,
    unparsed: Vec<Unparsed>,
    disagreements: Vec<Disagreement>,
    /// Documented limits that a facet overrides with the same value.
    confirmed: usize,
    index: BTreeMap<TypeId, Members>,
}

/// Row indexes of one type's limited members, by wire name.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Members {
    elements: BTreeMap<String, usize>,
    attributes: BTreeMap<String, usize>,
}

impl Limits {
    /// The effective limit of child element `field_wire_name` declared by `declaring_type` (the type whose
    /// content model declares it, as in [`FlatField::declared_in`](crate::flatten::FlatField::declared_in)),
    /// or `None` when it has none.
    pub fn field_limit(&self, declaring_type: &TypeId, field_wire_name: &str) -> Option<&Limit> {
        let i = *self.index.get(declaring_type)?.elements.get(field_wire_name)?;
        Some(&self.rows[i].limit)
    }

    /// The effective limit of attribute `attribute_wire_name` declared by `declaring_type`.
    pub fn attribute_limit(&self, declaring_type: &TypeId, attribute_wire_name: &str) -> Option<&Limit> {
        let i = *self.index.get(declaring_type)?.attributes.get(attribute_wire_name)?;
        Some(&self.rows[i].limit)
    }

    /// Every limited field, sorted by type local name, namespace, then field.
    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// Every documentation text that mentions characters or a length but yields no limit, in the same order.
    pub fn unparsed(&self) -> &[Unparsed] {
        &self.unparsed
    }

    /// Every facet/prose disagreement, in the same order.
    pub fn disagreements(&self) -> &[Disagreement] {
        &self.disagreements
    }

    /// Builds the table from its parts, sorting each list and indexing the rows.
    fn new(rows: Vec<Row>, unparsed: Vec<Unparsed>, disagreements: Vec<Disagreement>, confirmed: usize) -> Self {
        let mut limits = Limits { rows, unparsed, disagreements, confirmed, index: BTreeMap::new() };
        limits.rows.sort_by(|a, b| sort_key(&a.type_id, &a.site).cmp(&sort_key(&b.type_id, &b.site)));
        limits.unparsed.sort_by(|a, b| sort_key(&a.type_id, &a.site).cmp(&sort_key(&b.type_id, &b.site)));
        limits.disagreements.sort_by(|a, b| sort_key(&a.type_id, &a.site).cmp(&sort_key(&b.type_id, &b.site)));
        for (i, row) in limits.rows.iter().enumerate() {
            let members = limits.index.entry(row.type_id.clone()).or_default();
            match &row.site {
                Site::Element(name) => members.elements.insert(name.clone(), i),
                Site::Attribute(name) => members.attributes.insert(name.clone(), i),
                Site::Type | Site::EnumValue(_) => None,
            };
        }
        limits
    }
}

/// Sort order of every list: type local name first (what a reader looks for), then namespace and symbol
/// space (so equal local names in two namespaces stay apart), then the member.
fn sort_key<'a>(id: &'a TypeId, site: &'a Site) -> (&'a str, &'a str, crate::model::SymbolKind, &'a Site) {
    (&id.name, &id.ns, id.kind, site)
}

/// `prefix:Name` for a type, with the prefixes the project uses for PayPal's four namespaces (the module names
/// of `naming`), and `{namespace}Name` for any other.
pub(crate) fn short_type_name(id: &TypeId) -> String {
    const PREFIXES: &[(&str, &str)] = &[
        ("urn:ebay:api:PayPalAPI", "api"),
        ("urn:ebay:apis:eBLBaseComponents", "ebl"),
        ("urn:ebay:apis:CoreComponentTypes", "cc"),
        ("urn:ebay:apis:EnhancedDataTypes", "ed"),
    ];
    match PREFIXES.iter().find(|(ns, _)| *ns == id.ns) {
        Some((_, prefix)) => format!("{prefix}:{}", id.name),
        None if id.ns.is_empty() => id.name.clone(),
        None => format!("{{{}}}{}", id.ns, id.name),
    }
}
