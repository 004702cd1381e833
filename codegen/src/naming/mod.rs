//! Every Rust name the generator emits, derived once from the wire names of the [`Model`] and the [`Flat`]
//! view; emitters never case or escape a name themselves.
//!
//! # Identifiers
//!
//! [`type_ident`], [`field_ident`], [`variant_ident`] and [`const_ident`] turn one wire name into one identifier
//! with heck. Punctuation, spaces and non-ASCII characters separate words (`Completed-Funds-Held` →
//! `CompletedFundsHeld`, `Ad type` → `AdType`), a leading digit gets a `_` prefix (`6Pack` → `_6Pack`), nothing
//! usable gives `Empty`/`empty`, and a keyword gets a `_` suffix (`type` → `type_`, `self` → `self_`,
//! `Self` → `Self_`, `gen` → `gen_`; see [`KEYWORDS`]).
//!
//! # Collisions
//!
//! Each scope resolves its names in two passes over a fixed priority order: first every name that is still
//! free is kept (earlier entries win), then the losers take a suffixed name, again in priority order. So a name
//! is suffixed only when something of higher priority really has it, and adding a schema item can only rename
//! items of lower priority in the same scope. Numbers are appended directly (`any2`), or after `_` when the name
//! already ends in a digit (`days_1_2`).
//!
//! | scope | priority order | suffixes |
//! |---|---|---|
//! | type names (one scope for all namespaces, since every type is re-exported flat from `types`) | named types before anonymous ones, then by namespace URI, then by name | `Type` (skipped when the name already ends in `Type`), then `Type2`, `Type3`, … (`String` → `StringType`, a second `PaymentType` → `PaymentType2`) |
//! | trait names (same scope, after all types) | by type id | the type name without its trailing `Type`, then `Trait`, `Trait2`, … |
//! | modules | PayPal's four namespaces have fixed names (`api`, `ebl`, `cc`, `ed`); the rest by URI | `2`, `3`, … |
//! | fields of one struct | elements and wildcards in wire order (inherited first), then attributes in order, then the content field `value`, then the text field `text` | `2`, `3`, … |
//! | variants of one enum | by the enumeration value's text (byte order, so `Y` before `y`), then by position | `2`, `3`, …; then the catch-all `Unrecognized` |
//!
//! Variants are ordered by value rather than by position so that PayPal reordering an enumeration cannot swap
//! two variants' names: `RecurringFlagType` gets `Y` for `"Y"` and `Y2` for `"y"` in any schema order. The
//! variant's documentation shows the wire value, which is what tells `Y` and `Y2` apart for a reader.
//!
//! Type names also avoid [`RESERVED_TYPE_NAMES`] (std prelude names and the runtime names generated code uses
//! unqualified), and module names avoid [`RESERVED_MODULE_NAMES`].

mod ident;
mod unique;

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;
use std::fmt;

pub use ident::{KEYWORDS, const_ident, field_ident, is_keyword, type_ident, variant_ident};

use crate::flatten::{Flat, Member};
use crate::model::{Model, QName, TypeDefKind, TypeId};
use unique::{Scope, same};

/// Type names no generated type may take: the std prelude (types, traits, variants and derive names, so a
/// schema type cannot shadow them in generated code), `Self`, and the runtime names generated files import
/// unqualified. A type whose name is listed here gets the `Type` suffix (`String` → `StringType`).
#[rustfmt::skip]
pub const RESERVED_TYPE_NAMES: &[&str] = &[
    // std prelude (2021/2024) and the derives used on generated types.
    "AsMut", "AsRef", "Box", "Clone", "Copy", "Debug", "Default", "DoubleEndedIterator", "Drop", "Eq", "Err",
    "ExactSizeIterator", "Extend", "Fn", "FnMut", "FnOnce", "From", "FromIterator", "Future", "Hash", "Into",
    "IntoFuture", "IntoIterator", "Iterator", "None", "Ok", "Option", "Ord", "PartialEq", "PartialOrd", "Result",
    "Self", "Send", "Sized", "Some", "String", "Sync", "ToOwned", "ToString", "TryFrom", "TryInto", "Unpin", "Vec",
    // Runtime names the generated XML code imports (`crate::runtime::xml::{..}`).
    "DecodeError", "EncodeError", "StartTag", "Ws", "XmlRead", "XmlReader", "XmlScalar", "XmlWrite", "XmlWriter",
];

/// Module names no namespace module may take: the modules generated code declares next to them (`ns`, `types`)
/// and crate names that paths written without a leading `::` would otherwise resolve to.
pub const RESERVED_MODULE_NAMES: &[&str] = &["alloc", "core", "ns", "std", "types"];

