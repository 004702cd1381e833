//! Wire text to enumeration value, by table. Generated enumerations keep their values in a table sorted by
//! text and look them up here, instead of each compiling a match of its own: `BusinessSubCategoryType` alone,
//! matched byte by byte, was 27,000 lines of LLVM IR, and all 123 together a tenth of the crate's.

/// Finds `value` in `sorted`, a table of `(wire text, variant number)` sorted by text, and returns the variant
/// number. Matching is exact, as PayPal's enumerations are case-sensitive.
///
/// A binary search: `CountryCodeType` has 242 values, and a lookup compares at most eight of them.
#[must_use]
#[inline]
pub fn variant_of(value: &str, sorted: &[(&str, u16)]) -> Option<u16> {
    sorted.binary_search_by(|(text, _)| text.as_bytes().cmp(value.as_bytes())).ok().map(|i| sorted[i].1)
}

#[cfg(test)]
mod tests {
    use super::variant_of;

    #[test]
    fn finds_every_value_and_nothing_else() {
        let table = [("", 3), ("Cert", 1), ("Sign", 2), ("Z", 0)];
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
