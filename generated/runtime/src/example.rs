//! Populated example values of every generated type, for round-trip tests (behind the `examples` feature).
//!
//! A generated `Example` impl sets every optional field, puts two items in every list that may hold more
//! than one, and picks values that satisfy the field's facets (exact lengths, ranges, the first value of an
//! enumeration), so an example serializes to XML that PayPal's own schema accepts. Recursive types stop after
//! a few levels.

use std::fmt::Debug;

use crate::arbitrary::Generate;
use crate::validate::{Limited, Validate};
use crate::xml::{XmlRead, XmlWrite};
use crate::{Date, DateTime, Decimal, Time};

/// How deep recursive types are expanded before optional recursive fields are left empty.
pub const MAX_DEPTH: u32 = 3;

/// A type with a fully populated example value.
pub trait Example: Sized {
    /// The example at nesting depth `depth` (recursive fields stop at [`MAX_DEPTH`]).
    fn example_at(depth: u32) -> Self;

    /// The example at the top level.
    fn example() -> Self {
        Self::example_at(0)
    }
}

/// A scalar with a plain example value.
pub trait ExampleScalar: Sized {
    /// A value valid for the XSD type the scalar represents.
    fn example_scalar() -> Self;
}

impl ExampleScalar for String {
    fn example_scalar() -> Self {
        "x".to_string()
    }
}

impl ExampleScalar for bool {
    fn example_scalar() -> Self {
        true
    }
}

macro_rules! example_number {
    ($($t:ty = $v:expr),* $(,)?) => {
        $(impl ExampleScalar for $t {
            fn example_scalar() -> Self {
                $v
            }
        })*
    };
}

example_number!(i8 = 1, i16 = 1, i32 = 1, i64 = 1, u32 = 1, u64 = 1, f32 = 1.5, f64 = 1.5);

impl ExampleScalar for Decimal {
    fn example_scalar() -> Self {
        Decimal::from_minor_units(100, 2)
    }
}

impl ExampleScalar for DateTime {
    fn example_scalar() -> Self {
        "2024-01-02T03:04:05Z".parse().unwrap_or_else(|_| unreachable!("a valid xs:dateTime literal"))
    }
}

impl ExampleScalar for Date {
    fn example_scalar() -> Self {
        "2024-01-02".parse().unwrap_or_else(|_| unreachable!("a valid xs:date literal"))
    }
}

impl ExampleScalar for Time {
    fn example_scalar() -> Self {
        "03:04:05".parse().unwrap_or_else(|_| unreachable!("a valid xs:time literal"))
    }
}

/// Sets a text field by its Rust name, for tests that probe each field's limit (generated for every complex
/// type; only fields with a character limit are settable).
pub trait SetText {
    /// Sets field `field` to `value` (as the only item of a list field) and returns true, or returns false when
    /// the type has no limited text field of that name.
    fn set_text(&mut self, field: &str, value: String) -> bool;
}

/// Something that runs once per generated type or global element (see the generated `for_each_type` and
/// `for_each_element`).
pub trait Visitor {
    /// Called with the type and, for elements, the element's namespace and name (for types: the namespace
    /// and the type's wire name).
    fn visit<T>(&mut self, ns: &'static str, name: &'static str)
    where
        T: Example + Generate + SetText + Limited + XmlRead + XmlWrite + Validate + PartialEq + Debug;
}
