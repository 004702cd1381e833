//! Facet changes of a simple type, each judged as tightened (breaking: values that used to be valid may
//! now fail `validate()`) or loosened (compatible).

use super::compare::Sink;
use super::{Aspect, Impact, Part};
use crate::model::Facets;

/// Which way a bound limits values.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Bound {
    /// A minimum: raising it tightens.
    Lower,
    /// A maximum: lowering it tightens.
    Upper,
    /// An exact value (`length`, `whiteSpace`): any change other than removal tightens.
    Exact,
}

/// Compares every facet of `old` with `new`.
pub(super) fn compare(sink: &mut Sink<'_>, old: &Facets, new: &Facets) {
    let n = |v: Option<u64>| v.map(|v| v.to_string());
    let d = |v: Option<u32>| v.map(|v| v.to_string());
    let pairs: [(&'static str, Option<String>, Option<String>, Bound); 10] = [
        ("length", n(old.length), n(new.length), Bound::Exact),
        ("minLength", n(old.min_length), n(new.min_length), Bound::Lower),
        ("maxLength", n(old.max_length), n(new.max_length), Bound::Upper),
        ("minInclusive", old.min_inclusive.clone(), new.min_inclusive.clone(), Bound::Lower),
        ("maxInclusive", old.max_inclusive.clone(), new.max_inclusive.clone(), Bound::Upper),
        ("minExclusive", old.min_exclusive.clone(), new.min_exclusive.clone(), Bound::Lower),
        ("maxExclusive", old.max_exclusive.clone(), new.max_exclusive.clone(), Bound::Upper),
        ("totalDigits", d(old.total_digits), d(new.total_digits), Bound::Upper),
        ("fractionDigits", d(old.fraction_digits), d(new.fraction_digits), Bound::Upper),
        ("whiteSpace", old.white_space.clone(), new.white_space.clone(), Bound::Exact),
    ];
    for (name, o, nw, bound) in pairs {
        if o != nw {
            let impact = Impact::tightened(tightens(o.as_deref(), nw.as_deref(), bound));
            sink.changed(Part::Whole, Aspect::Facet(name), o.unwrap_or_default(), nw.unwrap_or_default(), impact);
        }
    }
    let mut op = old.patterns.clone();
    let mut np = new.patterns.clone();
    op.sort();
    np.sort();
    if op != np {
        // Patterns of one type are ORed: dropping all of them loosens, anything else may reject old values.
        let impact = Impact::tightened(!np.is_empty());
        sink.changed(Part::Whole, Aspect::Facet("pattern"), op.join(" | "), np.join(" | "), impact);
    }
}

/// True when going from `old` to `new` may reject a value that `old` accepted.
fn tightens(old: Option<&str>, new: Option<&str>, bound: Bound) -> bool {
    match (old, new) {
        (_, None) => false,
        (None, Some(_)) => true,
        (Some(o), Some(n)) => match (bound, o.trim().parse::<f64>(), n.trim().parse::<f64>()) {
            (Bound::Lower, Ok(o), Ok(n)) => n > o,
            (Bound::Upper, Ok(o), Ok(n)) => n < o,
            // An exact value changed, or bounds that are not numbers (dates): assume the worst.
            _ => true,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_tighten_inward_and_loosen_outward() {
        assert!(tightens(Some("10"), Some("5"), Bound::Upper));
        assert!(!tightens(Some("10"), Some("20"), Bound::Upper));
        assert!(tightens(Some("1"), Some("2.5"), Bound::Lower));
        assert!(!tightens(Some("1"), Some("-1"), Bound::Lower));
        assert!(tightens(None, Some("3"), Bound::Upper));
        assert!(!tightens(Some("3"), None, Bound::Lower));
        assert!(tightens(Some("3"), Some("4"), Bound::Exact));
        assert!(tightens(Some("2020-01-01"), Some("2030-01-01"), Bound::Upper));
    }
}