/// The fixed module names of PayPal's namespaces.
const FIXED_MODULES: &[(&str, &str)] = &[
    ("urn:ebay:api:PayPalAPI", "api"),
    ("urn:ebay:apis:eBLBaseComponents", "ebl"),
    ("urn:ebay:apis:CoreComponentTypes", "cc"),
    ("urn:ebay:apis:EnhancedDataTypes", "ed"),
];

/// Every Rust name of one generated crate, computed by [`Names::assign`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Names {
    types: BTreeMap<TypeId, String>,
    traits: BTreeMap<TypeId, String>,
    modules: BTreeMap<String, String>,
    structs: BTreeMap<TypeId, StructNames>,
    enums: BTreeMap<TypeId, EnumNames>,
    elements: BTreeMap<QName, String>,
}

/// The fields of one flattened complex type: (wire name, Rust name) pairs.
#[derive(Debug, Clone, PartialEq, Eq)]
struct StructNames {
    members: Vec<(String, String)>,
    attributes: Vec<(String, String)>,
    content: String,
    text: String,
}

/// The variants of one enumeration: (wire value, Rust name) pairs in schema order.
#[derive(Debug, Clone, PartialEq, Eq)]
struct EnumNames {
    variants: Vec<(String, String)>,
    unknown: String,
}

impl Names {
    /// Assigns every name for `model`; `flat` must be `flatten(model)`.
    pub fn assign(model: &Model, flat: &Flat) -> Names {
        let mut type_scope = Scope::with_reserved(RESERVED_TYPE_NAMES.iter().copied());
        let types = assign_types(model, &mut type_scope);
        let traits = assign_traits(model, &types, &mut type_scope);
        let modules = assign_modules(model, flat);
        let structs = flat.types.iter().map(|(id, ft)| (id.clone(), assign_struct(ft))).collect();
        let enums = model
            .types
            .iter()
            .filter_map(|(id, def)| match &def.kind {
                TypeDefKind::Simple(st) if !st.enumeration.is_empty() => {
                    let values: Vec<&str> = st.enumeration.iter().map(|v| v.value.as_str()).collect();
                    Some((id.clone(), assign_enum(&values)))
                }
                _ => None,
            })
            .collect();
        let elements = assign_elements(model);
        Names { types, traits, modules, structs, enums, elements }
    }

    /// Rust type name of a model type (struct, enum or type alias), unique across all namespaces and never one
    /// of [`RESERVED_TYPE_NAMES`].
    ///
    /// # Panics
    /// When `id` is not a type of the model the names were assigned for (a generator bug).
    pub fn type_name(&self, id: &TypeId) -> &str {
        lookup(&self.types, id, "type name")
    }

    /// Module name for a namespace: `api`, `ebl`, `cc` and `ed` for PayPal's four namespaces, otherwise the
    /// snake_case last segment of the URI (`urn:test:collisions` → `collisions`, `http://example.com/a` → `a`),
    /// unique and keyword-safe. The empty namespace (unqualified elements and attributes) is `no_namespace`.
    ///
    /// # Panics
    /// When no type, element, field, attribute or operation of the model uses `ns` (a generator bug).
    pub fn module(&self, ns: &str) -> &str {
        match self.modules.get(ns) {
            Some(name) => name,
            None => panic!("naming: no module name assigned for namespace {ns:?}"),
        }
    }

    /// snake_case field name of member `member_index` of `flat.types[ty].members`. Wildcards are `any`, `any2`, ….
    ///
    /// # Panics
    /// When `ty` is not a complex type or the index is out of range (a generator bug).
    pub fn field(&self, ty: &TypeId, member_index: usize) -> &str {
        match self.struct_names(ty).members.get(member_index) {
            Some((_, name)) => name,
            None => panic!("naming: {ty} has no member {member_index}"),
        }
    }

    /// snake_case field name of attribute `attr_index` of `flat.types[ty].attributes`.
    ///
    /// # Panics
    /// When `ty` is not a complex type or the index is out of range (a generator bug).
    pub fn attribute(&self, ty: &TypeId, attr_index: usize) -> &str {
        match self.struct_names(ty).attributes.get(attr_index) {
            Some((_, name)) => name,
            None => panic!("naming: {ty} has no attribute {attr_index}"),
        }
    }

    /// Field holding a simpleContent type's text value: `value` unless an element or attribute has that name.
    ///
    /// # Panics
    /// When `ty` is not a complex type (a generator bug).
    pub fn content_field(&self, ty: &TypeId) -> &str {
        &self.struct_names(ty).content
    }

    /// Field holding the text of a mixed type: `text` unless an element or attribute has that name.
    ///
    /// # Panics
    /// When `ty` is not a complex type (a generator bug).
    pub fn text_field(&self, ty: &TypeId) -> &str {
        &self.struct_names(ty).text
    }

