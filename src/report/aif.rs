//! The AIF export: the claim graph as an Argument Interchange Format map
//! that AIFdb, OVA and `claimgraph import aif` can read.
//!
//! Each claim is an I-node, asserted by an L-node ("Speaker : text")
//! through a YA node, with a locution naming the participant, so that
//! speakers survive a round trip. Each contradiction becomes a CA node and
//! each support an RA node, or an MA node when the support is an imported
//! rephrase. Node ids are consecutive numbers in report order, so the
//! output is deterministic.

use std::collections::BTreeMap;
use std::io::{self, Write};

use super::Report;
use crate::import::aif::{AifEdge, AifLocution, AifMap, AifNode, AifParticipant, REPHRASE_NOTE};

/// Renders the report's graph as AIF JSON.
///
/// # Errors
/// When the writer fails.
pub fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &to_map(report))?;
    writeln!(out)
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
    for claim in &report.claims {
        let id = new_id();
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
    map
}
