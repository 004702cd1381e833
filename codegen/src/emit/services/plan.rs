//! What the service emitters need to know about each operation, worked out once from the model: Rust names,
//! what the call can change, the request's wrapper and inner types, where `Version` and `MsgSubID` live, and
//! the response type's shared fields.

use std::collections::BTreeMap;

use proc_macro2::Ident;

use super::super::scalar::{is_stringy, root_builtin};
use super::super::{Ctx, ident};
use crate::flatten::Member;
use crate::model::{Builtin, Operation, TypeId, TypeRef};
use crate::naming::const_ident;

/// PayPal's base-components namespace, where `AckCodeType` and `ErrorType` live.
const EBL_NS: &str = "urn:ebay:apis:eBLBaseComponents";

/// Operations outside the `Do*` family that can move money: they charge, pay out, refund, reverse or
/// recover funds, or start a subscription that may charge an initial amount at once.
const MOVES_MONEY: &[&str] = &[
    "BillOutstandingAmount",
    "BillUser",
    "CompleteRecoup",
    "CreateMobilePayment",
    "CreateRecurringPaymentsProfile",
    "ExecuteCheckoutOperations",
    "InitiateRecoup",
    "ManagePendingTransactionStatus",
    "MassPay",
    "RefundTransaction",
    "ReverseTransaction",
];

/// What a call can change (mirrors the runtime's `Effect`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Effect {
    ReadOnly,
    Mutating,
    MovesMoney,
}

impl Effect {
    /// The rule, by operation name: `Do*` and [`MOVES_MONEY`] move money; `Get*`, `BMGet*`, `*Search` and
    /// `AddressVerify` only read; everything else changes state without moving money. Unknown names fall
    /// into the cautious `Mutating` class, so a new operation is never retried by mistake.
    pub(crate) fn of(name: &str) -> Effect {
        if name.starts_with("Do") || MOVES_MONEY.contains(&name) {
            Effect::MovesMoney
        } else if name.starts_with("Get")
            || name.starts_with("BMGet")
            || name.ends_with("Search")
            || name == "AddressVerify"
        {
            Effect::ReadOnly
        } else {
            Effect::Mutating
        }
    }

    pub(crate) fn describe(self) -> &'static str {
        match self {
            Effect::ReadOnly => "read-only",
            Effect::Mutating => "changes state",
            Effect::MovesMoney => "moves money",
        }
    }
}

/// The request wrapper's single element member (`SetExpressCheckoutReq.SetExpressCheckoutRequest`).
#[derive(Debug, Clone)]
pub(crate) struct Inner {
    pub(crate) ty: TypeId,
    pub(crate) field: String,
    pub(crate) boxed: bool,
}

/// Rust field names of the response type's `AbstractResponseType` members.
#[derive(Debug, Clone)]
pub(crate) struct Common {
    timestamp: String,
    ack: String,
    correlation_id: String,
    errors: String,
    version: String,
    build: String,
}

impl Common {
    /// The six names in `CommonFields` order.
    pub(crate) fn each(&self) -> [&str; 6] {
        [&self.timestamp, &self.ack, &self.correlation_id, &self.errors, &self.version, &self.build]
    }
}

/// One operation, planned.
#[derive(Debug, Clone)]
pub(crate) struct OpPlan<'a> {
    pub(crate) op: &'a Operation,
    /// snake_case method name (client and server).
    pub(crate) rust: String,
    /// Descriptor constant in `ops`.
    pub(crate) konst: Ident,
    pub(crate) effect: Effect,
    /// The body element's type (`SetExpressCheckoutReq`).
    pub(crate) wrapper: TypeId,
    /// Its one element member, when it has exactly one complex one; callers then pass that type.
    pub(crate) inner: Option<Inner>,
    /// Rust field of `Version` in the request type, when it is a string.
    pub(crate) version_field: Option<String>,
    /// Rust field path of `MsgSubID` from the request type.
    pub(crate) msg_sub_id: Option<String>,
    /// The response element's type, when it has the shared fields.
    pub(crate) response: Option<TypeId>,
    pub(crate) common: Option<Common>,
}

impl OpPlan<'_> {
    /// The type callers pass: the inner request type, or the wrapper itself.
    pub(crate) fn request_type(&self) -> &TypeId {
        self.inner.as_ref().map_or(&self.wrapper, |i| &i.ty)
    }

    /// True when the operation gets client and server methods.
    pub(crate) fn is_typed(&self) -> bool {
        self.response.is_some() && self.common.is_some()
    }
}

/// Plans every operation of the service, in the model's (port, name) order. An operation name that occurs on
/// several ports gets the port appended to its Rust names (`ping_thing_aa`), so names stay unique.
pub(crate) fn plan_operations<'a>(ctx: &Ctx<'a>) -> Vec<OpPlan<'a>> {
    let ops = &ctx.model.service.operations;
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    for op in ops {
        *count.entry(op.name.as_str()).or_default() += 1;
    }
    let mut plans = Vec::new();
    for op in ops {
        let base = if count[op.name.as_str()] > 1 { format!("{}_{}", op.name, op.port) } else { op.name.clone() };
        let Some(wrapper) = element_type(ctx, &op.input.element) else { continue };
        let inner = inner_member(ctx, &wrapper);
        let request = inner.as_ref().map_or(&wrapper, |i| &i.ty).clone();
        let response = element_type(ctx, &op.output.element);
        let common = response.as_ref().and_then(|r| common_fields(ctx, r));
        plans.push(OpPlan {
            op,
            rust: ctx.names.operation_method(&base),
            konst: ident(&const_ident(&base)),
            effect: Effect::of(&op.name),
            version_field: version_field(ctx, &request),
            msg_sub_id: msg_sub_id_path(ctx, &request),
            wrapper,
            inner,
            response: if common.is_some() { response } else { None },
            common,
        });
    }
    plans
}

