//! Client-side validation of values against their schema facets: the [`Validate`] trait that generated types
//! implement, the [`Path`] of the value being checked, [`Violation`]s, and the `check_*` helpers generated code
//! calls, one line per facet.
//!
//! Values are never refused at construction (real responses break the schema); `validate()` walks a whole value
//! and returns every violation with its path, like
//! `details.payment_details[0].invoice_id: 131 characters, at most 127`.
//!
//! Helper convention: checks about a field's presence or count (`check_required`, `check_occurs`) take the
//! enclosing path and the field name; checks about a value (lengths, ranges) take the path of the value itself,
//! which the caller builds with [`Path::field`] / [`Path::index`]. The path text is only built when a
//! violation is found.

use std::fmt;

pub use paypal_soap_policy::rules::{Rule, Severity};

/// A value that can check itself against its schema's facets.
pub trait Validate {
    /// Appends every violation in `self` to `out`; `path` is where `self` is and is left as it was found.
    fn validate_into(&self, path: &mut Path, out: &mut Vec<Violation>);

    /// Checks the whole value: the schema's facets and PayPal's business rules.
    ///
    /// # Errors
    /// Every violation found, each with its path, when at least one is an error. Warnings alone (a rule PayPal
    /// documents ambiguously) do not fail; [`Validate::report`] returns them.
    fn validate(&self) -> Result<(), Violations> {
        let out = self.report();
        if out.iter().any(Violation::is_error) { Err(Violations(out)) } else { Ok(()) }
    }

    /// Every violation in the whole value, warnings included, in the order found.
    fn report(&self) -> Vec<Violation> {
        let mut out = Vec::new();
        self.validate_into(&mut Path::new(), &mut out);
        out
    }
}

impl<T: Validate> Validate for Option<T> {
    fn validate_into(&self, path: &mut Path, out: &mut Vec<Violation>) {
        if let Some(value) = self {
            value.validate_into(path, out);
        }
    }
}

impl<T: Validate> Validate for Vec<T> {
    fn validate_into(&self, path: &mut Path, out: &mut Vec<Violation>) {
        for (i, item) in self.iter().enumerate() {
            path.index(i, |path| item.validate_into(path, out));
        }
    }
}

impl<T: Validate + ?Sized> Validate for Box<T> {
    fn validate_into(&self, path: &mut Path, out: &mut Vec<Violation>) {
        (**self).validate_into(path, out);
    }
}

/// Where a value sits inside the value being validated: field names and list indexes, displayed as
/// `details.payment_details[0].invoice_id`. Validation walks every field of a request and almost never finds
/// anything, so pushing and popping only records segments; the text is built when a violation is recorded.
#[derive(Debug, Clone, Default)]
pub struct Path {
    segments: Vec<Segment>,
}

/// One step of a [`Path`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Segment {
    Field(&'static str),
    Index(usize),
}

impl Path {
    /// The empty path (the value being validated itself).
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Enters field `name`.
    #[inline]
    pub fn push_field(&mut self, name: &'static str) {
        self.segments.push(Segment::Field(name));
    }

    /// Enters item `i` of the current list.
    #[inline]
    pub fn push_index(&mut self, i: usize) {
        self.segments.push(Segment::Index(i));
    }

    /// Leaves the last segment entered (does nothing on the empty path).
    #[inline]
    pub fn pop(&mut self) {
        self.segments.pop();
    }

    /// Runs `f` inside field `name` and leaves it again.
    #[inline]
    pub fn field<R>(&mut self, name: &'static str, f: impl FnOnce(&mut Self) -> R) -> R {
        self.push_field(name);
        let result = f(self);
        self.pop();
        result
    }

    /// Runs `f` inside item `i` and leaves it again.
    #[inline]
    pub fn index<R>(&mut self, i: usize, f: impl FnOnce(&mut Self) -> R) -> R {
        self.push_index(i);
        let result = f(self);
        self.pop();
        result
    }

