//! The steps a generated reader takes for one field, as shared generic methods. A generated `read_element`
//! is then a table of element names and one call per field, instead of the same dozen lines repeated for each
//! of the 380 types' 2,400 fields: the crate's build time is dominated by the size of those bodies, and a
//! generic method is checked once and instantiated once per value type, not once per field.
//!
//! Each method reads one occurrence of a child element into its field with the rules every reader follows:
//! a single-valued field keeps its first value and records a repeat as a duplicate; a list appends; a nil
//! element leaves the field empty, with anything it carried recorded.

use super::XmlReader;
use super::lexical::same_bytes;
use super::tag::StartTag;
use crate::xml::any::AnyElement;
use crate::xml::error::DecodeError;
use crate::xml::{Ws, XmlRead, XmlScalar};

impl<'a> XmlReader<'a> {
    /// Records every attribute of `start` as unknown, for a type that defines none. (`xsi:type` and `xsi:nil`
    /// are not among them: they are XML machinery.)
    #[inline]
    pub fn attributes_unknown(&mut self, start: &StartTag<'_>) {
        if !start.attrs.is_empty() {
            self.unknown_attributes(start);
        }
    }

    /// Calls `each` with every child element of the element just opened, until its end tag.
    ///
    /// The child is lent where the reader returned it: a start tag is 128 bytes, and moving it out of the
    /// `Result` for every element would copy it.
    ///
    /// # Errors
    /// What [`Self::next_child`] or `each` reports; reading stops at the first error.
    ///
    /// `each` is a trait object: this loop is then compiled once, not once per type (the indirect call costs
    /// nothing next to reading an element).
    pub fn read_children(
        &mut self,
        each: &mut dyn FnMut(&mut Self, &StartTag<'a>) -> Result<(), DecodeError>,
    ) -> Result<(), DecodeError> {
        loop {
            let next = self.next_child();
            match next {
                Ok(Some(ref child)) => each(self, child)?,
                Ok(None) => return Ok(()),
                Err(e) => return Err(e),
            }
        }
    }

    /// [`Self::read_children`] for mixed content: text between the children is appended to `text`, as
    /// [`Self::next_child_mixed`] does.
    ///
    /// # Errors
    /// As [`Self::read_children`].
    pub fn read_children_mixed(
        &mut self,
        text: &mut String,
        each: &mut dyn FnMut(&mut Self, &StartTag<'a>) -> Result<(), DecodeError>,
    ) -> Result<(), DecodeError> {
        loop {
            let next = self.next_child_mixed(text);
            match next {
                Ok(Some(ref child)) => each(self, child)?,
                Ok(None) => return Ok(()),
                Err(e) => return Err(e),
            }
        }
    }

    /// Reads the scalar element `child` into a single-valued field, or skips it as a duplicate when
    /// `seen[slot]` says the field was already read (the first value is kept).
    ///
    /// # Errors
    /// As [`Self::read_scalar`].
    #[inline]
    pub fn scalar_once<T: XmlScalar>(
        &mut self,
        seen: &mut [bool],
        slot: usize,
        field: &mut Option<T>,
        child: &StartTag<'_>,
        ws: Ws,
    ) -> Result<(), DecodeError> {
        if Self::seen_before(seen, slot) {
            return self.skip_duplicate(child);
        }
        *field = self.read_scalar(child, ws)?;
        Ok(())
    }

    /// Reads the scalar element `child` and appends its value to a list field; a nil or empty item is left
    /// out (and recorded if it carried anything).
    ///
    /// # Errors
    /// As [`Self::read_scalar`].
    #[inline]
    pub fn scalar_item<T: XmlScalar>(
        &mut self,
        list: &mut Vec<T>,
        child: &StartTag<'_>,
        ws: Ws,
    ) -> Result<(), DecodeError> {
        if let Some(v) = self.read_scalar(child, ws)? {
            self.push_item(list, v, child);
        }
        Ok(())
    }

    /// Reads the complex element `child` into a single-valued field, or skips it as a duplicate when
    /// `seen[slot]` says the field was already read. A nil element leaves the field empty, as [`Self::read_nillable`] says.
    ///
    /// # Errors
    /// As `T`'s reader.
    #[inline]
    pub fn complex_once<T: XmlRead>(
        &mut self,
        seen: &mut [bool],
        slot: usize,
        field: &mut Option<T>,
        child: &StartTag<'a>,
    ) -> Result<(), DecodeError> {
        if self.claim_once(seen, slot, child)? {
            *field = Some(T::read_element(self, child)?);
        }
        Ok(())
    }

    /// [`Self::complex_once`] for a field boxed because its type contains itself.
    ///
    /// # Errors
    /// As `T`'s reader.
    pub fn boxed_once<T: XmlRead>(
        &mut self,
        seen: &mut [bool],
        slot: usize,
        field: &mut Option<Box<T>>,
        child: &StartTag<'a>,
    ) -> Result<(), DecodeError> {
        if self.claim_once(seen, slot, child)? {
            *field = Some(Box::new(T::read_element(self, child)?));
        }
        Ok(())
    }

    /// Reads the complex element `child` and appends it to a list field; a nil item is left out.
    ///
    /// # Errors
    /// As `T`'s reader.
    #[inline]
    pub fn complex_item<T: XmlRead>(&mut self, list: &mut Vec<T>, child: &StartTag<'a>) -> Result<(), DecodeError> {
        if child.is_nil() {
            return self.skip_nil(child);
        }
        let v = T::read_element(self, child)?;
        self.push_item(list, v, child);
        Ok(())
    }

    /// Whether field `slot` was read before, marking it read. The generated reader keeps one flag per
    /// single-valued field; indexing it here keeps the bounds check out of the generated code.
    #[inline]
    fn seen_before(seen: &mut [bool], slot: usize) -> bool {
        seen.get_mut(slot).is_none_or(|flag| std::mem::replace(flag, true))
    }

    /// Whether a single-valued complex field should read `child`: not when it was read already (`child` is
    /// skipped as a duplicate) nor when `child` is nil (skipped, with what it carried recorded). The part of
    /// [`Self::complex_once`] that does not depend on the type, so it is compiled once.
    fn claim_once(&mut self, seen: &mut [bool], slot: usize, child: &StartTag<'_>) -> Result<bool, DecodeError> {
        if Self::seen_before(seen, slot) {
            self.skip_duplicate(child)?;
            return Ok(false);
        }
        if child.is_nil() {
            self.skip_nil(child)?;
            return Ok(false);
        }
        Ok(true)
    }

    /// Captures `child` whole into an `xs:anyType` field that holds one value, or skips it as a duplicate.
    ///
    /// # Errors
    /// As [`Self::read_any`].
    pub fn any_once(
        &mut self,
        seen: &mut [bool],
        slot: usize,
        field: &mut Option<AnyElement>,
        child: &StartTag<'_>,
    ) -> Result<(), DecodeError> {
        if Self::seen_before(seen, slot) {
            return self.skip_duplicate(child);
        }
        *field = Some(self.read_any(child)?);
        Ok(())
    }

    /// Captures `child` whole and appends it to a list of `xs:any` or `xs:anyType` values; even a nil element
    /// is kept as received.
    ///
    /// # Errors
    /// As [`Self::read_any`].
    pub fn any_item(&mut self, list: &mut Vec<AnyElement>, child: &StartTag<'_>) -> Result<(), DecodeError> {
        let v = self.read_any(child)?;
        self.push_item(list, v, child);
        Ok(())
    }
}

impl StartTag<'_> {
    /// The position of this element's name in `names`, a reader's table of `(namespace, local name)`; the
    /// table's length when it is not there.
    ///
    /// The search starts at `*next`, the entry after the one found last, and wraps around: PayPal sends
    /// elements in schema order nearly always, so the first comparison usually matches, whatever the table's
    /// size. The local name is compared first, as it tells the candidates apart; the long namespace URI, which
    /// most names share, is compared only for the one that matches.
    #[must_use]
    #[inline]
    pub fn find_in(&self, names: &[(&str, &str)], next: &mut usize) -> usize {
        let local = self.local.as_bytes();
        let ns = self.ns.as_bytes();
        let start = (*next).min(names.len());
        for i in (start..names.len()).chain(0..start) {
            let (name_ns, name) = names[i];
            if same_bytes(name.as_bytes(), local) && same_bytes(name_ns.as_bytes(), ns) {
                *next = i + 1;
                return i;
            }
        }
        names.len()
    }
}
