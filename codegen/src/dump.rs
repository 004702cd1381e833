//! A stable, line-oriented text dump of the [`Model`] for snapshot tests and debugging.
//!
//! Everything the model holds is printed, in the model's own (sorted) order, one item per line and nested
//! items indented by two spaces. Documentation is shortened to its first line (at most 60 characters) plus its
//! total length, so a snapshot shows that a text is there and where, without repeating it.

use std::fmt::Write;

use crate::model::{
    Attribute, ComplexType, Content, ElementDecl, Facets, Field, Group, Model, Occurs, Operation, OperationMessage,
    Particle, Pos, QName, Service, SimpleType, TypeDef, TypeDefKind,
};

/// Renders the model as stable text.
pub fn dump(model: &Model) -> String {
    let mut d = Dump { out: String::new() };
    d.line(0, "sources");
    for s in &model.sources {
        d.line(1, &format!("{} ns={} sha256={}", s.name, quoted(&s.target_ns), s.sha256));
    }
    d.line(0, &format!("types ({})", model.types.len()));
    for def in model.types.values() {
        d.type_def(def);
    }
    d.line(0, &format!("elements ({})", model.elements.len()));
    for el in model.elements.values() {
        d.element(el);
    }
    d.service(&model.service);
    d.out
}

/// A documentation text shortened for the dump: its first line cut to 60 characters, and its length.
pub fn short_doc(doc: &str) -> String {
    let first = doc.lines().next().unwrap_or("").trim();
    let mut short: String = first.chars().take(60).collect();
    if short.len() < doc.len() {
        short.push('…');
    }
    format!("{} ({} chars)", quoted(&short), doc.chars().count())
}

fn quoted(s: &str) -> String {
    format!("{s:?}")
}

fn at(pos: &Pos) -> String {
    format!("@{pos}")
}

fn qname(q: &QName) -> String {
    q.to_string()
}

struct Dump {
    out: String,
}

impl Dump {
    fn line(&mut self, depth: usize, text: &str) {
        for _ in 0..depth {
            self.out.push_str("  ");
        }
        self.out.push_str(text);
        self.out.push('\n');
    }

    fn doc(&mut self, depth: usize, doc: Option<&String>) {
        if let Some(doc) = doc {
            self.line(depth, &format!("doc {}", short_doc(doc)));
        }
    }

    fn type_def(&mut self, def: &TypeDef) {
        match &def.kind {
            TypeDefKind::Simple(st) => {
                self.line(1, &format!("simple {} {}", def.id, at(&def.pos)));
                self.doc(2, def.doc.as_ref());
                self.simple(st);
            }
            TypeDefKind::Complex(ct) => {
                let mut flags = String::new();
                if ct.is_abstract {
                    flags.push_str(" abstract");
                }
                if ct.mixed {
                    flags.push_str(" mixed");
                }
                self.line(1, &format!("complex {}{flags} {}", def.id, at(&def.pos)));
                self.doc(2, def.doc.as_ref());
                self.complex(ct);
            }
        }
    }

    fn simple(&mut self, st: &SimpleType) {
        self.line(2, &format!("restriction of {}", st.base));
        self.facets(&st.facets);
        if !st.enumeration.is_empty() {
            self.line(2, &format!("enumeration ({})", st.enumeration.len()));
        }
        for v in &st.enumeration {
            match &v.doc {
                Some(doc) => self.line(3, &format!("{} doc {}", quoted(&v.value), short_doc(doc))),
                None => self.line(3, &quoted(&v.value)),
            }
        }
    }

    fn facets(&mut self, f: &Facets) {
        let mut items = Vec::new();
        let mut push = |name: &str, value: Option<String>| {
            if let Some(v) = value {
                items.push(format!("{name}={v}"));
            }
        };
        push("length", f.length.map(|v| v.to_string()));
        push("minLength", f.min_length.map(|v| v.to_string()));
        push("maxLength", f.max_length.map(|v| v.to_string()));
        push("minInclusive", f.min_inclusive.clone());
        push("maxInclusive", f.max_inclusive.clone());
        push("minExclusive", f.min_exclusive.clone());
        push("maxExclusive", f.max_exclusive.clone());
        push("totalDigits", f.total_digits.map(|v| v.to_string()));
        push("fractionDigits", f.fraction_digits.map(|v| v.to_string()));
        push("whiteSpace", f.white_space.clone());
        for p in &f.patterns {
            items.push(format!("pattern={}", quoted(p)));
        }
        if !items.is_empty() {
            self.line(2, &format!("facets {}", items.join(" ")));
        }
    }

    fn complex(&mut self, ct: &ComplexType) {
        if let Some((base, derivation)) = &ct.base {
            self.line(2, &format!("base {base} by {derivation:?}"));
        }
        match &ct.content {
            Content::Empty => self.line(2, "content empty"),
            Content::Simple(t) => self.line(2, &format!("content simple {t}")),
            Content::Elements(g) => self.group(2, g),
        }
        for a in &ct.attributes {
            self.attribute(a);
        }
    }