    /// The path as text (empty for the root).
    #[must_use]
    pub fn as_string(&self) -> String {
        self.to_string()
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, segment) in self.segments.iter().enumerate() {
            match segment {
                Segment::Field(name) if i == 0 => f.write_str(name)?,
                Segment::Field(name) => write!(f, ".{name}")?,
                Segment::Index(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
}

/// One facet or business rule a value breaks, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// The value's path (empty for the validated value itself).
    pub path: String,
    /// What is wrong.
    pub kind: ViolationKind,
    /// Whether PayPal would refuse the request ([`Severity::Error`]) or the rule is only documented
    /// ambiguously ([`Severity::Warning`]). Schema facets are always errors.
    pub severity: Severity,
}

impl Violation {
    /// A schema violation (an error) at `path`.
    #[must_use]
    pub fn new(path: &Path, kind: ViolationKind) -> Self {
        Self { path: path.as_string(), kind, severity: Severity::Error }
    }

    /// A broken business rule at `path`, with the rule's code and severity and `message` saying what was found.
    #[must_use]
    pub fn rule(path: &Path, rule: &'static Rule, message: String) -> Self {
        let kind = ViolationKind::Rule { rule: rule.id, code: rule.code, message };
        Self { path: path.as_string(), kind, severity: rule.severity }
    }

    /// True unless it is a warning.
    #[must_use]
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The PayPal error code the request would get, for a broken business rule that has one.
    #[must_use]
    pub fn code(&self) -> Option<u32> {
        match &self.kind {
            ViolationKind::Rule { code, .. } => *code,
            _ => None,
        }
    }

    /// The business rule's id (`cart-item-total`), for a broken business rule.
    #[must_use]
    pub fn rule_id(&self) -> Option<&'static str> {
        match &self.kind {
            ViolationKind::Rule { rule, .. } => Some(rule),
            _ => None,
        }
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.severity == Severity::Warning {
            f.write_str("warning: ")?;
        }
        if self.path.is_empty() { write!(f, "{}", self.kind) } else { write!(f, "{}: {}", self.path, self.kind) }
    }
}

/// What a [`Violation`] is. Lengths count characters (Unicode scalar values), as XSD does, not bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ViolationKind {
    /// A required element is absent.
    Required,
    /// Fewer items than `minOccurs`.
    TooFew {
        /// The minimum.
        min: u64,
        /// The number present.
        actual: u64,
    },
    /// More items than `maxOccurs`.
    TooMany {
        /// The maximum.
        max: u64,
        /// The number present.
        actual: u64,
    },
    /// Longer than `maxLength`.
    MaxLength {
        /// The maximum, in characters.
        max: u64,
        /// The length, in characters.
        actual: u64,
    },
    /// Shorter than `minLength`.
    MinLength {
        /// The minimum, in characters.
        min: u64,
        /// The length, in characters.
        actual: u64,
    },
    /// Not exactly `length` long.
    Length {
        /// The required length, in characters.
        expected: u64,
        /// The length, in characters.
        actual: u64,
    },
    /// Below `minInclusive`.
    MinInclusive {
        /// The minimum, as text.
        min: String,
        /// The value, as text.
        actual: String,
    },
    /// Above `maxInclusive`.
    MaxInclusive {
        /// The maximum, as text.
        max: String,
        /// The value, as text.
        actual: String,
    },
    /// A value outside the allowed set (for string facets; generated enums cannot hold one).
    NotInEnumeration {
        /// The value.
        value: String,
    },
    /// A value that does not match the `pattern` facet.
    Pattern {
        /// The pattern.
        pattern: String,
    },
    /// An amount PayPal would refuse (format, scale or a rule like "at most 10,000 USD").
    InvalidAmount {
        /// Why.
        reason: String,
    },
    /// A PayPal business rule the schema cannot express (see `paypal_soap_policy::rules`).
    Rule {
        /// The rule's id (`cart-item-total`).
        rule: &'static str,
        /// The PayPal error code the request would get, when PayPal documents one.
        code: Option<u32>,
        /// What was found, in a merchant's words.
        message: String,
    },
}

