//! The steps a generated writer takes for one field, as shared generic methods: a generated `write_element`
//! is one call per field, where it was a pattern match and an error check per field. Body size is what the
//! generated crate's build time is made of (see `read/fields.rs`).
//!
//! These methods return nothing: the first error (text XML cannot carry) is kept in the writer, the fields
//! after it write nothing, and the enclosing element's [`XmlWriter::finish`] returns it. The caller sees the
//! same error it would have seen had every field been checked, and the generated code has no branch per field.

use super::{AnyElement, EncodeError, XmlScalar, XmlWrite, XmlWriter};

impl XmlWriter {
    /// Keeps the first error of a field.
    #[inline]
    fn keep(&mut self, result: Result<(), EncodeError>) {
        if let Err(e) = result {
            self.failed.get_or_insert(e);
        }
    }

    /// Ends element `{ns}name` as [`XmlWriter::end`] does, unless a field of it failed: then that field's error.
    ///
    /// # Errors
    /// The first error of a field written since the last `finish`; as [`XmlWriter::end`].
    #[inline]
    pub fn finish(&mut self, ns: &str, name: &str) -> Result<(), EncodeError> {
        match self.failed.take() {
            Some(e) => Err(e),
            None => self.end(ns, name),
        }
    }

    /// Writes an optional scalar field as the element `{ns}name`, or nothing when it is absent.
    #[inline]
    pub fn scalar_opt<T: XmlScalar>(&mut self, ns: &str, name: &str, v: &Option<T>) {
        if let (Some(v), None) = (v, &self.failed) {
            let result = self.scalar_element(ns, name, v);
            self.keep(result);
        }
    }

    /// Writes each value of a scalar list as one element `{ns}name`.
    pub fn scalar_list<T: XmlScalar>(&mut self, ns: &str, name: &str, list: &[T]) {
        for v in list {
            if self.failed.is_some() {
                return;
            }
            let result = self.scalar_element(ns, name, v);
            self.keep(result);
        }
    }

    /// Writes an optional complex field as the element `{ns}name`, or nothing when it is absent.
    #[inline]
    pub fn complex_opt<T: XmlWrite>(&mut self, ns: &'static str, name: &'static str, v: &Option<T>) {
        if let Some(v) = v {
            self.complex(ns, name, v);
        }
    }

    /// [`XmlWriter::complex_opt`] for a field boxed because its type contains itself.
    pub fn boxed_opt<T: XmlWrite>(&mut self, ns: &'static str, name: &'static str, v: &Option<Box<T>>) {
        if let Some(v) = v {
            self.complex(ns, name, &**v);
        }
    }

    /// Writes each value of a complex list as one element `{ns}name`.
    pub fn complex_list<T: XmlWrite>(&mut self, ns: &'static str, name: &'static str, list: &[T]) {
        for v in list {
            self.complex(ns, name, v);
        }
    }

    fn complex<T: XmlWrite>(&mut self, ns: &'static str, name: &'static str, v: &T) {
        if self.failed.is_none() {
            let result = v.write_element(self, ns, name);
            self.keep(result);
        }
    }

    /// Re-emits a captured `xs:anyType` value, as [`XmlWriter::any`] does; nothing when it is absent.
    pub fn any_opt(&mut self, v: &Option<AnyElement>) {
        if let Some(v) = v {
            self.any_list(std::slice::from_ref(v));
        }
    }

    /// Re-emits each captured element of an `xs:any` or `xs:anyType` list, as [`XmlWriter::any`] does.
    pub fn any_list(&mut self, list: &[AnyElement]) {
        for v in list {
            if self.failed.is_some() {
                return;
            }
            let result = self.any(v);
            self.keep(result);
        }
    }

    /// Writes an optional scalar as the attribute `name`, or nothing when it is absent.
    pub fn attr_opt<T: XmlScalar>(&mut self, name: &str, v: &Option<T>) {
        if let (Some(v), None) = (v, &self.failed) {
            let result = self.attr_scalar(name, v);
            self.keep(result);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::XmlWriter;

    #[test]
    fn the_first_field_error_is_returned_by_finish() {
        let mut w = XmlWriter::new();
        w.start("urn:x", "Req").unwrap();
        w.end_start().unwrap();
        w.scalar_opt("urn:x", "A", &Some("ok".to_string()));
        w.scalar_opt("urn:x", "B", &Some("bad \u{1} text".to_string()));
        w.scalar_opt("urn:x", "C", &Some("never written".to_string()));
        assert!(w.finish("urn:x", "Req").is_err());
        let written = String::from_utf8_lossy(w.as_bytes()).into_owned();
        assert!(written.contains("ok") && !written.contains("never written"), "{written}");
        // The error was handed out once; a later element finishes normally.
        w.start("urn:x", "Next").unwrap();
        assert!(w.finish("urn:x", "Next").is_ok());
    }
}