    /// UpperCamelCase variant for enumeration value `value_index` of a simple type with enumeration facets.
    ///
    /// # Panics
    /// When `ty` has no enumeration or the index is out of range (a generator bug).
    pub fn variant(&self, ty: &TypeId, value_index: usize) -> &str {
        match self.enum_names(ty).variants.get(value_index) {
            Some((_, name)) => name,
            None => panic!("naming: {ty} has no enumeration value {value_index}"),
        }
    }

    /// The catch-all variant that keeps values the schema does not list: `Unrecognized` unless a value has
    /// that name.
    ///
    /// # Panics
    /// When `ty` has no enumeration (a generator bug).
    pub fn unknown_variant(&self, ty: &TypeId) -> &str {
        &self.enum_names(ty).unknown
    }

    /// Trait name for an abstract complex type: the type name without a trailing `Type`
    /// (`AbstractResponseType` → `AbstractResponse`), unique against all type names.
    ///
    /// # Panics
    /// When `abstract_ty` is not an abstract complex type of the model (a generator bug).
    pub fn trait_name(&self, abstract_ty: &TypeId) -> &str {
        lookup(&self.traits, abstract_ty, "trait name")
    }

    /// UpperCamelCase variant of the generated `Message` enum for a global element: the element's name, numbered
    /// 2, 3, … in QName order when two namespaces declare the same element name.
    ///
    /// # Panics
    /// When `element` is not a global element of the model (a generator bug).
    pub fn element_variant(&self, element: &QName) -> &str {
        lookup(&self.elements, element, "element variant")
    }

    /// snake_case method name for a WSDL operation (`SetExpressCheckout` → `set_express_checkout`,
    /// `BMCreateButton` → `bm_create_button`), keyword-safe.
    pub fn operation_method(&self, op_name: &str) -> String {
        field_ident(op_name)
    }

    fn struct_names(&self, ty: &TypeId) -> &StructNames {
        match self.structs.get(ty) {
            Some(s) => s,
            None => panic!("naming: {ty} is not a complex type"),
        }
    }

    fn enum_names(&self, ty: &TypeId) -> &EnumNames {
        match self.enums.get(ty) {
            Some(e) => e,
            None => panic!("naming: {ty} is not an enumeration"),
        }
    }
}

/// A stable listing of every assigned name, for snapshot tests and debugging.
impl fmt::Display for Names {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (ns, name) in &self.modules {
            writeln!(f, "module {ns:?} = {name}")?;
        }
        for (id, name) in &self.types {
            writeln!(f, "type {id} = {name}")?;
        }
        for (id, name) in &self.traits {
            writeln!(f, "trait {id} = {name}")?;
        }
        for (id, s) in &self.structs {
            writeln!(f, "struct {id}")?;
            for (wire, name) in &s.members {
                writeln!(f, "  element {wire} = {name}")?;
            }
            for (wire, name) in &s.attributes {
                writeln!(f, "  attribute {wire} = {name}")?;
            }
            writeln!(f, "  content = {}, text = {}", s.content, s.text)?;
        }
        for (id, e) in &self.enums {
            writeln!(f, "enum {id}")?;
            for (wire, name) in &e.variants {
                writeln!(f, "  {wire:?} = {name}")?;
            }
            writeln!(f, "  unknown = {}", e.unknown)?;
        }
        Ok(())
    }
}

fn lookup<'a, K: Ord + fmt::Display>(map: &'a BTreeMap<K, String>, id: &K, what: &str) -> &'a str {
    match map.get(id) {
        Some(name) => name,
        None => panic!("naming: no {what} assigned for {id}"),
    }
}

/// Global elements in QName order; a name shared by two namespaces is numbered on the later one, so `Message`
/// variants stay unique.
fn assign_elements(model: &Model) -> BTreeMap<QName, String> {
    let mut scope = Scope::with_reserved(["Self"]);
    let bases: Vec<String> = model.elements.keys().map(|q| type_ident(&q.name)).collect();
    let names = scope.resolve(&bases, |base| base.to_string());
    model.elements.keys().cloned().zip(names).collect()
}

fn assign_types(model: &Model, scope: &mut Scope) -> BTreeMap<TypeId, String> {
    let mut ids: Vec<&TypeId> = model.types.keys().collect();
    // Named types outrank anonymous ones, whatever their namespace.
    ids.sort_by(|a, b| (a.kind, &a.ns, &a.name).cmp(&(b.kind, &b.ns, &b.name)));
    let bases: Vec<String> = ids.iter().map(|id| type_ident(&id.name)).collect();
    let names =
        scope.resolve(&bases, |base| if base.ends_with("Type") { base.to_string() } else { format!("{base}Type") });
    ids.into_iter().cloned().zip(names).collect()
}