impl fmt::Display for ViolationKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Required => f.write_str("required"),
            Self::TooFew { min, actual } => write!(f, "{actual} items, at least {min}"),
            Self::TooMany { max, actual } => write!(f, "{actual} items, at most {max}"),
            Self::MaxLength { max, actual } => write!(f, "{actual} characters, at most {max}"),
            Self::MinLength { min, actual } => write!(f, "{actual} characters, at least {min}"),
            Self::Length { expected, actual } => write!(f, "{actual} characters, exactly {expected}"),
            Self::MinInclusive { min, actual } => write!(f, "{actual}, at least {min}"),
            Self::MaxInclusive { max, actual } => write!(f, "{actual}, at most {max}"),
            Self::NotInEnumeration { value } => write!(f, "{value:?} is not an allowed value"),
            Self::Pattern { pattern } => write!(f, "does not match the pattern {pattern}"),
            Self::InvalidAmount { reason } => write!(f, "invalid amount: {reason}"),
            Self::Rule { rule, code: Some(code), message } => write!(f, "{message} (rule {rule}, PayPal error {code})"),
            Self::Rule { rule, code: None, message } => write!(f, "{message} (rule {rule})"),
        }
    }
}

/// Every violation a [`Validate::validate`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violations(pub Vec<Violation>);

