//! What a regeneration changes in the generated API, for the one-line summary `cargo xtask regen` prints.
//!
//! The schema files a committed crate was generated from are PayPal's and are never kept, so there is no old
//! model to diff against (`cargo xtask diff OLD NEW` does that when both schema sets are at hand). The
//! committed sources are the old API, though: this module parses the public items of the old and the new
//! generated files with syn and compares them by name: types, their fields and their enum variants.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use quote::ToTokens;

use crate::write::Files;

/// Public items of a generated tree: `module::Type` → its members (`field: Type` or `Variant`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ApiItems {
    items: BTreeMap<String, BTreeSet<String>>,
}

impl ApiItems {
    /// Collects the structs, enums and aliases of every file of `files` (unparsable files are ignored: they
    /// are not ours or not Rust).
    pub fn collect(files: &BTreeMap<String, String>) -> ApiItems {
        let mut items = BTreeMap::new();
        for (path, text) in files {
            let Ok(file) = syn::parse_file(text) else { continue };
            let module = path.rsplit_once('/').map_or("", |(dir, _)| dir).replace('/', "::");
            for item in file.items {
                let (name, members): (String, BTreeSet<String>) = match item {
                    syn::Item::Struct(s) => (
                        s.ident.to_string(),
                        s.fields
                            .iter()
                            .map(|f| {
                                let name = f.ident.as_ref().map(ToString::to_string).unwrap_or_default();
                                format!("{name}: {}", f.ty.to_token_stream())
                            })
                            .collect(),
                    ),
                    syn::Item::Enum(e) => {
                        (e.ident.to_string(), e.variants.iter().map(|v| v.ident.to_string()).collect())
                    }
                    syn::Item::Type(t) => (t.ident.to_string(), BTreeSet::from([t.ty.to_token_stream().to_string()])),
                    _ => continue,
                };
                items.insert(format!("{module}::{name}"), members);
            }
        }
        ApiItems { items }
    }
}

/// Counts of what changed between two generated trees.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ApiChanges {
    /// Types that are new.
    pub types_added: usize,
    /// Types that are gone (breaking).
    pub types_removed: usize,
    /// Fields and variants that are new (an added variant is compatible: enums are `#[non_exhaustive]`).
    pub members_added: usize,
    /// Fields and variants that are gone or changed type (breaking).
    pub members_removed: usize,
}

impl ApiChanges {
    /// Compares the old tree with the new one.
    pub fn between(old: &ApiItems, new: &ApiItems) -> ApiChanges {
        let mut c = ApiChanges::default();
        for (name, members) in &new.items {
            match old.items.get(name) {
                None => c.types_added += 1,
                Some(before) => {
                    c.members_added += members.difference(before).count();
                    c.members_removed += before.difference(members).count();
                }
            }
        }
        c.types_removed = old.items.keys().filter(|k| !new.items.contains_key(*k)).count();
        c
    }

    /// Compares the files on disk (the old API) with freshly generated ones.
    ///
    /// Items are keyed by their module's directory, so a directory whose files are all unchanged contributes the
    /// same items to both sides and cannot change the result: only directories with a changed, added or removed
    /// file are parsed (after a regeneration that changed nothing, none are).
    pub fn of_regeneration(old_files: &BTreeMap<String, String>, new: &Files) -> ApiChanges {
        let dir = |path: &str| path.rsplit_once('/').map_or("", |(dir, _)| dir).to_string();
        let changed: BTreeSet<String> = old_files
            .keys()
            .chain(new.files.keys())
            .filter(|path| old_files.get(*path) != new.files.get(*path))
            .map(|path| dir(path))
            .collect();
        let of = |files: &BTreeMap<String, String>| -> BTreeMap<String, String> {
            files.iter().filter(|(path, _)| changed.contains(&dir(path))).map(|(p, t)| (p.clone(), t.clone())).collect()
        };
        ApiChanges::between(&ApiItems::collect(&of(old_files)), &ApiItems::collect(&of(&new.files)))
    }

    /// True when nothing changed.
    pub fn is_empty(&self) -> bool {
        *self == ApiChanges::default()
    }

    /// True when something was removed or changed type.
    pub fn is_breaking(&self) -> bool {
        self.types_removed > 0 || self.members_removed > 0
    }
}

impl fmt::Display for ApiChanges {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_empty() {
            return f.write_str("generated API unchanged");
        }
        write!(
            f,
            "generated API {}: types +{} -{}, fields and variants +{} -{}",
            if self.is_breaking() { "changed (breaking)" } else { "extended (compatible)" },
            self.types_added,
            self.types_removed,
            self.members_added,
            self.members_removed
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(files: &[(&str, &str)]) -> BTreeMap<String, String> {
        files.iter().map(|(p, t)| ((*p).to_string(), (*t).to_string())).collect()
    }

    #[test]
    fn counts_added_removed_and_changed_members() {
        let old = tree(&[("ebl/types.rs", "pub struct A { pub x: u32, pub y: String } pub struct Gone;")]);
        let new = tree(&[
            ("ebl/types.rs", "pub struct A { pub x: u64, pub z: String } pub struct B;"),
            ("ebl/enums.rs", "pub enum E { One, Two }"),
        ]);
        let c = ApiChanges::between(&ApiItems::collect(&old), &ApiItems::collect(&new));
        assert_eq!(c, ApiChanges { types_added: 2, types_removed: 1, members_added: 2, members_removed: 2 });
        assert!(c.is_breaking());
        assert_eq!(c.to_string(), "generated API changed (breaking): types +2 -1, fields and variants +2 -2");
    }

    #[test]
    fn identical_trees_are_unchanged() {
        let t = tree(&[("api/types.rs", "pub struct A { pub x: u32 }")]);
        let c = ApiChanges::between(&ApiItems::collect(&t), &ApiItems::collect(&t));
        assert_eq!(c.to_string(), "generated API unchanged");
    }

    #[test]
    fn a_regeneration_parses_only_changed_modules_and_counts_the_same() {
        let old = tree(&[
            ("api/types.rs", "pub struct A { pub x: u32 }"),
            ("ebl/types.rs", "pub struct B { pub y: u32 }"),
            ("ebl/enums.rs", "pub enum E { One }"),
        ]);
        let new = tree(&[
            ("api/types.rs", "pub struct A { pub x: u32 }"),
            ("ebl/types.rs", "pub struct B { pub y: u64 }"),
            ("ebl/enums.rs", "pub enum E { One }"),
        ]);
        let full = ApiChanges::between(&ApiItems::collect(&old), &ApiItems::collect(&new));
        assert_eq!(ApiChanges::of_regeneration(&old, &Files { files: new.clone() }), full);
        assert!(ApiChanges::of_regeneration(&old, &Files { files: old.clone() }).is_empty());
    }
}
