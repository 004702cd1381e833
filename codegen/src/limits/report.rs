//! The text forms of [`Limits`] that `cargo xtask limits` prints and the snapshot tests compare: the
//! tab-separated table of limited fields, and the report of texts that yield no limit and of disagreements.

use std::fmt::{self, Write as _};

use super::{Limits, ReasonKind, Source};

/// How many limits, unparsed texts and disagreements a [`Limits`] holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    /// Limited fields whose limit is a facet.
    pub facet: usize,
    /// Limited fields whose limit is documented in prose only.
    pub doc: usize,
    /// Documented limits that a facet overrides with the same value.
    pub confirmed: usize,
    /// Documented limits that a facet overrides with a different value.
    pub disagreements: usize,
    /// Texts that say there is no limit.
    pub no_limit: usize,
    /// Texts with a limit label but no number: they mean to state a limit and yield none.
    pub no_number: usize,
    /// Texts whose mentions all have another reason (amounts, pixels, currency codes, …).
    pub other: usize,
    /// Texts with a mention no reason explains. The target is zero.
    pub unexplained: usize,
}

impl fmt::Display for Counts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} limited fields ({} from facets, {} from prose); {} documented limits confirmed by a facet, {} \
             disagreeing; texts without a limit: {} say no limit, {} give no number, {} mention something \
             else, {} unexplained",
            self.facet + self.doc,
            self.facet,
            self.doc,
            self.confirmed,
            self.disagreements,
            self.no_limit,
            self.no_number,
            self.other,
            self.unexplained
        )
    }
}

impl Limits {
    /// The counts of this table.
    pub fn counts(&self) -> Counts {
        let mut c = Counts { confirmed: self.confirmed, disagreements: self.disagreements.len(), ..Counts::default() };
        for row in &self.rows {
            match row.limit.source {
                Source::Facet => c.facet += 1,
                Source::Doc => c.doc += 1,
            }
        }
        for u in &self.unparsed {
            let has = |k: &ReasonKind| u.reasons.iter().any(|r| r.kind == *k);
            if u.is_unexplained() {
                c.unexplained += 1;
            } else if has(&ReasonKind::NoLimit) {
                c.no_limit += 1;
            } else if has(&ReasonKind::NoNumber) {
                c.no_number += 1;
            } else {
                c.other += 1;
            }
        }
        c
    }

    /// One line per limited field: `type  field  max_chars  source  phrase`, tab-separated, with the schema's
    /// wire names (attributes as `@name`).
    pub fn table(&self) -> String {
        let mut out = String::new();
        for row in &self.rows {
            let l = &row.limit;
            let _ = writeln!(out, "{}\t{}\t{}\t{}\t{}", row.type_id.name, row.site, l.max_chars, l.source, l.phrase);
        }
        out
    }

    /// Every documentation text that mentions characters or a length but yields no limit, each with its
    /// reasons (`type  site  reasons`), then every disagreement between a facet and the prose, then the counts.
    pub fn report(&self) -> String {
        let counts = self.counts();
        let mut out = String::new();
        let _ = writeln!(
            out,
            "# documentation that mentions characters or a length but yields no limit: {} texts, {} unexplained",
            self.unparsed.len(),
            counts.unexplained
        );
        for u in &self.unparsed {
            let reasons: Vec<String> = u.reasons.iter().map(ToString::to_string).collect();
            let _ = writeln!(out, "{}\t{}\t{}", u.type_id.name, u.site, reasons.join(" | "));
        }
        let _ = writeln!(out, "# facet and prose disagree: {} (the facet is the limit)", self.disagreements.len());
        for d in &self.disagreements {
            let _ = writeln!(
                out,
                "{}\t{}\tfacet {} ({})\tdoc {} ({})",
                d.type_id.name, d.site, d.facet.max_chars, d.facet.phrase, d.doc.max_chars, d.doc.phrase
            );
        }
        let _ = writeln!(out, "# {counts}");
        out
    }
}
