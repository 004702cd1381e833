//! A stable text dump of a [`Plan`]: one line per type, field and operation with every decision, for snapshot
//! tests and for reading. Its order is the plan's (types by id, fields in wire order).

use std::fmt::Write as _;

use super::{Check, FieldPlan, Plan, RustType, Shape, TypeKind, Value};
use crate::model::MaxOccurs;

/// The plan as text.
pub fn dump(plan: &Plan) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "schema version {:?}", plan.schema_version);
    for m in &plan.modules {
        let _ = writeln!(out, "module {} ({}) const {} types {}", m.name, m.ns, m.ns_const, m.types.len());
    }
    for t in plan.types.values() {
        let path = format!("{}::{}", t.path.module, t.path.name);
        match &t.kind {
            TypeKind::Alias(a) => {
                let _ = writeln!(out, "alias {path} = {} (base {})", rust(&a.target), a.base_short);
            }
            TypeKind::Enum(e) => {
                let variants: Vec<String> = e.variants.iter().map(|v| format!("{}={:?}", v.rust, v.wire)).collect();
                let _ = writeln!(out, "enum {path} [{}] unknown {}", variants.join(" "), e.unknown);
            }
            TypeKind::Struct(s) => {
                let mut flags = Vec::new();
                if s.is_abstract {
                    flags.push(format!("abstract trait {}", s.trait_name.as_deref().unwrap_or("?")));
                }
                if s.validated {
                    flags.push("validated".to_owned());
                }
                if s.has_masked_fields() {
                    flags.push("masked-debug".to_owned());
                }
                if s.builder {
                    flags.push("builder".to_owned());
                }
                if let Some(hook) = &s.rule_hook {
                    flags.push(format!("rules {hook}"));
                }
                for i in &s.implements {
                    flags.push(format!("impl {}::{}", i.trait_path.module, i.trait_path.name));
                }
                let _ = writeln!(out, "struct {path} {}", flags.join(", "));
                for (role, f) in s.content.iter().map(|f| ("content", f)) {
                    field(&mut out, role, f);
                }
                for f in &s.attributes {
                    field(&mut out, "attr", f);
                }
                for f in &s.members {
                    field(&mut out, "elem", f);
                }
                if let Some(t) = &s.text {
                    let _ = writeln!(out, "  text {t}: String (mixed)");
                }
            }
        }
    }
    for e in &plan.elements {
        let _ = writeln!(out, "element {{{}}}{} -> {}::{} as {}", e.ns, e.name, e.path.module, e.path.name, e.variant);
    }
    for b in &plan.bases {
        let _ = writeln!(out, "base {} {} [{}]", b.trait_path.name, b.method, b.variants.join(" "));
    }
    for op in &plan.operations {
        let response = op.response.as_ref().map_or("untyped".to_owned(), |(p, _)| format!("{}::{}", p.module, p.name));
        let _ = writeln!(
            out,
            "operation {}/{} fn {} const {} ({}) request {}::{}{}{} -> {response}{}{}",
            op.port,
            op.name,
            op.rust,
            op.konst,
            op.effect,
            op.request.module,
            op.request.name,
            op.inner.as_ref().map_or(String::new(), |i| format!(" in {}", i.field)),
            op.details.as_ref().map_or(String::new(), |d| format!(" from {}", d.field)),
            op.version_field.as_ref().map_or(String::new(), |v| format!(" version {v}")),
            op.msg_sub_id.as_ref().map_or(String::new(), |m| format!(" msg_sub_id {m}")),
        );
    }
    // Lines without flags would end in a space; snapshots keep no trailing whitespace.
    out.lines().map(str::trim_end).fold(String::new(), |mut acc, line| {
        acc.push_str(line);
        acc.push('\n');
        acc
    })
}

fn field(out: &mut String, role: &str, f: &FieldPlan) {
    let value = match &f.value {
        Value::Scalar { scalar, rust: r, .. } => {
            format!("{} ws={:?}{}", rust(r), scalar.ws, if scalar.stringy { " text" } else { "" })
        }
        Value::Complex { path, validated, .. } => {
            format!("{}::{}{}", path.module, path.name, if *validated { " walk" } else { "" })
        }
        Value::AnyType => "AnyElement".to_owned(),
        Value::Wildcard { namespace } => format!("any({namespace})"),
    };
    let shape = match f.shape {
        Shape::Optional => "Option",
        Shape::Boxed => "Option<Box>",
        Shape::List => "Vec",
        Shape::Plain => "plain",
    };
    let max = match f.occurs.max {
        MaxOccurs::Bounded(n) => n.to_string(),
        MaxOccurs::Unbounded => "n".to_owned(),
    };
    let mut extra = Vec::new();
    if f.required {
        extra.push("required".to_owned());
    }
    if let Some(l) = &f.limit {
        extra.push(format!("limit {}..{} ({})", l.min_chars, l.max_chars, l.source));
    }
    if !f.checks.is_empty() {
        extra.push(format!("checks {}", f.checks.iter().map(check).collect::<Vec<_>>().join(",")));
    }
    if let Some(m) = f.mask {
        extra.push(format!("mask {m:?}"));
    }
    if f.recursive {
        extra.push("recursive".to_owned());
    }
    // A setter named like its field is the rule; only the exceptions are shown.
    if let Some(setter) = f.setter.as_ref().filter(|s| **s != f.rust) {
        extra.push(format!("setter {setter}"));
    }
    if !f.earlier_same_name.is_empty() {
        extra.push(format!("after {:?}", f.earlier_same_name));
    }
    let wire = if f.wire.is_empty() { String::new() } else { format!(" <{{{}}}{}>", f.ns, f.wire) };
    let _ = writeln!(out, "  {role} {}{wire}: {shape} {value} [{}..{max}] {}", f.rust, f.occurs.min, extra.join(" "));
}

fn rust(t: &RustType) -> String {
    match t {
        RustType::Builtin(b) => format!("xs:{}", b.xsd_name()),
        RustType::Generated(p) => format!("{}::{}", p.module, p.name),
    }
}

fn check(c: &Check) -> String {
    match c {
        Check::Known => "known".to_owned(),
        Check::Len(n) => format!("len={n}"),
        Check::MinLen(n) => format!("min_len={n}"),
        Check::MaxLen(n) => format!("max_len={n}"),
        Check::MinInclusive(n) => format!("min={n}"),
        Check::MaxInclusive(n) => format!("max={n}"),
        Check::Amount { currency_field } => format!("amount({currency_field})"),
    }
}