fn element_type(ctx: &Ctx<'_>, name: &crate::model::QName) -> Option<TypeId> {
    match &ctx.model.elements.get(name)?.type_ref {
        TypeRef::Named(id) if ctx.flat.types.contains_key(id) => Some(id.clone()),
        _ => None,
    }
}

fn inner_member(ctx: &Ctx<'_>, wrapper: &TypeId) -> Option<Inner> {
    let flat = ctx.flat.types.get(wrapper)?;
    let [Member::Element(ff)] = flat.members.as_slice() else { return None };
    if ff.occurs.is_many() || !flat.attributes.is_empty() {
        return None;
    }
    match &ff.field.type_ref {
        TypeRef::Named(id) if ctx.flat.types.contains_key(id) => Some(Inner {
            ty: id.clone(),
            field: ctx.names.field(wrapper, 0).to_owned(),
            boxed: ctx.is_boxed(wrapper, 0),
        }),
        _ => None,
    }
}

/// The index of the single (not repeated) element member named `wire` of `ty`.
fn single_member<'m>(ctx: &Ctx<'m>, ty: &TypeId, wire: &str) -> Option<(usize, &'m TypeRef)> {
    let flat = ctx.flat.types.get(ty)?;
    flat.members.iter().enumerate().find_map(|(i, m)| match m {
        Member::Element(ff) if ff.field.name == wire && !ff.occurs.is_many() && !ctx.is_boxed(ty, i) => {
            Some((i, &ff.field.type_ref))
        }
        _ => None,
    })
}

fn stringy(ctx: &Ctx<'_>, tr: &TypeRef) -> bool {
    root_builtin(ctx.model, tr).is_some_and(is_stringy)
}

fn version_field(ctx: &Ctx<'_>, request: &TypeId) -> Option<String> {
    let (i, tr) = single_member(ctx, request, "Version")?;
    stringy(ctx, tr).then(|| ctx.names.field(request, i).to_owned())
}

/// The shallowest `MsgSubID` reachable from the request through single (not repeated) element members.
fn msg_sub_id_path(ctx: &Ctx<'_>, request: &TypeId) -> Option<String> {
    let mut level = vec![(request.clone(), String::new())];
    for _ in 0..4 {
        let mut next = Vec::new();
        for (ty, path) in &level {
            let Some(flat) = ctx.flat.types.get(ty) else { continue };
            for (i, m) in flat.members.iter().enumerate() {
                let Member::Element(ff) = m else { continue };
                if ff.occurs.is_many() {
                    continue;
                }
                let field = ctx.names.field(ty, i);
                let here = if path.is_empty() { field.to_owned() } else { format!("{path}.{field}") };
                if ff.field.name == "MsgSubID" {
                    return Some(here);
                }
                if let TypeRef::Named(id) = &ff.field.type_ref {
                    if ctx.flat.types.contains_key(id) {
                        next.push((id.clone(), here));
                    }
                }
            }
        }
        level = next;
    }
    None
}

fn common_fields(ctx: &Ctx<'_>, response: &TypeId) -> Option<Common> {
    let named = |tr: &TypeRef, name: &str| matches!(tr, TypeRef::Named(id) if id.ns == EBL_NS && id.name == name);
    let string_field = |wire: &str| {
        let (i, tr) = single_member(ctx, response, wire)?;
        stringy(ctx, tr).then(|| ctx.names.field(response, i).to_owned())
    };
    let (ts, ts_ty) = single_member(ctx, response, "Timestamp")?;
    let (ack, ack_ty) = single_member(ctx, response, "Ack")?;
    let flat = ctx.flat.types.get(response)?;
    let errors = flat.members.iter().enumerate().find_map(|(i, m)| match m {
        Member::Element(ff)
            if ff.field.name == "Errors" && ff.occurs.is_many() && named(&ff.field.type_ref, "ErrorType") =>
        {
            Some(i)
        }
        _ => None,
    })?;
    if root_builtin(ctx.model, ts_ty) != Some(Builtin::DateTime) || !named(ack_ty, "AckCodeType") {
        return None;
    }
    Some(Common {
        timestamp: ctx.names.field(response, ts).to_owned(),
        ack: ctx.names.field(response, ack).to_owned(),
        correlation_id: string_field("CorrelationID")?,
        errors: ctx.names.field(response, errors).to_owned(),
        version: string_field("Version")?,
        build: string_field("Build")?,
    })
}

#[cfg(test)]
mod tests {
    use super::Effect;

    #[test]
    fn effect_rule() {
        for name in ["DoExpressCheckoutPayment", "DoVoid", "MassPay", "RefundTransaction", "BillUser"] {
            assert_eq!(Effect::of(name), Effect::MovesMoney, "{name}");
        }
        for name in ["GetBalance", "BMGetInventory", "TransactionSearch", "BMButtonSearch", "AddressVerify"] {
            assert_eq!(Effect::of(name), Effect::ReadOnly, "{name}");
        }
        for name in ["SetExpressCheckout", "BMCreateButton", "ManageRecurringPaymentsProfileStatus", "SomethingNew"] {
            assert_eq!(Effect::of(name), Effect::Mutating, "{name}");
        }
    }
}