impl fmt::Display for Violations {
    /// One line: `2 violations: a.b: required; c: 131 characters, at most 127`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.0.len();
        write!(f, "{n} violation{}", if n == 1 { "" } else { "s" })?;
        for (i, v) in self.0.iter().enumerate() {
            f.write_str(if i == 0 { ": " } else { "; " })?;
            write!(f, "{v}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Violations {}

impl Violations {
    /// Every violation, errors and warnings, in the order found.
    pub fn iter(&self) -> std::slice::Iter<'_, Violation> {
        self.0.iter()
    }

    /// True when some violation carries PayPal error `code` (a broken business rule).
    #[must_use]
    pub fn has_code(&self, code: u32) -> bool {
        self.0.iter().any(|v| v.code() == Some(code))
    }

    /// The violations of business rule `id`.
    pub fn of_rule<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Violation> + 'a {
        self.0.iter().filter(move |v| v.rule_id() == Some(id))
    }
}

impl<'a> IntoIterator for &'a Violations {
    type Item = &'a Violation;
    type IntoIter = std::slice::Iter<'a, Violation>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

fn as_u64(n: usize) -> u64 {
    u64::try_from(n).unwrap_or(u64::MAX)
}

/// Reports field `field` of the value at `path` when it is absent.
#[inline]
pub fn check_required<T>(value: &Option<T>, path: &mut Path, field: &'static str, out: &mut Vec<Violation>) {
    if value.is_none() {
        record(path, field, ViolationKind::Required, out);
    }
}

/// Reports list field `field` of the value at `path` when it has fewer than `min` or more than `max` items
/// (`None` for `maxOccurs="unbounded"`).
#[inline]
pub fn check_occurs(
    len: usize,
    min: u64,
    max: Option<u64>,
    path: &mut Path,
    field: &'static str,
    out: &mut Vec<Violation>,
) {
    let actual = as_u64(len);
    if actual < min {
        path.field(field, |path| out.push(Violation::new(path, ViolationKind::TooFew { min, actual })));
    } else if let Some(max) = max.filter(|&max| actual > max) {
        path.field(field, |path| out.push(Violation::new(path, ViolationKind::TooMany { max, actual })));
    }
}

/// Reports `s` (at `path`) when it has more than `max` characters.
pub fn check_max_len(s: &str, max: u64, path: &Path, out: &mut Vec<Violation>) {
    // A string of at most `max` bytes has at most `max` characters, so most values skip the count.
    if as_u64(s.len()) > max {
        let actual = as_u64(s.chars().count());
        if actual > max {
            out.push(Violation::new(path, ViolationKind::MaxLength { max, actual }));
        }
    }
}

/// Reports `s` (at `path`) when it has fewer than `min` characters.
pub fn check_min_len(s: &str, min: u64, path: &Path, out: &mut Vec<Violation>) {
    let actual = as_u64(s.chars().count());
    if actual < min {
        out.push(Violation::new(path, ViolationKind::MinLength { min, actual }));
    }
}

/// Reports `s` (at `path`) when it does not have exactly `expected` characters.
pub fn check_len(s: &str, expected: u64, path: &Path, out: &mut Vec<Violation>) {
    let actual = as_u64(s.chars().count());
    if actual != expected {
        out.push(Violation::new(path, ViolationKind::Length { expected, actual }));
    }
}

/// Reports `value` (at `path`) when it is below `min`. Works for integers and [`crate::Decimal`].
pub fn check_min_inclusive<T: PartialOrd + fmt::Display>(value: &T, min: &T, path: &Path, out: &mut Vec<Violation>) {
    if value < min {
        out.push(Violation::new(path, ViolationKind::MinInclusive { min: min.to_string(), actual: value.to_string() }));
    }
}

/// Reports `value` (at `path`) when it is above `max`. Works for integers and [`crate::Decimal`].
pub fn check_max_inclusive<T: PartialOrd + fmt::Display>(value: &T, max: &T, path: &Path, out: &mut Vec<Violation>) {
    if value > max {
        out.push(Violation::new(path, ViolationKind::MaxInclusive { max: max.to_string(), actual: value.to_string() }));
    }
}

/// The character limit of one field, as data: what `validate()` checks, for callers who size form fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldLimit {
    /// The Rust field name.
    pub field: &'static str,
    /// The element or attribute name on the wire.
    pub wire: &'static str,
    /// The most characters allowed.
    pub max_chars: u64,
    /// The fewest characters required (0 unless a `length` or `minLength` facet says otherwise).
    pub min_chars: u64,
    /// `"facet"` when PayPal's schema enforces it, `"doc"` when its documentation states it.
    pub source: &'static str,
}

/// An amount's text read once, for both the schema's decimals check and the business rules' sums.
pub mod amount;
/// The fast checks generated code calls: each returns the violation, if any, without touching the path, so a
/// valid value costs a comparison and the path is entered only to record a violation.
pub mod checks;
mod walk;

/// Records a broken business rule at field `field` of the value at `path` (`None`: the value itself).
#[cold]
pub fn record_rule(
    path: &mut Path,
    field: Option<&'static str>,
    rule: &'static Rule,
    message: String,
    out: &mut Vec<Violation>,
) {
    match field {
        Some(field) => path.field(field, |path| out.push(Violation::rule(path, rule, message))),
        None => out.push(Violation::rule(path, rule, message)),
    }
}

/// Records `kind` at field `field` of the value at `path`.
#[cold]
pub fn record(path: &mut Path, field: &'static str, kind: ViolationKind, out: &mut Vec<Violation>) {
    path.field(field, |path| out.push(Violation::new(path, kind)));
}

/// Records `kind` at item `index` of list field `field` of the value at `path`.
#[cold]
pub fn record_item(path: &mut Path, field: &'static str, index: usize, kind: ViolationKind, out: &mut Vec<Violation>) {
    path.field(field, |path| path.index(index, |path| out.push(Violation::new(path, kind))));
}

/// A type's character limits as data. Every generated complex type implements it (with an empty table when
/// none of its text fields is limited): `AddressType::LIMITS` with this trait in scope.
pub trait Limited {
    /// The limits of the type's own text fields, in field order.
    const LIMITS: &'static [FieldLimit];

    /// The limit of one field, by its Rust name.
    fn limit(field: &str) -> Option<&'static FieldLimit> {
        Self::LIMITS.iter().find(|l| l.field == field)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Decimal;

    struct Item {
        invoice_id: Option<String>,
        quantity: i64,
    }

    struct Details {
        order_total: Option<Decimal>,
        payment_details: Vec<Item>,
    }

