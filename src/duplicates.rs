//! Duplicate groups: the claims of one party that say the same thing, word
//! for word.
//!
//! A corpus of repeated statements (a retweeted sentence, a press release
//! quoted by every outlet) would otherwise be analysed once per copy and
//! compared once per pair of copies, which is the square of the corpus. A
//! group is analysed once, takes part in the candidate search and the rules
//! once, and its first claim (by id) stands for it in the graph: every
//! inferred edge is between two representatives, and a report shows the
//! other members beside their representative ("said by 14 claims of 3
//! parties") instead of a copy of each edge.
//!
//! The key is exact, so that grouping changes no verdict: two claims are in
//! one group when they have the same party, the same declared language and
//! the same text, byte for byte. The rules read a claim's text, its
//! language and its speaker (`speaker.same`, `speaker.opposed`, the join's
//! thresholds), so two claims with the same key get the same verdict
//! against any third claim. The same sentence said by two parties makes two
//! groups, linked like any two claims (usually as common ground).
//!
//! A claim that a person named (in an annotation, a status set by hand, a
//! `supersedes` link, or an `--assume`/`--exclude` scenario) is never
//! grouped: what was said about it must apply to it alone. It is still
//! never linked to its own copies ([`same_statement`]), so naming a claim
//! adds no edge.

use crate::FastMap;
use crate::case::Case;
use crate::model::Language;

/// True when claims `i` and `j` have the grouping key in common (party,
/// declared language, text): copies of one statement, whether or not a
/// person's naming one kept them apart.
#[must_use]
pub fn same_statement(case: &Case, i: usize, j: usize) -> bool {
    let (a, b) = (&case.claims[i], &case.claims[j]);
    a.party == b.party && a.text == b.text && case.declared_language(a) == case.declared_language(b)
}

/// The duplicate groups of a case.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DuplicateGroups {
    /// For each claim, its group.
    group_of: Vec<u32>,
    /// Group `g`'s claims are `claims[offsets[g]..offsets[g + 1]]`, in
    /// claim order; the first is its representative.
    offsets: Vec<u32>,
    claims: Vec<u32>,
}

impl DuplicateGroups {
    /// Groups the claims of a case, leaving the claims in `pinned` (claim
    /// indices) and every claim a person named on their own.
    #[must_use]
    pub fn new(case: &Case, pinned: &[usize]) -> DuplicateGroups {
        let n = case.claims.len();
        let mut alone = vec![false; n];
        for &i in pinned {
            if let Some(slot) = alone.get_mut(i) {
                *slot = true;
            }
        }
        let mut pin = |id: &str| {
            if let Some(i) = case.claim_index(id) {
                alone[i] = true;
            }
        };
        for annotation in &case.annotations {
            for id in &annotation.claims {
                pin(id);
            }
        }
        for status in &case.statuses {
            pin(&status.claim);
        }
        for claim in &case.claims {
            if let Some(old) = &claim.supersedes {
                pin(old);
                pin(&claim.id);
            }
        }
        // Groups are numbered in the order of their first claim, so the
        // numbering, like everything else, follows claim ids.
        let mut index: FastMap<(&str, Option<Language>, &str), u32> = FastMap::default();
        let mut group_of = Vec::with_capacity(n);
        let mut sizes: Vec<u32> = Vec::new();
        for (i, claim) in case.claims.iter().enumerate() {
            let next = u32::try_from(sizes.len()).unwrap_or(u32::MAX);
            let group = if alone[i] {
                next
            } else {
                let key = (
                    claim.party.as_str(),
                    case.declared_language(claim),
                    claim.text.as_str(),
                );
                *index.entry(key).or_insert(next)
            };
            if group == next {
                sizes.push(0);
            }
            sizes[group as usize] += 1;
            group_of.push(group);
        }
        let mut offsets = Vec::with_capacity(sizes.len() + 1);
        let mut total = 0u32;
        offsets.push(0);
        for &size in &sizes {
            total += size;
            offsets.push(total);
        }
        let mut next: Vec<u32> = offsets[..sizes.len()].to_vec();
        let mut claims = vec![0u32; n];
        for (i, &g) in group_of.iter().enumerate() {
            let slot = &mut next[g as usize];
            claims[*slot as usize] = u32::try_from(i).unwrap_or(u32::MAX);
            *slot += 1;
        }
        DuplicateGroups {
            group_of,
            offsets,
            claims,
        }
    }

    /// Number of groups (a claim with no duplicate is a group of one).
    #[must_use]
    pub fn len(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    /// True when the case has no claims.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The group of claim `claim`.
    #[must_use]
    pub fn group_of(&self, claim: usize) -> usize {
        self.group_of[claim] as usize
    }

    /// The claims of group `group`, in claim order.
    #[must_use]
    pub fn members(&self, group: usize) -> &[u32] {
        &self.claims[self.offsets[group] as usize..self.offsets[group + 1] as usize]
    }

    /// The claim that stands for group `group`: its first.
    #[must_use]
    pub fn representative(&self, group: usize) -> usize {
        self.claims[self.offsets[group] as usize] as usize
    }

    /// The claim that stands for claim `claim`'s group (itself when it has
    /// no duplicate, or is the first of its group).
    #[must_use]
    pub fn representative_of(&self, claim: usize) -> usize {
        self.representative(self.group_of(claim))
    }

    /// How many claims group `group` holds.
    #[must_use]
    pub fn size(&self, group: usize) -> u32 {
        self.offsets[group + 1] - self.offsets[group]
    }
}
