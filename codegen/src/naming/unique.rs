//! Deterministic collision resolution, shared by every scope that needs unique names (all types, the modules,
//! the fields of one struct, the variants of one enum).

use std::collections::BTreeSet;

use super::ident::numbered;

/// The names already used in one scope, including reserved ones nobody may take.
#[derive(Debug, Clone, Default)]
pub(crate) struct Scope {
    taken: BTreeSet<String>,
}

impl Scope {
    /// A scope in which `reserved` are already taken.
    pub(crate) fn with_reserved<'a>(reserved: impl IntoIterator<Item = &'a str>) -> Scope {
        Scope { taken: reserved.into_iter().map(str::to_string).collect() }
    }

    /// Resolves `bases`, given in priority order, in two passes.
    ///
    /// First every base that is still free is kept, earlier entries winning over later ones. Only then do the
    /// losers take the first free name of `fallbacks(base)` (then `fallbacks(base)` numbered 2, 3, …), again in
    /// priority order. The two passes mean a name is only ever suffixed because of a real clash: a type called
    /// `StringType` keeps its name even though `String` (reserved) wants `StringType` as its fallback.
    pub(crate) fn resolve(&mut self, bases: &[String], fallback: impl Fn(&str) -> String) -> Vec<String> {
        let mut out: Vec<Option<String>> = vec![None; bases.len()];
        for (slot, base) in out.iter_mut().zip(bases) {
            if self.taken.insert(base.clone()) {
                *slot = Some(base.clone());
            }
        }
        for (slot, base) in out.iter_mut().zip(bases) {
            if slot.is_none() {
                *slot = Some(self.claim_fallback(&fallback(base)));
            }
        }
        out.into_iter().flatten().collect()
    }

    /// Takes one name: `base` if free, else `fallback(base)`, else that numbered 2, 3, ….
    pub(crate) fn claim(&mut self, base: &str, fallback: impl Fn(&str) -> String) -> String {
        if self.taken.insert(base.to_string()) {
            return base.to_string();
        }
        self.claim_fallback(&fallback(base))
    }

    fn claim_fallback(&mut self, stem: &str) -> String {
        if self.taken.insert(stem.to_string()) {
            return stem.to_string();
        }
        // The scope is finite, so some number is always free.
        let mut n = 2;
        loop {
            let candidate = numbered(stem, n);
            if self.taken.insert(candidate.clone()) {
                return candidate;
            }
            n += 1;
        }
    }
}

/// The fallback of a plain number suffix: the stem is the base itself, so the sequence is `base2`, `base3`, ….
pub(crate) fn same(base: &str) -> String {
    base.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn earlier_wins_and_later_ones_are_numbered() {
        let mut scope = Scope::default();
        assert_eq!(scope.resolve(&strings(&["a", "b", "a", "a"]), same), ["a", "b", "a2", "a3"]);
    }

    #[test]
    fn a_suffixed_name_never_steals_a_plain_one() {
        // `any` (a wildcard) would fall back to `any2`, but a later member is literally called `any2`.
        let mut scope = Scope::default();
        assert_eq!(scope.resolve(&strings(&["any", "any", "any2"]), same), ["any", "any3", "any2"]);
    }

    #[test]
    fn reserved_names_are_never_handed_out() {
        let mut scope = Scope::with_reserved(["String"]);
        let names = scope.resolve(&strings(&["String", "StringType", "String"]), |b| format!("{b}Type"));
        assert_eq!(names, ["StringType2", "StringType", "StringType3"]);
    }

    #[test]
    fn claim_uses_the_same_order() {
        let mut scope = Scope::with_reserved(["value", "value2"]);
        assert_eq!(scope.claim("value", same), "value3");
        assert_eq!(scope.claim("text", same), "text");
        assert_eq!(scope.claim("text", same), "text2");
    }
}