    impl Validate for Item {
        fn validate_into(&self, path: &mut Path, out: &mut Vec<Violation>) {
            if let Some(v) = &self.invoice_id {
                path.field("invoice_id", |p| check_max_len(v, 127, p, out));
            }
            path.field("quantity", |p| check_min_inclusive(&self.quantity, &0, p, out));
        }
    }

    impl Validate for Details {
        fn validate_into(&self, path: &mut Path, out: &mut Vec<Violation>) {
            check_required(&self.order_total, path, "order_total", out);
            check_occurs(self.payment_details.len(), 1, Some(2), path, "payment_details", out);
            path.field("payment_details", |p| self.payment_details.validate_into(p, out));
        }
    }

    #[test]
    fn path_push_pop_and_display() {
        let mut path = Path::new();
        path.push_field("details");
        path.push_field("payment_details");
        path.push_index(0);
        path.push_field("invoice_id");
        assert_eq!(path.to_string(), "details.payment_details[0].invoice_id");
        path.pop();
        path.pop();
        path.push_index(12);
        assert_eq!(path.as_string(), "details.payment_details[12]");
        for _ in 0..5 {
            path.pop();
        }
        assert_eq!(path.as_string(), "");
    }

    #[test]
    fn validate_reports_every_violation_with_its_path() {
        let ok = Item { invoice_id: Some("x".repeat(127)), quantity: 1 };
        let long = Item { invoice_id: Some("é".repeat(131)), quantity: -1 };
        let details =
            Details { order_total: None, payment_details: vec![ok, long, Item { invoice_id: None, quantity: 0 }] };
        let err = details.validate().unwrap_err();
        let lines: Vec<String> = err.0.iter().map(ToString::to_string).collect();
        assert_eq!(
            lines,
            [
                "order_total: required",
                "payment_details: 3 items, at most 2",
                "payment_details[1].invoice_id: 131 characters, at most 127",
                "payment_details[1].quantity: -1, at least 0",
            ]
        );
        assert!(err.to_string().starts_with("4 violations: order_total: required; payment_details: 3 items"));
        let fine = Details {
            order_total: Some(Decimal::from(5)),
            payment_details: vec![Item { invoice_id: None, quantity: 2 }],
        };
        assert_eq!(fine.validate(), Ok(()));
    }

    #[test]
    fn lengths_count_characters_not_bytes() {
        let mut out = Vec::new();
        let path = Path::new();
        check_max_len("ééééé", 5, &path, &mut out);
        check_min_len("ééé", 3, &path, &mut out);
        check_len(&"é".repeat(36), 36, &path, &mut out);
        assert!(out.is_empty(), "{out:?}");
        check_max_len("abcdef", 5, &path, &mut out);
        check_min_len("ab", 3, &path, &mut out);
        check_len("ab", 36, &path, &mut out);
        let kinds: Vec<String> = out.iter().map(ToString::to_string).collect();
        assert_eq!(kinds, ["6 characters, at most 5", "2 characters, at least 3", "2 characters, exactly 36"]);
    }

    #[test]
    fn ranges_and_occurs() {
        let mut out = Vec::new();
        let mut path = Path::new();
        check_max_inclusive(&Decimal::from(4), &Decimal::from(3), &path, &mut out);
        check_max_inclusive(&"3.00".parse::<Decimal>().unwrap(), &Decimal::from(3), &path, &mut out);
        check_occurs(0, 1, None, &mut path, "errors", &mut out);
        check_occurs(1000, 0, None, &mut path, "items", &mut out);
        let kinds: Vec<String> = out.iter().map(ToString::to_string).collect();
        assert_eq!(kinds, ["4, at most 3", "errors: 0 items, at least 1"]);
    }

    #[test]
    fn option_and_vec_impls() {
        let none: Option<Item> = None;
        assert_eq!(none.validate(), Ok(()));
        let items = vec![Item { invoice_id: None, quantity: -3 }];
        let err = Some(items).validate().unwrap_err();
        assert_eq!(err.0[0].path, "[0].quantity");
        let boxed: Box<Item> = Box::new(Item { invoice_id: None, quantity: -1 });
        assert!(boxed.validate().is_err());
    }
}
