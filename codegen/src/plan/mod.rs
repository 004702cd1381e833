//! Stage 5: the plan. Every fact an emitter needs about a type, a field or an operation, decided once.
//!
//! Between [`naming`](crate::naming) and [`emit`](crate::emit) the generator used to have no record of a field's
//! resolved facts, so each emitter worked them out again from the model. The plan is that record: one
//! [`TypePlan`] per type and one [`FieldPlan`] per member, holding the Rust and wire names, the element's
//! namespace, the occurrence shape (`Option`, `Box`, `Vec`), the scalar kind and whitespace rule, whether the
//! schema requires it, its character limit and where that came from, the checks `validate()` runs, how it is
//! masked in `Debug` (from `paypal_soap_policy`), and its documentation. The emitters only render it: none
//! of them reads the model, the flat view, the names or the limits table.
//!
//! [`build`] runs the plan's steps in a visible order, each a function of its own module:
//!
//! 1. [`analyses::boxed_members`]: which single fields must be boxed to break a cycle of nested types;
//! 2. [`analyses::recursive_members`]: which fields lead back to their own type (examples and arbitrary values
//!    stop there);
//! 3. [`crate::limits::collect_with`]: the character limits from facets and documentation;
//! 4. [`types::plan_types`]: every type and member, with scalar kinds, shapes, limits, checks and masks;
//! 5. [`analyses::validated_types`]: which complex types' `validate()` can report anything;
//! 6. [`analyses::request_setters`]: which types merchants build for requests, and the name of each setter;
//! 7. [`services::plan_operations`]: every operation's method, effect, request and response shape;
//! 8. [`types::plan_messages`]: the global elements and the abstract bases they can be viewed as.
//!
//! [`dump`](fn@dump) prints a plan as stable text; the fixture tests snapshot it, so a change of decision shows
//! up in review before it shows up in generated code.

pub mod analyses;
mod dump;
pub mod scalar;
pub mod services;
pub mod types;

use std::collections::BTreeMap;

pub use dump::dump;
// The model's and the limits' value types that plan records hold, so emitters import everything from here.
pub use crate::limits::{Limit, Source};
pub use crate::model::{Builtin, Facets, MaxOccurs, Occurs};
pub use paypal_soap_policy::{Effect, Mask};
pub use scalar::{Scalar, ScalarKind, Ws};
pub use services::{Common, Inner, OperationPlan};

use crate::flatten::Flat;
use crate::model::{Model, TypeId};
use crate::naming::Names;

/// The whole crate, decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// The service's version (`ns:version` of the WSDL), empty when it has none.
    pub schema_version: String,
    /// One module per namespace that holds a type, in namespace order.
    pub modules: Vec<ModulePlan>,
    /// Every type, keyed like [`Model::types`].
    pub types: BTreeMap<TypeId, TypePlan>,
    /// Every global element whose type is complex, in (namespace, name) order.
    pub elements: Vec<ElementPlan>,
    /// Every abstract complex type, with the global elements whose type can be viewed as it.
    pub bases: Vec<BasePlan>,
    /// The name of every WSDL operation, in (port, name) order.
    pub operation_names: Vec<String>,
    /// The operations that have a request element of complex type, in (port, name) order.
    pub operations: Vec<OperationPlan>,
}

/// One namespace's module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModulePlan {
    /// The namespace URI.
    pub ns: String,
    /// The module name (`ebl`).
    pub name: String,
    /// The name of the constant that holds the URI in `ns` (`EBL`).
    pub ns_const: String,
    /// Its types, in id order.
    pub types: Vec<TypeId>,
    /// True when some of its types are enumerations (the module then has `enums.rs`).
    pub has_enums: bool,
}

/// Where a generated item lives: its module and its Rust name. Rendered as `<root>::<module>::<name>`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ItemPath {
    /// The namespace module (`ebl`).
    pub module: String,
    /// The item's Rust name (`PaymentDetailsType`).
    pub name: String,
}

/// The Rust type a value is held in (one item: the field's shape wraps it).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RustType {
    /// A built-in's Rust type (`String`, `i32`, the runtime's `Decimal`, `DateTime`, `AnyElement`, …).
    Builtin(Builtin),
    /// A generated type.
    Generated(ItemPath),
}

/// One type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypePlan {
    /// The schema identity.
    pub id: TypeId,
    /// Where the Rust item lives.
    pub path: ItemPath,
    /// The schema's documentation.
    pub doc: Option<String>,
    /// What is generated for it.
    pub kind: TypeKind,
}

