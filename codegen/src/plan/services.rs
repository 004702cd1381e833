//! Planning operations: step 6 of [`super::build`]. For each WSDL operation: its Rust names, what a call can
//! change (from `paypal_soap_policy::effects`), the request's wrapper and inner types, where `Version` and
//! `MsgSubID` live, and the response type's shared fields.
//!
//! An operation gets a client method and a server method only when its response type carries the fields of
//! PayPal's `AbstractResponseType` (`Timestamp`, `Ack`, `CorrelationID`, `Errors`, `Version`, `Build`, with
//! PayPal's `AckCodeType` and `ErrorType`), since the runtime reads the outcome from them. Every PayPal
//! operation does; a fixture schema with other base types gets descriptors only.

use std::collections::BTreeMap;

use paypal_soap_policy::Effect;

use super::scalar::ScalarKind;
use super::{ItemPath, Shape, StructPlan, TypeKind, TypePlan, Value};
use crate::model::{Builtin, Model, QName, TypeId, TypeRef};
use crate::naming::{Names, const_ident};

/// PayPal's base-components namespace, where `AckCodeType` and `ErrorType` live.
const EBL_NS: &str = "urn:ebay:apis:eBLBaseComponents";

/// One operation, planned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OperationPlan {
    /// The WSDL operation name.
    pub name: String,
    /// The WSDL port.
    pub port: String,
    /// `soapAction` of the binding.
    pub soap_action: String,
    /// The operation's documentation.
    pub doc: Option<String>,
    /// snake_case method name (client and server); the port is appended when the name occurs on several ports.
    pub rust: String,
    /// The descriptor constant in `ops`.
    pub konst: String,
    /// What a call can change.
    pub effect: Effect,
    /// The request body element.
    pub request_element: QName,
    /// The response body element.
    pub response_element: QName,
    /// The request body element's type (`SetExpressCheckoutReq`).
    pub wrapper: ItemPath,
    /// Its one element member, when it has exactly one complex one; callers then pass that type.
    pub inner: Option<Inner>,
    /// The type callers pass: the inner request type, or the wrapper itself.
    pub request: ItemPath,
    /// The request type's one required complex member (`DoDirectPaymentRequestDetails`), when it has exactly
    /// one: the request converts from it, so callers can pass the details alone.
    pub details: Option<Inner>,
    /// Rust field of `Version` in the request type, when it is a string.
    pub version_field: Option<String>,
    /// Rust field path of `MsgSubID` from the request type.
    pub msg_sub_id: Option<String>,
    /// The response element's type and its shared fields, when it has them.
    pub response: Option<(ItemPath, Common)>,
}

/// The request wrapper's single element member (`SetExpressCheckoutReq.SetExpressCheckoutRequest`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inner {
    /// The member's type.
    pub path: ItemPath,
    /// The member's Rust field.
    pub field: String,
    /// True when the field is boxed.
    pub boxed: bool,
}

/// Rust field names of the response type's `AbstractResponseType` members.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Common {
    /// `Timestamp`.
    pub timestamp: String,
    /// `Ack`.
    pub ack: String,
    /// `CorrelationID`.
    pub correlation_id: String,
    /// `Errors`.
    pub errors: String,
    /// `Version`.
    pub version: String,
    /// `Build`.
    pub build: String,
}

impl Common {
    /// The six names in `CommonFields` order.
    pub fn each(&self) -> [&str; 6] {
        [&self.timestamp, &self.ack, &self.correlation_id, &self.errors, &self.version, &self.build]
    }
}

impl OperationPlan {
    /// True when the operation gets client and server methods.
    pub fn is_typed(&self) -> bool {
        self.response.is_some()
    }
}

/// Plans every operation of the service, in the model's (port, name) order. An operation name that occurs on
/// several ports gets the port appended to its Rust names (`ping_thing_aa`), so names stay unique. Operations
/// whose request element is not of complex type are left out.
pub fn plan_operations(model: &Model, types: &BTreeMap<TypeId, TypePlan>, names: &Names) -> Vec<OperationPlan> {
    let ops = &model.service.operations;
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    for op in ops {
        *count.entry(op.name.as_str()).or_default() += 1;
    }
    let element_type = |name: &QName| match &model.elements.get(name)?.type_ref {
        TypeRef::Named(id) => structure(types, id).map(|s| (id.clone(), s)),
        TypeRef::Builtin(_) => None,
    };
    let mut plans = Vec::new();
    for op in ops {
        let base = if count[op.name.as_str()] > 1 { format!("{}_{}", op.name, op.port) } else { op.name.clone() };
        let Some((wrapper, wrapper_plan)) = element_type(&op.input.element) else { continue };
        let inner = inner_member(types, wrapper_plan);
        let request_id = match &inner {
            Some((id, _)) => id.clone(),
            None => wrapper.clone(),
        };
        let request = structure(types, &request_id);
        let response =
            element_type(&op.output.element).and_then(|(id, s)| common_fields(s).map(|c| (types[&id].path.clone(), c)));
        plans.push(OperationPlan {
            name: op.name.clone(),
            port: op.port.clone(),
            soap_action: op.soap_action.clone(),
            doc: op.doc.clone(),
            rust: names.operation_method(&base),
            konst: const_ident(&base),
            effect: Effect::of(&op.name),
            request_element: op.input.element.clone(),
            response_element: op.output.element.clone(),
            wrapper: types[&wrapper].path.clone(),
            request: types[&request_id].path.clone(),
            details: request.and_then(|r| details_member(types, r)),
            version_field: request.and_then(version_field),
            msg_sub_id: msg_sub_id_path(types, &request_id),
            inner: inner.map(|(_, i)| i),
            response,
        });
    }
    plans
}

