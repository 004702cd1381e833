//! Wire text to enumeration value, by table. Generated enumerations keep their values in a table sorted by
//! text and look them up here, instead of each compiling a match of its own: `BusinessSubCategoryType` alone,
//! matched byte by byte, was 27,000 lines of LLVM IR, and all 123 together a tenth of the crate's.

use std::cmp::Ordering;

/// Finds `value` in `sorted`, a table of `(wire text, variant number)` sorted by [`wire_order`], and returns the
/// variant number. Matching is exact, as PayPal's enumerations are case-sensitive.
///
/// A binary search: `CountryCodeType` has 242 values, and a lookup compares at most eight of them.
#[must_use]
#[inline]
pub fn variant_of(value: &str, sorted: &[(&str, u16)]) -> Option<u16> {
    let value = value.as_bytes();
    sorted.binary_search_by(|(text, _)| wire_order(text.as_bytes(), value)).ok().map(|i| sorted[i].1)
}

/// The order of the lookup tables: by length, then byte by byte. Wire values are short and many have the
/// same length (all 176 currency codes have three letters), so a byte loop beats a call to `memcmp`, and the
/// length decides most comparisons at once.
#[must_use]
#[inline]
pub fn wire_order(a: &[u8], b: &[u8]) -> Ordering {
    a.len().cmp(&b.len()).then_with(|| {
        for (x, y) in a.iter().zip(b) {
            if x != y {
                return x.cmp(y);
            }
        }
        Ordering::Equal
    })
}

#[cfg(test)]
mod tests {
    use super::{variant_of, wire_order};

    #[test]
    fn finds_every_value_and_nothing_else() {
        let mut table = [("Cert", 1), ("", 3), ("Sign", 2), ("Z", 0)];
        table.sort_by(|a, b| wire_order(a.0.as_bytes(), b.0.as_bytes()));
        assert_eq!(variant_of("Cert", &table), Some(1));
        assert_eq!(variant_of("Sign", &table), Some(2));
        assert_eq!(variant_of("Z", &table), Some(0));
        assert_eq!(variant_of("", &table), Some(3));
        assert_eq!(variant_of("cert", &table), None);
        assert_eq!(variant_of("Cer", &table), None);
        assert_eq!(variant_of("Certs", &table), None);
        assert_eq!(variant_of("x", &[]), None);
    }
}