/// What a type becomes.
// The plan is built once per generation and read in place; boxing the large variants would only add a
// dereference to every emitter's match.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeKind {
    /// A complex type: a struct.
    Struct(StructPlan),
    /// An enumerated simple type: an enum with a catch-all variant.
    Enum(EnumPlan),
    /// Any other simple type: an alias of its base.
    Alias(AliasPlan),
}

/// A simple type without enumeration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AliasPlan {
    /// The Rust type it aliases.
    pub target: RustType,
    /// Its base, for the docs (`xs:string`, `ebl:NameType`).
    pub base_short: String,
    /// The type's own facets, for the docs.
    pub facets: Facets,
}

/// An enumeration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnumPlan {
    /// The variants, in schema order.
    pub variants: Vec<VariantPlan>,
    /// The catch-all variant's name.
    pub unknown: String,
}

/// One enumeration value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VariantPlan {
    /// The Rust variant.
    pub rust: String,
    /// The value on the wire.
    pub wire: String,
    /// Its documentation.
    pub doc: Option<String>,
}

/// A complex type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StructPlan {
    /// `abstract="true"`: it also gets a trait its extensions implement.
    pub is_abstract: bool,
    /// The text value of a `simpleContent` type.
    pub content: Option<FieldPlan>,
    /// Attributes, the furthest base's first.
    pub attributes: Vec<FieldPlan>,
    /// Child elements and wildcards, in wire order (inherited first).
    pub members: Vec<FieldPlan>,
    /// The field holding text between children, for a `mixed` type.
    pub text: Option<String>,
    /// The trait's name when the type is abstract.
    pub trait_name: Option<String>,
    /// The traits of abstract bases (itself included, when abstract) this type implements, nearest first.
    pub implements: Vec<TraitImpl>,
    /// Abstract bases this type extends, nearest first, for the docs.
    pub abstract_bases: Vec<(String, ItemPath)>,
    /// True when `validate()` can report anything for a value of it (see [`analyses::validated_types`]).
    pub validated: bool,
    /// True when merchants build values of it for requests, so it gets consuming setters (see
    /// [`analyses::request_setters`]).
    pub builder: bool,
    /// The business-rule hook its `validate()` calls after the schema checks (`payment_details_type`, a function
    /// of the service layer's `rules::hooks`), when `paypal_soap_policy::rules` lists rules for the type.
    pub rule_hook: Option<String>,
}

impl StructPlan {
    /// True when some field is masked in `Debug` (the struct then gets a hand-written `Debug`).
    pub fn has_masked_fields(&self) -> bool {
        self.content.iter().chain(&self.attributes).chain(&self.members).any(|f| f.mask.is_some())
    }
}

/// The impl of an abstract base's trait.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TraitImpl {
    /// The abstract type.
    pub base: TypeId,
    /// The trait's path.
    pub trait_path: ItemPath,
    /// One accessor per inherited member: (the base's field name, this type's field name), in member order.
    pub accessors: Vec<(String, String)>,
}

/// One field of a struct: an attribute, a child element, a wildcard or the text content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldPlan {
    /// The Rust field name.
    pub rust: String,
    /// The wire name (empty for a wildcard and for text content).
    pub wire: String,
    /// The element's or attribute's namespace (for a wildcard: the declaring type's namespace).
    pub ns: String,
    /// The module name of `ns` (`ebl`), the prefix the docs show; empty for attributes and text content.
    pub ns_module: String,
    /// What is held.
    pub value: Value,
    /// How often it occurs, after the enclosing groups (an attribute occurs at most once).
    pub occurs: Occurs,
    /// How the Rust field holds it.
    pub shape: Shape,
    /// True when the schema requires it (`minOccurs` ≥ 1, or `use="required"`); `validate()` reports its absence.
    pub required: bool,
    /// The effective character limit of a text field, and where it came from.
    pub limit: Option<Limit>,
    /// What `validate()` checks on each value, in order.
    pub checks: Vec<Check>,
    /// How `Debug` masks it; `None` prints it.
    pub mask: Option<Mask>,
    /// True when the field leads back to its own type (examples and arbitrary values stop at a depth).
    pub recursive: bool,
    /// Earlier members with the same wire name in this content model: (member index, is a list). The reader
    /// fills this field only after each of them.
    pub earlier_same_name: Vec<(usize, bool)>,
    /// The schema's documentation.
    pub doc: Option<String>,
    /// The name of its consuming setter on a request-side type: the field's name, or `set_<name>` where a trait
    /// method or a hand-written method of the type already has it. `None` for wildcards, raw XML and types
    /// merchants do not build.
    pub setter: Option<String>,
}

