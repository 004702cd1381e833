//! A small cache of element names the reader has already checked. A document uses a few dozen names over and
//! over; checking one byte by byte costs a branch per byte and a mispredicted one at its end, while a name found
//! in the cache costs one hash of its first eight bytes, a few word compares and a look at the byte after it.
//!
//! A hit needs the exact bytes of a name that passed the full check, followed by a byte that ends a name in a
//! tag (whitespace, `/` or `>`), so the cache never lets through a name the full check would refuse.

use super::lexical::{ends_tag_name, same_bytes};

/// Number of sets (a power of two), chosen by the hash of a name's first eight bytes.
const SETS: usize = 32;
/// Names per set: names that share their first eight bytes (`Timestamp` and `Timezone` with a three-letter
/// prefix) land in the same set and must not evict each other.
const WAYS: usize = 4;

/// A checked qualified name (borrowed from the input where it was first checked) and the length of its prefix.
type Entry<'a> = Option<(&'a str, usize)>;

/// A name found in the cache: the offset after it in the input, the name, its prefix and its local name.
pub(super) type Hit<'a> = (usize, &'a str, &'a str, &'a str);

/// Checked qualified names by the hash of their first eight bytes, most recently added first in each set.
#[derive(Debug)]
pub(super) struct NameCache<'a> {
    sets: [[Entry<'a>; WAYS]; SETS],
}

impl Default for NameCache<'_> {
    fn default() -> Self {
        Self { sets: [[None; WAYS]; SETS] }
    }
}

/// The slot of the eight bytes at `from`, or `None` when fewer are left.
#[inline(always)]
fn slot(bytes: &[u8], from: usize) -> Option<usize> {
    let word = bytes.get(from..from + 8).and_then(|w| <[u8; 8]>::try_from(w).ok()).map(u64::from_le_bytes)?;
    // Fibonacci hashing: the top bits of the product mix all eight bytes.
    Some((word.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - SETS.trailing_zeros())) as usize)
}

impl<'a> NameCache<'a> {
    /// The checked element name starting at `from` in `bytes`, if the cache holds it: the offset after it, the
    /// name, its prefix ("" when none) and its local name.
    #[inline(always)]
    pub(super) fn lookup(&self, bytes: &[u8], from: usize) -> Option<Hit<'a>> {
        let set = &self.sets[slot(bytes, from)?];
        let (end, name, prefix_len) = set.iter().flatten().find_map(|&(name, prefix_len)| {
            let end = from + name.len();
            let ends = bytes.get(end).is_some_and(|&b| ends_tag_name(b));
            (ends && same_bytes(bytes.get(from..end)?, name.as_bytes())).then_some((end, name, prefix_len))
        })?;
        let local_at = if prefix_len == 0 { 0 } else { prefix_len + 1 };
        Some((end, name, name.get(..prefix_len)?, name.get(local_at..)?))
    }

    /// Remembers `name`, which starts at `from` in `bytes` and passed the full check, with its prefix length.
    #[inline]
    pub(super) fn insert(&mut self, bytes: &[u8], from: usize, name: &'a str, prefix_len: usize) {
        if let Some(slot) = slot(bytes, from) {
            // The oldest name drops out. Three plain moves: `rotate_right` is a call that costs as much as the
            // rest of a miss, and in a short message most names are misses.
            let set = &mut self.sets[slot];
            for way in (1..WAYS).rev() {
                set[way] = set[way - 1];
            }
            set[0] = Some((name, prefix_len));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hits_only_the_same_name_ended_as_in_a_tag() {
        let text = "<ebl:Payment><ebl:Payment/><ebl:Payments><ebl:Payment x='1'><ebl:Payment";
        let bytes = text.as_bytes();
        let mut cache = NameCache::default();
        assert_eq!(cache.lookup(bytes, 1), None);
        cache.insert(bytes, 1, &text[1..12], 3);
        assert_eq!(cache.lookup(bytes, 1), Some((12, "ebl:Payment", "ebl", "Payment")));
        assert_eq!(cache.lookup(bytes, 14), Some((25, "ebl:Payment", "ebl", "Payment")));
        // A longer name with the same first bytes, and a name cut by the end of the input, are misses.
        assert_eq!(cache.lookup(bytes, 28), None);
        assert_eq!(cache.lookup(bytes, 42), Some((53, "ebl:Payment", "ebl", "Payment")));
        assert_eq!(cache.lookup(bytes, 61), None);
    }

    #[test]
    fn names_sharing_their_first_bytes_are_all_kept() {
        let names = ["ebl:Timestamp", "ebl:Timezone", "ebl:Timezones", "ebl:TimeX"];
        let text: String = names.iter().map(|n| format!("<{n}>")).collect();
        let mut cache = NameCache::default();
        let mut at = 1;
        for name in names {
            cache.insert(text.as_bytes(), at, &text[at..at + name.len()], 3);
            at += name.len() + 2;
        }
        let mut at = 1;
        for name in names {
            assert_eq!(cache.lookup(text.as_bytes(), at), Some((at + name.len(), name, "ebl", &name[4..])), "{name}");
            at += name.len() + 2;
        }
    }

    #[test]
    fn unprefixed_names_and_short_inputs() {
        let text = "<Envelope><Envelope>";
        let mut cache = NameCache::default();
        cache.insert(text.as_bytes(), 1, &text[1..9], 0);
        assert_eq!(cache.lookup(text.as_bytes(), 11), Some((19, "Envelope", "", "Envelope")));
        assert_eq!(cache.lookup(b"<a>", 1), None);
    }
}