fn structure<'t>(types: &'t BTreeMap<TypeId, TypePlan>, id: &TypeId) -> Option<&'t StructPlan> {
    match &types.get(id)?.kind {
        TypeKind::Struct(s) => Some(s),
        _ => None,
    }
}

fn inner_member(types: &BTreeMap<TypeId, TypePlan>, wrapper: &StructPlan) -> Option<(TypeId, Inner)> {
    let [f] = wrapper.members.as_slice() else { return None };
    if f.shape == Shape::List || !wrapper.attributes.is_empty() {
        return None;
    }
    match &f.value {
        Value::Complex { id, path, .. } if structure(types, id).is_some() => {
            Some((id.clone(), Inner { path: path.clone(), field: f.rust.clone(), boxed: f.shape == Shape::Boxed }))
        }
        _ => None,
    }
}

/// The request type's one required member of complex type, when there is exactly one.
fn details_member(types: &BTreeMap<TypeId, TypePlan>, request: &StructPlan) -> Option<Inner> {
    let mut required =
        request.members.iter().filter(|f| f.required && f.shape != Shape::List).filter_map(|f| match &f.value {
            Value::Complex { id, path, .. } if structure(types, id).is_some() => {
                Some(Inner { path: path.clone(), field: f.rust.clone(), boxed: f.shape == Shape::Boxed })
            }
            _ => None,
        });
    let first = required.next()?;
    required.next().is_none().then_some(first)
}

/// The single (not repeated, not boxed) element member named `wire`.
fn single<'s>(s: &'s StructPlan, wire: &str) -> Option<&'s super::FieldPlan> {
    s.members.iter().find(|f| f.wire == wire && f.shape == Shape::Optional)
}

fn stringy(f: &super::FieldPlan) -> bool {
    matches!(&f.value, Value::Scalar { scalar, .. } if scalar.stringy)
}

fn version_field(request: &StructPlan) -> Option<String> {
    single(request, "Version").filter(|f| stringy(f)).map(|f| f.rust.clone())
}

/// The shallowest `MsgSubID` reachable from the request through single (not repeated) element members.
fn msg_sub_id_path(types: &BTreeMap<TypeId, TypePlan>, request: &TypeId) -> Option<String> {
    let mut level = vec![(request.clone(), String::new())];
    for _ in 0..4 {
        let mut next = Vec::new();
        for (ty, path) in &level {
            let Some(s) = structure(types, ty) else { continue };
            for f in &s.members {
                if f.shape == Shape::List {
                    continue;
                }
                let here = if path.is_empty() { f.rust.clone() } else { format!("{path}.{}", f.rust) };
                if f.wire == "MsgSubID" {
                    return Some(here);
                }
                if let Value::Complex { id, .. } = &f.value {
                    next.push((id.clone(), here));
                }
            }
        }
        level = next;
    }
    None
}

fn common_fields(response: &StructPlan) -> Option<Common> {
    let is_ebl = |id: &TypeId, name: &str| id.ns == EBL_NS && id.name == name;
    let string_field = |wire: &str| single(response, wire).filter(|f| stringy(f)).map(|f| f.rust.clone());
    let timestamp = single(response, "Timestamp")?;
    let ack = single(response, "Ack")?;
    let errors = response.members.iter().find(|f| {
        f.wire == "Errors"
            && f.shape == Shape::List
            && matches!(&f.value, Value::Complex { id, .. } if is_ebl(id, "ErrorType"))
    })?;
    let timestamp_ok = matches!(&timestamp.value,
        Value::Scalar { scalar, .. } if scalar.kind == ScalarKind::Builtin(Builtin::DateTime));
    let ack_ok = matches!(&ack.value, Value::Scalar { scalar, .. }
        if matches!(&scalar.kind, ScalarKind::Enum(id) if is_ebl(id, "AckCodeType")));
    if !timestamp_ok || !ack_ok {
        return None;
    }
    Some(Common {
        timestamp: timestamp.rust.clone(),
        ack: ack.rust.clone(),
        correlation_id: string_field("CorrelationID")?,
        errors: errors.rust.clone(),
        version: string_field("Version")?,
        build: string_field("Build")?,
    })
}
