//! The AIF export: the claim graph as an Argument Interchange Format map
//! that AIFdb, OVA and `claimgraph import aif` can read.
//!
//! Each claim is an I-node, asserted by an L-node ("Speaker : text")
//! through a YA node, with a locution naming the participant, so that
//! speakers survive a round trip. Each contradiction becomes a CA node and
//! each support an RA node, or an MA node when the support is an imported
//! rephrase. Node ids are consecutive numbers in report order, so the
//! output is deterministic.
//!
//! AIF has people, not parties, and no word for where a relation comes
//! from, so the map also carries a `claimgraph` key ([`AifProvenance`]):
//! the parties with their roles, each I-node's claim id and party, and
//! each relation's provenance (annotated, with note and author, or
//! inferred). `claimgraph import aif` reads it back; other tools ignore it.

use std::collections::BTreeMap;
use std::io::{self, Write};

use super::Report;
use crate::import::aif::{
    AifClaimOrigin, AifEdge, AifLocution, AifMap, AifNode, AifParticipant, AifProvenance,
    AifRelationOrigin, REPHRASE_NOTE,
};
use crate::model::Party;

/// Renders the report's graph as AIF JSON.
///
/// # Errors
/// When the writer fails.
pub fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &to_map(report))?;
    writeln!(out)
}

/// Renders the report's graph as AIF JSON with the case's inference
/// settings in its `claimgraph` key, so that an import infers the same
/// relations again.
///
/// # Errors
/// When the writer fails.
pub fn render_with_settings(
    report: &Report,
    config: &crate::config::Config,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut map = to_map(report);
    if let Some(provenance) = map.claimgraph.as_mut() {
        provenance.config = Some(settings_file(config));
    }
    serde_json::to_writer_pretty(&mut *out, &map)?;
    writeln!(out)
}

/// Resolved settings written out in full as a config file.
fn settings_file(config: &crate::config::Config) -> crate::config::ConfigFile {
    crate::config::ConfigFile {
        related_threshold: Some(config.related_threshold),
        support_threshold: Some(config.support_threshold),
        min_score: Some(config.min_score),
        min_confidence: None,
        min_calibrated: Some(config.min_calibrated),
        fuzzy_threshold: Some(config.fuzzy_threshold),
        min_shared_anchors: Some(config.min_shared_anchors),
        strong_anchors: Some(config.strong_anchors),
        same_speaker_factor: Some(config.same_speaker_factor),
        max_relations_per_claim: Some(config.max_relations_per_claim),
        aliases: config.aliases.clone(),
        synonyms: (!config.synonyms).then_some(false),
        lexicon: (config.lexicon != crate::config::LexiconAdditions::default())
            .then(|| config.lexicon.clone()),
    }
}

/// The report's graph as an AIF map.
#[must_use]
pub fn to_map(report: &Report) -> AifMap {
    let mut map = AifMap::default();
    let mut next_id = 0_u64;
    let mut new_id = || {
        next_id += 1;
        next_id.to_string()
    };
    let mut participants: BTreeMap<String, String> = BTreeMap::new();
    let mut i_node: BTreeMap<&str, String> = BTreeMap::new();
    let mut provenance = AifProvenance {
        language: match report.case.language.as_deref() {
            Some("fr") => Some(crate::model::Language::Fr),
            Some("en") => Some(crate::model::Language::En),
            _ => None,
        },
        parties: report
            .parties
            .iter()
            .map(|p| Party {
                id: p.id.clone(),
                name: p.name.clone(),
                role: p.role,
            })
            .collect(),
        ..AifProvenance::default()
    };
    for claim in &report.claims {
        let id = new_id();
        provenance.claims.insert(
            id.clone(),
            AifClaimOrigin {
                claim: claim.id.clone(),
                party: claim.party.clone(),
                speaker: claim.speaker.clone(),
                quote: claim.quote,
            },
        );
        map.nodes.push(AifNode {
            node_id: id.clone(),
            text: claim.text.clone(),
            kind: "I".to_owned(),
            scheme: None,
        });
        i_node.insert(claim.id.as_str(), id.clone());
        let speaker = claim
            .speaker
            .clone()
            .unwrap_or_else(|| report.party_name(&claim.party).to_owned());
        let person_count = participants.len();
        let person_id = participants
            .entry(speaker.clone())
            .or_insert_with(|| (person_count + 1).to_string())
            .clone();
        let (l_id, ya_id) = (new_id(), new_id());
        map.nodes.push(AifNode {
            node_id: l_id.clone(),
            text: format!("{speaker} : {}", claim.text),
            kind: "L".to_owned(),
            scheme: None,
        });
        map.nodes.push(AifNode {
            node_id: ya_id.clone(),
            text: "Asserting".to_owned(),
            kind: "YA".to_owned(),
            scheme: Some("Asserting".to_owned()),
        });
        map.locutions.push(AifLocution {
            node_id: l_id.clone(),
            person_id,
            start: claim.date.clone(),
        });
        let edge = |from: &str, to: &str| AifEdge {
            edge_id: String::new(),
            from_id: from.to_owned(),
            to_id: to.to_owned(),
        };
        map.edges.push(edge(&l_id, &ya_id));
        map.edges.push(edge(&ya_id, &id));
    }
    for edge in &report.edges {
        let (Some(from), Some(to)) = (i_node.get(edge.from.as_str()), i_node.get(edge.to.as_str()))
        else {
            continue;
        };
        let rephrase = matches!(
            &edge.provenance,
            super::ReportProvenance::Annotated { note: Some(note), .. } if note == REPHRASE_NOTE
        );
        let (kind, scheme) = match (edge.relation.as_str(), rephrase) {
            ("contradicts", _) => ("CA", "Default Conflict"),
            (_, true) => ("MA", "Default Rephrase"),
            _ => ("RA", "Default Inference"),
        };
        let id = new_id();
        let origin = match &edge.provenance {
            super::ReportProvenance::Annotated { note, author } => AifRelationOrigin {
                provenance: "annotated".to_owned(),
                note: note.clone(),
                author: author.clone(),
            },
            super::ReportProvenance::Inferred { .. } => AifRelationOrigin {
                provenance: "inferred".to_owned(),
                note: None,
                author: None,
            },
        };
        provenance.relations.insert(id.clone(), origin);
        map.nodes.push(AifNode {
            node_id: id.clone(),
            text: scheme.to_owned(),
            kind: kind.to_owned(),
            scheme: Some(scheme.to_owned()),
        });
        for (a, b) in [(from.clone(), id.clone()), (id, to.clone())] {
            map.edges.push(AifEdge {
                edge_id: String::new(),
                from_id: a,
                to_id: b,
            });
        }
    }
    for (k, edge) in map.edges.iter_mut().enumerate() {
        edge.edge_id = (k + 1).to_string();
    }
    let mut people: Vec<AifParticipant> = participants
        .into_iter()
        .map(|(name, id)| {
            let (firstname, surname) = name
                .split_once(' ')
                .map_or((name.as_str(), ""), |(f, s)| (f, s));
            AifParticipant {
                participant_id: id,
                firstname: firstname.to_owned(),
                surname: surname.to_owned(),
            }
        })
        .collect();
    people.sort_by_key(|p| p.participant_id.parse::<u64>().unwrap_or(u64::MAX));
    map.participants = people;
    map.claimgraph = Some(provenance);
    map
}
