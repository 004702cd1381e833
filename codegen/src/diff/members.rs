//! Members of a complex type: fields (child elements), wildcards and attributes of its flattened view,
//! matched by (namespace, wire name). A member whose namespace alone changed is one breaking change, not a
//! removal plus an addition.

use std::collections::BTreeMap;

use super::compare::{Ctx, Sink};
use super::usage::Side;
use super::{Aspect, ChangeKind, Impact, Part, report};
use crate::flatten::{FlatAttribute, FlatField, FlatType, Member};
use crate::model::{MaxOccurs, Occurs, TypeId};

/// One member of a flattened type.
#[derive(Clone, Copy)]
enum Item<'a> {
    Field(&'a FlatField),
    Any(&'a TypeId),
    Attr(&'a FlatAttribute),
}

impl Item<'_> {
    fn declared_in(&self) -> &TypeId {
        match self {
            Item::Field(f) => &f.declared_in,
            Item::Any(d) => d,
            Item::Attr(a) => &a.declared_in,
        }
    }

    fn describe(&self) -> String {
        match self {
            Item::Field(f) => format!("type {}, occurs {}", report::type_ref(&f.field.type_ref), occurs(f.occurs)),
            Item::Any(_) => "xs:any wildcard".to_string(),
            Item::Attr(a) => {
                let req = if a.attribute.required { "required" } else { "optional" };
                format!("type {}, {req}", report::type_ref(&a.attribute.type_ref))
            }
        }
    }

    /// True when a caller building a request must now supply the member.
    fn required(&self) -> bool {
        match self {
            Item::Field(f) => f.occurs.min > 0,
            Item::Any(_) => false,
            Item::Attr(a) => a.attribute.required,
        }
    }
}

/// `min..max`.
pub(super) fn occurs(o: Occurs) -> String {
    format!("{}..{}", o.min, o.max)
}

fn keyed(flat: &FlatType) -> BTreeMap<Part, Item<'_>> {
    let mut out = BTreeMap::new();
    let mut seen: BTreeMap<(&str, &str), u32> = BTreeMap::new();
    let mut anys = 0;
    for m in &flat.members {
        match m {
            Member::Element(f) => {
                let nth = seen.entry((&f.field.ns, &f.field.name)).or_insert(0);
                *nth += 1;
                let part = Part::Field { ns: f.field.ns.clone(), name: f.field.name.clone(), nth: *nth };
                out.insert(part, Item::Field(f));
            }
            Member::Any(a) => {
                anys += 1;
                out.insert(Part::Wildcard { nth: anys }, Item::Any(&a.declared_in));
            }
        }
    }
    for a in &flat.attributes {
        let part = Part::Attribute { ns: a.attribute.ns.clone(), name: a.attribute.name.clone() };
        out.insert(part, Item::Attr(a));
    }
    out
}

/// The same part in another namespace, if `part` names a field or attribute.
fn same_name(a: &Part, b: &Part) -> bool {
    match (a, b) {
        (Part::Field { ns: n1, name: a, nth: i }, Part::Field { ns: n2, name: b, nth: j }) => {
            a == b && i == j && n1 != n2
        }
        (Part::Attribute { ns: n1, name: a }, Part::Attribute { ns: n2, name: b }) => a == b && n1 != n2,
        _ => false,
    }
}

/// Compares the members of complex type `id` in both models.
pub(super) fn compare(ctx: &Ctx<'_>, sink: &mut Sink<'_>, id: &TypeId) {
    let (Some(of), Some(nf)) = (ctx.old_flat.types.get(id), ctx.new_flat.types.get(id)) else { return };
    let olds = keyed(of);
    let news = keyed(nf);
    let mut added: Vec<&Part> = news.keys().filter(|p| !olds.contains_key(*p)).collect();
    for (part, o) in &olds {
        if let Some(n) = news.get(part) {
            if here(ctx, id, Some(o), Some(n)) {
                matched(ctx, sink, id, part.clone(), *o, *n);
            }
            continue;
        }
        if let Some(i) = added.iter().position(|p| same_name(part, p)) {
            let new_part = added.remove(i);
            let n = news[new_part];
            if here(ctx, id, Some(o), Some(&n)) {
                let (Part::Field { ns: old_ns, .. } | Part::Attribute { ns: old_ns, .. }) = part else { continue };
                let (Part::Field { ns: new_ns, .. } | Part::Attribute { ns: new_ns, .. }) = new_part else { continue };
                let reason = "it is another element or attribute on the wire".to_string();
                let kind = ChangeKind::Changed { aspect: Aspect::Namespace, old: old_ns.clone(), new: new_ns.clone() };
                sink.push(part.clone(), kind, Impact::Breaking, Some(reason));
                matched(ctx, sink, id, part.clone(), *o, n);
            }
            continue;
        }
        if here(ctx, id, Some(o), None) {
            sink.push(part.clone(), ChangeKind::Removed { what: o.describe() }, Impact::Breaking, None);
        }
    }
    for part in added {
        let n = news[part];
        if !here(ctx, id, None, Some(&n)) {
            continue;
        }
        let (impact, reason) = if n.required() { require(ctx, id) } else { (Impact::Compatible, None) };
        let reason = reason.map(|r| format!("required, and {r}"));
        sink.push(part.clone(), ChangeKind::Added { what: n.describe() }, impact, reason);
    }
}