    fn group(&mut self, depth: usize, g: &Group) {
        self.line(depth, &format!("{:?} {}", g.compositor, g.occurs).to_lowercase());
        for p in &g.particles {
            match p {
                Particle::Element(f) => self.field(depth + 1, f),
                Particle::Any(a) => self.line(
                    depth + 1,
                    &format!(
                        "any namespace={} process={} {} {}",
                        a.namespace,
                        a.process_contents,
                        a.occurs,
                        at(&a.pos)
                    ),
                ),
                Particle::Group(inner) => self.group(depth + 1, inner),
            }
        }
    }

    fn field(&mut self, depth: usize, f: &Field) {
        let mut line = format!(
            "element {}: {} {}",
            qname(&QName::new(f.ns.clone(), f.name.clone())),
            f.type_ref,
            occurs(f.occurs)
        );
        if f.nillable {
            line.push_str(" nillable");
        }
        if let Some(r) = &f.element_ref {
            let _ = write!(line, " ref={r}");
        }
        if let Some(v) = &f.default {
            let _ = write!(line, " default={}", quoted(v));
        }
        if let Some(v) = &f.fixed {
            let _ = write!(line, " fixed={}", quoted(v));
        }
        let _ = write!(line, " {}", at(&f.pos));
        self.line(depth, &line);
        self.doc(depth + 1, f.doc.as_ref());
    }

    fn attribute(&mut self, a: &Attribute) {
        let mut line = format!("attribute {}: {}", qname(&QName::new(a.ns.clone(), a.name.clone())), a.type_ref);
        line.push_str(if a.required { " required" } else { " optional" });
        if let Some(v) = &a.default {
            let _ = write!(line, " default={}", quoted(v));
        }
        if let Some(v) = &a.fixed {
            let _ = write!(line, " fixed={}", quoted(v));
        }
        let _ = write!(line, " {}", at(&a.pos));
        self.line(2, &line);
        self.doc(3, a.doc.as_ref());
    }

    fn element(&mut self, el: &ElementDecl) {
        let mut line = format!("element {}: {}", el.name, el.type_ref);
        if el.is_abstract {
            line.push_str(" abstract");
        }
        if el.nillable {
            line.push_str(" nillable");
        }
        let _ = write!(line, " {}", at(&el.pos));
        self.line(1, &line);
        self.doc(2, el.doc.as_ref());
    }

    fn service(&mut self, s: &Service) {
        if s.name.is_empty() && s.operations.is_empty() && s.ports.is_empty() {
            self.line(0, "service none");
            return;
        }
        let mut version = s.version.as_deref().map_or_else(|| "none".to_string(), quoted);
        if let Some(source) = s.version_source {
            version = format!("{version} version_source={}", source.attribute());
        }
        self.line(0, &format!("service {} ns={} version={version}", s.name, quoted(&s.ns)));
        self.doc(1, s.doc.as_ref());
        for p in &s.ports {
            self.line(1, &format!("port {} binding={} address={}", p.name, p.binding, quoted(&p.address)));
        }
        self.line(1, &format!("operations ({})", s.operations.len()));
        for op in &s.operations {
            self.operation(op);
        }
    }

    fn operation(&mut self, op: &Operation) {
        self.line(2, &format!("operation {}.{} {}", op.port, op.name, at(&op.pos)));
        self.doc(3, op.doc.as_ref());
        self.line(
            3,
            &format!(
                "binding={} port-type={} style={} soap-action={}",
                op.binding,
                op.port_type,
                op.style,
                quoted(&op.soap_action)
            ),
        );
        self.message("input", &op.input);
        self.message("output", &op.output);
        for f in &op.faults {
            self.line(3, &format!("fault {f}"));
        }
    }

    fn message(&mut self, direction: &str, m: &OperationMessage) {
        self.line(3, &format!("{direction} message={} element={} use={}", m.message, m.element, m.body_use));
        for h in &m.headers {
            self.line(4, &format!("header message={} part={} element={} use={}", h.message, h.part, h.element, h.use_));
        }
    }
}

fn occurs(o: Occurs) -> String {
    o.to_string()
}

#[cfg(test)]
mod tests {
    use super::short_doc;

    #[test]
    fn docs_are_shortened_to_their_first_line() {
        assert_eq!(short_doc("One line."), r#""One line." (9 chars)"#);
        assert_eq!(short_doc("First\nsecond"), r#""First…" (12 chars)"#);
        let long = "x".repeat(70);
        assert_eq!(short_doc(&long), format!("\"{}…\" (70 chars)", "x".repeat(60)));
    }
}