fn assign_traits(model: &Model, types: &BTreeMap<TypeId, String>, scope: &mut Scope) -> BTreeMap<TypeId, String> {
    let ids: Vec<&TypeId> = model
        .types
        .iter()
        .filter(|(_, def)| matches!(&def.kind, TypeDefKind::Complex(ct) if ct.is_abstract))
        .map(|(id, _)| id)
        .collect();
    let bases: Vec<String> = ids
        .iter()
        .map(|id| {
            let name = types.get(*id).map_or("", String::as_str);
            match name.strip_suffix("Type") {
                // `SelfType` would leave a keyword behind.
                Some(stem) if is_keyword(stem) => format!("{stem}_"),
                Some(stem) if !stem.is_empty() => stem.to_string(),
                _ => name.to_string(),
            }
        })
        .collect();
    let names = scope.resolve(&bases, |base| format!("{base}Trait"));
    ids.into_iter().cloned().zip(names).collect()
}

fn assign_modules(model: &Model, flat: &Flat) -> BTreeMap<String, String> {
    let mut namespaces: Vec<&str> = vec![""];
    namespaces.extend(model.types.keys().map(|id| id.ns.as_str()));
    namespaces.extend(model.elements.keys().map(|q| q.ns.as_str()));
    for ft in flat.types.values() {
        namespaces.extend(ft.fields().map(|f| f.field.ns.as_str()));
        namespaces.extend(ft.attributes.iter().map(|a| a.attribute.ns.as_str()));
    }
    namespaces.push(&model.service.ns);
    for op in &model.service.operations {
        namespaces.extend([op.input.element.ns.as_str(), op.output.element.ns.as_str()]);
        namespaces.extend(op.input.headers.iter().chain(&op.output.headers).map(|h| h.element.ns.as_str()));
    }
    namespaces.sort_unstable();
    namespaces.dedup();

    let mut scope = Scope::with_reserved(RESERVED_MODULE_NAMES.iter().copied());
    let mut out = BTreeMap::new();
    // The fixed names go first so that no derived name can take them.
    for (ns, name) in FIXED_MODULES {
        if namespaces.contains(ns) {
            out.insert(ns.to_string(), scope.claim(name, same));
        }
    }
    for ns in namespaces {
        if !out.contains_key(ns) {
            let name = scope.claim(&module_base(ns), same);
            out.insert(ns.to_string(), name);
        }
    }
    out
}

/// The module name a namespace URI asks for: its last segment, joined to the one before it when it would start
/// with a digit (`http://example.com/ns/2010` → `ns_2010`).
fn module_base(ns: &str) -> String {
    if ns.is_empty() {
        return "no_namespace".to_string();
    }
    let segments: Vec<&str> = ns.split([':', '/', '#', '?', '=', '&']).filter(|s| !s.is_empty()).collect();
    let Some((last, rest)) = segments.split_last() else { return field_ident(ns) };
    let name = field_ident(last);
    match rest.last() {
        Some(prev) if name.starts_with('_') => field_ident(&format!("{prev} {last}")),
        _ => name,
    }
}

fn assign_struct(ft: &crate::flatten::FlatType) -> StructNames {
    let mut wires = Vec::new();
    let mut bases = Vec::new();
    for m in &ft.members {
        match m {
            Member::Element(f) => {
                wires.push(f.field.name.clone());
                bases.push(field_ident(&f.field.name));
            }
            Member::Any(_) => {
                wires.push("xs:any".to_string());
                bases.push("any".to_string());
            }
        }
    }
    for a in &ft.attributes {
        wires.push(a.attribute.name.clone());
        bases.push(field_ident(&a.attribute.name));
    }
    let mut scope = Scope::default();
    let mut names = wires.into_iter().zip(scope.resolve(&bases, same));
    let members = names.by_ref().take(ft.members.len()).collect();
    let attributes = names.collect();
    let content = scope.claim("value", same);
    let text = scope.claim("text", same);
    StructNames { members, attributes, content, text }
}

fn assign_enum(values: &[&str]) -> EnumNames {
    let mut order: Vec<usize> = (0..values.len()).collect();
    // By value, not by position, so that reordering the schema's values never swaps two variants' names.
    order.sort_by(|&a, &b| (values[a], a).cmp(&(values[b], b)));
    let bases: Vec<String> = order.iter().map(|&i| variant_ident(values[i])).collect();
    let mut scope = Scope::default();
    let resolved = scope.resolve(&bases, same);
    let mut names = vec![String::new(); values.len()];
    for (&i, name) in order.iter().zip(resolved) {
        names[i] = name;
    }
    let variants = values.iter().map(|v| v.to_string()).zip(names).collect();
    let unknown = scope.claim("Unrecognized", same);
    EnumNames { variants, unknown }
}