/// Whether a member change of `id` is reported under `id`, rather than once under the base type that
/// declares the member and that `id` inherits from in both models.
fn here(ctx: &Ctx<'_>, id: &TypeId, old: Option<&Item<'_>>, new: Option<&Item<'_>>) -> bool {
    let declared = match (old.map(Item::declared_in), new.map(Item::declared_in)) {
        (Some(a), Some(b)) if a == b => a,
        (Some(a), None) => a,
        (None, Some(b)) => b,
        _ => return true,
    };
    declared == id || !ctx.inherits_in_both(id, declared)
}

/// The impact of a new requirement on members of `id` (see the module docs of `diff`).
fn require(ctx: &Ctx<'_>, id: &TypeId) -> (Impact, Option<String>) {
    let side = ctx.side(id);
    let impact = if side == Side::ResponseOnly { Impact::Compatible } else { Impact::Breaking };
    (impact, Some(side.reason().to_string()))
}

fn matched(ctx: &Ctx<'_>, sink: &mut Sink<'_>, id: &TypeId, part: Part, old: Item<'_>, new: Item<'_>) {
    match (old, new) {
        (Item::Field(o), Item::Field(n)) => field(ctx, sink, id, part, o, n),
        (Item::Attr(o), Item::Attr(n)) => attribute(ctx, sink, id, part, o, n),
        _ => {}
    }
}

fn field(ctx: &Ctx<'_>, sink: &mut Sink<'_>, id: &TypeId, part: Part, old: &FlatField, new: &FlatField) {
    let (of, nf) = (&old.field, &new.field);
    if of.type_ref != nf.type_ref {
        let (o, n) = (report::type_ref(&of.type_ref), report::type_ref(&nf.type_ref));
        sink.changed(part.clone(), Aspect::Type, o, n, Impact::Breaking);
    }
    let (o, n) = (old.occurs, new.occurs);
    if (o.min == 0) != (n.min == 0) {
        required_change(ctx, sink, id, &part, o.min > 0, n.min > 0);
    }
    if o.is_many() != n.is_many() {
        let why = if n.is_many() { "Option becomes Vec" } else { "Vec becomes Option" };
        let kind = ChangeKind::Changed { aspect: Aspect::Occurs, old: occurs(o), new: occurs(n) };
        sink.push(part.clone(), kind, Impact::Breaking, Some(why.to_string()));
    } else if o.max != n.max || (o.min != n.min && o.min > 0 && n.min > 0) {
        let fewer = match (o.max, n.max) {
            (MaxOccurs::Bounded(a), MaxOccurs::Bounded(b)) => b < a,
            (MaxOccurs::Unbounded, MaxOccurs::Bounded(_)) => true,
            _ => false,
        };
        let (impact, reason) = if fewer || n.min > o.min { require(ctx, id) } else { (Impact::Compatible, None) };
        let kind = ChangeKind::Changed { aspect: Aspect::Occurs, old: occurs(o), new: occurs(n) };
        sink.push(part.clone(), kind, impact, reason);
    }
    if of.nillable != nf.nillable {
        let impact = Impact::tightened(of.nillable);
        sink.changed(part.clone(), Aspect::Nillable, of.nillable.to_string(), nf.nillable.to_string(), impact);
    }
    values(sink, &part, (&of.default, &nf.default), (&of.fixed, &nf.fixed));
    sink.doc(part, of.doc.as_deref(), nf.doc.as_deref());
}

fn attribute(ctx: &Ctx<'_>, sink: &mut Sink<'_>, id: &TypeId, part: Part, old: &FlatAttribute, new: &FlatAttribute) {
    let (oa, na) = (&old.attribute, &new.attribute);
    if oa.type_ref != na.type_ref {
        let (o, n) = (report::type_ref(&oa.type_ref), report::type_ref(&na.type_ref));
        sink.changed(part.clone(), Aspect::Type, o, n, Impact::Breaking);
    }
    if oa.required != na.required {
        required_change(ctx, sink, id, &part, oa.required, na.required);
    }
    values(sink, &part, (&oa.default, &na.default), (&oa.fixed, &na.fixed));
    sink.doc(part, oa.doc.as_deref(), na.doc.as_deref());
}

fn required_change(ctx: &Ctx<'_>, sink: &mut Sink<'_>, id: &TypeId, part: &Part, old: bool, new: bool) {
    let label = |r: bool| if r { "required" } else { "optional" }.to_string();
    let (impact, reason) = if new { require(ctx, id) } else { (Impact::Compatible, None) };
    let kind = ChangeKind::Changed { aspect: Aspect::Required, old: label(old), new: label(new) };
    sink.push(part.clone(), kind, impact, reason);
}

type Pair<'a> = (&'a Option<String>, &'a Option<String>);

/// `default` changes only what an absent value means; a new or different `fixed` value rejects others.
fn values(sink: &mut Sink<'_>, part: &Part, default: Pair<'_>, fixed: Pair<'_>) {
    let s = |v: &Option<String>| v.clone().unwrap_or_default();
    if default.0 != default.1 {
        sink.changed(part.clone(), Aspect::Default, s(default.0), s(default.1), Impact::Compatible);
    }
    if fixed.0 != fixed.1 {
        sink.changed(part.clone(), Aspect::Fixed, s(fixed.0), s(fixed.1), Impact::tightened(fixed.1.is_some()));
    }
}