/// What a field holds.
#[allow(clippy::large_enum_variant)] // As `TypeKind`: built once, read in place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// A text value (a built-in, an alias or an enumeration).
    Scalar {
        /// What it finally is.
        scalar: Scalar,
        /// The Rust type (an alias keeps its alias name).
        rust: RustType,
        /// A short name of the declared type, for the docs (`xs:string`, `ebl:ItemCategoryType`).
        short: String,
    },
    /// A complex type.
    Complex {
        /// The type.
        id: TypeId,
        /// Its Rust path.
        path: ItemPath,
        /// A short name, for the docs.
        short: String,
        /// True when its `validate()` can report anything, so the parent walks into it.
        validated: bool,
    },
    /// `xs:anyType`: kept as raw XML.
    AnyType,
    /// An `xs:any` wildcard: unknown children kept as raw XML.
    Wildcard {
        /// The namespace constraint as written (`##other`, `##any`, URIs).
        namespace: String,
    },
}

/// How a Rust field holds its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Shape {
    /// `Option<T>`.
    Optional,
    /// `Option<Box<T>>`: a single field that would make the type infinitely large.
    Boxed,
    /// `Vec<T>`: a repeated element or a wildcard.
    List,
    /// `T` itself: the text content of a `simpleContent` type whose value is a string (an empty element is
    /// the empty string), and the text of a `mixed` type.
    Plain,
}

/// One check `validate()` runs on a value.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Check {
    /// An enumeration value must be one the schema lists.
    Known,
    /// Exactly this many characters.
    Len(u64),
    /// At least this many characters.
    MinLen(u64),
    /// At most this many characters.
    MaxLen(u64),
    /// An integer at least this large.
    MinInclusive(i64),
    /// An integer at most this large.
    MaxInclusive(i64),
    /// PayPal's amount rules, with the currency in the named attribute field.
    Amount {
        /// The Rust field of `currencyID`.
        currency_field: String,
    },
}

/// A global element of complex type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ElementPlan {
    /// The `Message` variant.
    pub variant: String,
    /// Its namespace.
    pub ns: String,
    /// Its name.
    pub name: String,
    /// Its type.
    pub type_id: TypeId,
    /// The type's Rust path.
    pub path: ItemPath,
}

/// An abstract base type and the global elements whose types implement its trait.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BasePlan {
    /// The abstract type.
    pub id: TypeId,
    /// Its trait's path.
    pub trait_path: ItemPath,
    /// The `Message` accessor (`as_abstract_response`).
    pub method: String,
    /// `Message` variants whose type implements the trait.
    pub variants: Vec<String>,
}

impl Plan {
    /// The type plan of `id`.
    ///
    /// # Panics
    /// When `id` is not a type of the plan (a generator bug).
    pub fn ty(&self, id: &TypeId) -> &TypePlan {
        self.types.get(id).unwrap_or_else(|| panic!("no plan for type {id}"))
    }

    /// The struct plan of a complex type, if `id` is one.
    pub fn structure(&self, id: &TypeId) -> Option<&StructPlan> {
        match &self.types.get(id)?.kind {
            TypeKind::Struct(s) => Some(s),
            _ => None,
        }
    }

    /// The complex types of `module`, with their struct plans, in id order.
    pub fn structs<'p>(&'p self, module: &'p ModulePlan) -> impl Iterator<Item = (&'p TypePlan, &'p StructPlan)> {
        module.types.iter().filter_map(|id| match &self.types.get(id)?.kind {
            TypeKind::Struct(s) => Some((&self.types[id], s)),
            _ => None,
        })
    }

    /// The namespace module of `ns`, if a type lives there.
    pub fn module(&self, ns: &str) -> Option<&ModulePlan> {
        self.modules.iter().find(|m| m.ns == ns)
    }
}

/// Builds the plan of `model`; `flat` and `names` are the results of the earlier stages.
pub fn build(model: &Model, flat: &Flat, names: &Names) -> Plan {
    let boxed = analyses::boxed_members(flat);
    let recursive = analyses::recursive_members(flat);
    let limits = crate::limits::collect_with(model, flat);
    let mut types = types::plan_types(model, flat, names, &limits, &boxed, &recursive);
    analyses::validated_types(&mut types);
    analyses::request_setters(model, &mut types);
    let operations = services::plan_operations(model, &types, names);
    let (elements, bases) = types::plan_messages(model, &types, names);
    let modules = types::plan_modules(model, names);
    Plan {
        schema_version: model.service.version.clone().unwrap_or_default(),
        modules,
        types,
        elements,
        bases,
        operation_names: model.service.operations.iter().map(|op| op.name.clone()).collect(),
        operations,
    }
}
