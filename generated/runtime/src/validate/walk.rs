//! How generated validators walk into nested values: one call per field instead of a closure per field.
//! A closure is a function body of its own for the compiler to check, and the generated validators had 518 of
//! them; these two generic methods are checked once.

use super::{Path, Validate, Violation};

impl Path {
    /// Validates an optional nested value inside field `name`; nothing when it is absent.
    #[inline]
    pub fn validate_opt<T: Validate + ?Sized>(
        &mut self,
        name: &'static str,
        value: Option<&T>,
        out: &mut Vec<Violation>,
    ) {
        if let Some(value) = value {
            self.push_field(name);
            value.validate_into(self, out);
            self.pop();
        }
    }

    /// Validates each item of a nested list inside field `name`, at its index.
    #[inline]
    pub fn validate_list<T: Validate>(&mut self, name: &'static str, list: &[T], out: &mut Vec<Violation>) {
        if list.is_empty() {
            return;
        }
        self.push_field(name);
        for (i, item) in list.iter().enumerate() {
            self.push_index(i);
            item.validate_into(self, out);
            self.pop();
        }
        self.pop();
    }
}
