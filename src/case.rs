//! A loaded, validated case: the merge of every claim file in it.
//!
//! Everything in a [`Case`] is sorted by id, so nothing downstream can
//! depend on the order of files on disk or of claims within a file.

use std::collections::BTreeMap;

use crate::config::Config;
use crate::model::{
    Annotation, CaseMeta, Claim, Language, Party, PointTitle, Source, StatusAnnotation,
};

/// A validated case.
#[derive(Debug, Clone, PartialEq)]
pub struct Case {
    /// Case metadata; when no file holds any, the id is the directory name.
    pub meta: CaseMeta,
    /// Parties, sorted by id.
    pub parties: Vec<Party>,
    /// Sources, sorted by id.
    pub sources: Vec<Source>,
    /// Claims, sorted by id.
    pub claims: Vec<Claim>,
    /// Annotations, each pair in the order written, sorted by pair.
    pub annotations: Vec<Annotation>,
    /// Statuses set by hand, sorted by claim id (one per claim at most).
    pub statuses: Vec<StatusAnnotation>,
    /// Titles set by hand for disputed points, in file order (files sorted).
    pub points: Vec<PointTitle>,
    /// The resolved settings.
    pub config: Config,
    /// The files the case was read from, as the user named them, sorted.
    pub files: Vec<String>,
}

impl Case {
    /// The claim with this id.
    #[must_use]
    pub fn claim(&self, id: &str) -> Option<&Claim> {
        self.claim_index(id).map(|i| &self.claims[i])
    }

    /// The position of a claim in [`Case::claims`].
    #[must_use]
    pub fn claim_index(&self, id: &str) -> Option<usize> {
        self.claims.binary_search_by(|c| c.id.as_str().cmp(id)).ok()
    }

    /// The party with this id.
    #[must_use]
    pub fn party(&self, id: &str) -> Option<&Party> {
        self.parties
            .binary_search_by(|p| p.id.as_str().cmp(id))
            .ok()
            .map(|i| &self.parties[i])
    }

    /// The source with this id.
    #[must_use]
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources
            .binary_search_by(|s| s.id.as_str().cmp(id))
            .ok()
            .map(|i| &self.sources[i])
    }

    /// A claim's language as given by the claim or the case, if any.
    #[must_use]
    pub fn declared_language(&self, claim: &Claim) -> Option<Language> {
        claim.language.or(self.meta.language)
    }

    /// For each claim, the claim that supersedes it, if any (the first by id
    /// when several do).
    #[must_use]
    pub fn superseded_by(&self) -> Vec<Option<usize>> {
        let mut by = vec![None; self.claims.len()];
        for (i, claim) in self.claims.iter().enumerate() {
            if let Some(old) = claim
                .supersedes
                .as_deref()
                .and_then(|id| self.claim_index(id))
            {
                if by[old].is_none() && old != i {
                    by[old] = Some(i);
                }
            }
        }
        by
    }

    /// The manual status of a claim, if a person set one.
    #[must_use]
    pub fn manual_status(&self, claim_id: &str) -> Option<&StatusAnnotation> {
        self.statuses
            .binary_search_by(|s| s.claim.as_str().cmp(claim_id))
            .ok()
            .map(|i| &self.statuses[i])
    }

    /// The claims of each party, by party id.
    #[must_use]
    pub fn claims_by_party(&self) -> BTreeMap<&str, Vec<&Claim>> {
        let mut map: BTreeMap<&str, Vec<&Claim>> = BTreeMap::new();
        for claim in &self.claims {
            map.entry(claim.party.as_str()).or_default().push(claim);
        }
        map
    }
}
