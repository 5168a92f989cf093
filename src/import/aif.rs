//! The Argument Interchange Format (AIF JSON, as used by AIFdb and OVA):
//! the data model, and its conversion into a claimgraph case.
//!
//! An AIF map is a graph of nodes: I-nodes hold propositions, L-nodes hold
//! locutions ("Speaker : text"), YA nodes anchor a proposition in the
//! locution that asserted it, and the scheme nodes CA (conflict), RA
//! (inference) and MA (rephrase) relate propositions. The conversion keeps
//! what claimgraph can represent: I-nodes become claims, speakers become
//! parties, CA becomes `contradicts`, RA `supports`, and MA `supports` with
//! the note "rephrase". Everything else (dialogue transitions, illocutions
//! anchored on relations, dangling edges, …) is counted by kind in
//! [`ImportSummary::unmapped`], so nothing is dropped silently.
//!
//! The same types are written by the AIF export ([`crate::report::aif`]).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::{Deserialize, Deserializer, Serialize};

use crate::error::Diagnostic;
use crate::model::{
    AnnotatedRelation, Annotation, CaseMeta, Claim, ClaimFile, FORMAT_V1, Party, Role, Source,
};

/// The annotation author written on every imported relation.
pub const IMPORT_AUTHOR: &str = "aif import";

/// The note that marks a support imported from an MA (rephrase) node, and
/// that the export turns back into an MA node.
pub const REPHRASE_NOTE: &str = "rephrase";

/// One AIF map.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AifMap {
    /// Every node.
    pub nodes: Vec<AifNode>,
    /// Every edge.
    pub edges: Vec<AifEdge>,
    /// Who uttered each L-node.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub locutions: Vec<AifLocution>,
    /// The people who take part.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub participants: Vec<AifParticipant>,
    /// What claimgraph's export adds so that its own import gives the case
    /// back: parties, claim ids and where each relation comes from. Other
    /// AIF tools ignore the unknown key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claimgraph: Option<AifProvenance>,
}

/// The claimgraph extension of an exported AIF map.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AifProvenance {
    /// The case's language, which claims without their own then keep.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<crate::model::Language>,
    /// The case's parties (a speaker is a person; a party may have several).
    #[serde(default)]
    pub parties: Vec<Party>,
    /// The claim behind each I-node, by node id.
    #[serde(default)]
    pub claims: BTreeMap<String, AifClaimOrigin>,
    /// Where each relation comes from, by the node id of its CA, RA or MA
    /// node.
    #[serde(default)]
    pub relations: BTreeMap<String, AifRelationOrigin>,
    /// The case's inference settings, so that the rules infer the same
    /// relations again after an import.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub config: Option<crate::config::ConfigFile>,
}

/// The claim an I-node was exported from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AifClaimOrigin {
    /// The claim id.
    pub claim: String,
    /// Its party id.
    pub party: String,
    /// Its speaker, when narrower than the party (the L-node names the
    /// party when the claim has none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
    /// Whether the text is a verbatim quotation.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub quote: bool,
}

/// Where an exported relation comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AifRelationOrigin {
    /// `annotated` (a person asserted it) or `inferred` (the rules found
    /// it: an import leaves it to the rules, which find it again).
    pub provenance: String,
    /// The annotator's note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The annotator.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
}

/// An AIF node.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AifNode {
    /// Node id (a number or a string in the wild; kept as a string).
    #[serde(rename = "nodeID", deserialize_with = "id")]
    pub node_id: String,
    /// The proposition, locution or scheme name.
    #[serde(default)]
    pub text: String,
    /// `I`, `L`, `YA`, `TA`, `CA`, `RA`, `MA`, …
    #[serde(rename = "type")]
    pub kind: String,
    /// The scheme name of an S-node or a YA node, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scheme: Option<String>,
}

/// An AIF edge.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AifEdge {
    /// Edge id.
    #[serde(rename = "edgeID", deserialize_with = "id")]
    pub edge_id: String,
    /// The node it leaves.
    #[serde(rename = "fromID", deserialize_with = "id")]
    pub from_id: String,
    /// The node it enters.
    #[serde(rename = "toID", deserialize_with = "id")]
    pub to_id: String,
}

/// Who uttered a locution.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AifLocution {
    /// The L-node.
    #[serde(rename = "nodeID", deserialize_with = "id")]
    pub node_id: String,
    /// The participant.
    #[serde(rename = "personID", deserialize_with = "id")]
    pub person_id: String,
    /// When it was said, `YYYY-MM-DD hh:mm:ss`, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
}

/// A participant of the dialogue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AifParticipant {
    /// Participant id, as in [`AifLocution::person_id`].
    #[serde(rename = "participantID", deserialize_with = "id")]
    pub participant_id: String,
    /// First name.
    #[serde(default)]
    pub firstname: String,
    /// Surname.
    #[serde(default)]
    pub surname: String,
}

/// What an import produced and what it could not map.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportSummary {
    /// Maps read.
    pub maps: usize,
    /// Claims written.
    pub claims: usize,
    /// Parties written.
    pub parties: usize,
    /// Annotations written, by relation.
    pub relations: BTreeMap<&'static str, usize>,
    /// What was left out, by kind, with counts.
    pub unmapped: BTreeMap<String, usize>,
    /// Relations a claimgraph export marked as inferred by the rules: not
    /// written as annotations, since the rules infer them again.
    pub inferred: usize,
}

impl ImportSummary {
    fn skip(&mut self, kind: impl Into<String>) {
        *self.unmapped.entry(kind.into()).or_default() += 1;
    }
}

/// Parses one AIF JSON map.
///
/// # Errors
/// A positioned [`Diagnostic`] when the text is not an AIF map.
pub fn parse(display: &str, text: &str) -> Result<AifMap, Diagnostic> {
    serde_json::from_str(text).map_err(|e| {
        Diagnostic::at(
            display,
            e.line(),
            e.column(),
            format!("not an AIF map: {e}"),
        )
        .with_help("expected an AIF JSON object with \"nodes\" and \"edges\"")
    })
}

/// Converts maps (each with a short name, such as its file stem) into one
/// claimgraph case.
#[must_use]
pub fn convert(maps: &[(String, AifMap)]) -> (ClaimFile, ImportSummary) {
    let mut state = State::default();
    for (name, map) in maps {
        state.add_map(name, map);
    }
    state.finish(maps)
}

/// The note of an annotation imported from a scheme node: "rephrase" for
/// MA, else the scheme's name or the node's text, else its kind.
fn scheme_note(node: &AifNode) -> String {
    if node.kind == "MA" {
        return REPHRASE_NOTE.to_owned();
    }
    let text = node.scheme.as_deref().unwrap_or(&node.text).trim();
    if text.is_empty() {
        node.kind.clone()
    } else {
        text.to_owned()
    }
}

/// One map's nodes, edges, participants and locutions, by node id.
struct MapIndex<'m> {
    nodes: HashMap<&'m str, &'m AifNode>,
    incoming: HashMap<&'m str, Vec<&'m str>>,
    outgoing: HashMap<&'m str, Vec<&'m str>>,
    /// Participants' full names, by participant id.
    people: HashMap<&'m str, String>,
    locutions: HashMap<&'m str, &'m AifLocution>,
}

impl<'m> MapIndex<'m> {
    /// Indexes a map; an edge to an unknown node is left out and counted.
    fn new(map: &'m AifMap, summary: &mut ImportSummary) -> MapIndex<'m> {
        let nodes: HashMap<&str, &AifNode> =
            map.nodes.iter().map(|n| (n.node_id.as_str(), n)).collect();
        let mut incoming: HashMap<&str, Vec<&str>> = HashMap::new();
        let mut outgoing: HashMap<&str, Vec<&str>> = HashMap::new();
        for edge in &map.edges {
            if !nodes.contains_key(edge.from_id.as_str())
                || !nodes.contains_key(edge.to_id.as_str())
            {
                summary.skip("edge to an unknown node");
                continue;
            }
            outgoing
                .entry(edge.from_id.as_str())
                .or_default()
                .push(edge.to_id.as_str());
            incoming
                .entry(edge.to_id.as_str())
                .or_default()
                .push(edge.from_id.as_str());
        }
        let people: HashMap<&str, String> = map
            .participants
            .iter()
            .map(|p| {
                let full = format!("{} {}", p.firstname.trim(), p.surname.trim());
                (p.participant_id.as_str(), full.trim().to_owned())
            })
            .filter(|(_, name)| !name.is_empty())
            .collect();
        let locutions: HashMap<&str, &AifLocution> = map
            .locutions
            .iter()
            .map(|l| (l.node_id.as_str(), l))
            .collect();
        MapIndex {
            nodes,
            incoming,
            outgoing,
            people,
            locutions,
        }
    }

    /// The kind of a node (`I`, `L`, `CA`, …), empty for an unknown one.
    fn kind_of(&self, id: &str) -> &'m str {
        self.nodes.get(id).map_or("", |n| n.kind.as_str())
    }

    /// The nodes with an edge to `id`.
    fn ins(&self, id: &str) -> &[&'m str] {
        self.incoming.get(id).map_or(&[][..], Vec::as_slice)
    }

    /// The nodes `id` has an edge to.
    fn outs(&self, id: &str) -> &[&'m str] {
        self.outgoing.get(id).map_or(&[][..], Vec::as_slice)
    }

    /// Who asserts an I-node, each speaker once with the date of their
    /// locution: the locutions L -> YA -> I, named by their participant,
    /// else by their text ("Speaker : text"), else by their person id.
    fn speakers(&self, node: &AifNode) -> Vec<(String, Option<String>)> {
        let mut speakers: Vec<(String, Option<String>)> = Vec::new();
        for &ya in self.ins(&node.node_id) {
            if self.kind_of(ya) != "YA" {
                continue;
            }
            for &l in self.ins(ya) {
                if self.kind_of(l) != "L" {
                    continue;
                }
                let locution = self.locutions.get(l);
                let from_people = locution
                    .and_then(|loc| self.people.get(loc.person_id.as_str()))
                    .cloned();
                let from_text = self.nodes.get(l).and_then(|n| speaker_in(&n.text));
                let from_id = locution.map(|loc| format!("person {}", loc.person_id));
                if let Some(speaker) = from_people.or(from_text).or(from_id) {
                    let date = locution
                        .and_then(|loc| loc.start.as_deref())
                        .and_then(date_of);
                    if !speakers.iter().any(|(s, _)| *s == speaker) {
                        speakers.push((speaker, date));
                    }
                }
            }
        }
        speakers
    }
}

#[derive(Default)]
struct State {
    summary: ImportSummary,
    claims: BTreeMap<String, Claim>,
    /// Party id by display name.
    parties: BTreeMap<String, String>,
    /// Parties given by a claimgraph export, by id.
    exported_parties: BTreeMap<String, Party>,
    /// The settings of the first claimgraph export that gives them.
    config: Option<crate::config::ConfigFile>,
    sources: Vec<Source>,
    annotations: Vec<Annotation>,
    /// Annotated unordered pairs, with their relation.
    pairs: HashMap<(String, String), AnnotatedRelation>,
}

impl State {
    fn add_map(&mut self, name: &str, map: &AifMap) {
        self.summary.maps += 1;
        let source_id = self.add_source(name);
        let index = MapIndex::new(map, &mut self.summary);
        let exported = map.claimgraph.as_ref();
        if let Some(exported) = exported {
            if self.config.is_none() {
                self.config.clone_from(&exported.config);
            }
            for party in &exported.parties {
                self.exported_parties
                    .entry(party.id.clone())
                    .or_insert_with(|| party.clone());
            }
        }
        // I-nodes first, so that relations can refer to their claim ids.
        let mut claim_of: HashMap<&str, String> = HashMap::new();
        for node in map.nodes.iter().filter(|n| n.kind == "I") {
            if let Some(claim_id) = self.add_claim(name, &index, exported, &source_id, node) {
                claim_of.insert(node.node_id.as_str(), claim_id);
            }
        }
        for node in &map.nodes {
            self.add_relation(&index, exported, &claim_of, node);
        }
    }

    /// The source that stands for one map, under an id no other map has
    /// (two maps may share a name: the same file name in two directories).
    fn add_source(&mut self, name: &str) -> String {
        let base = format!("aif-{}", slug(name));
        let mut source_id = base.clone();
        let mut n = 2;
        while self.sources.iter().any(|s| s.id == source_id) {
            source_id = format!("{base}-{n}");
            n += 1;
        }
        self.sources.push(Source {
            id: source_id.clone(),
            title: Some(format!("AIF map {name}")),
            publisher: None,
            date: None,
            url: None,
        });
        source_id
    }

    /// The claim of an I-node, under the party of its first speaker; its
    /// id, or `None` when the node has no text.
    fn add_claim(
        &mut self,
        name: &str,
        index: &MapIndex<'_>,
        exported: Option<&AifProvenance>,
        source_id: &str,
        node: &AifNode,
    ) -> Option<String> {
        if node.text.trim().is_empty() {
            self.summary.skip("I-node with empty text");
            return None;
        }
        let speakers = index.speakers(node);
        if speakers.len() > 1 {
            self.summary
                .skip("extra speaker of an I-node (the first is kept)");
        }
        let (speaker, date) = speakers.into_iter().next().unwrap_or_else(|| {
            self.summary
                .skip("I-node without a speaker (party \"unknown\" used)");
            ("unknown".to_owned(), None)
        });
        // A claimgraph export names the claim and its party.
        let origin = exported
            .and_then(|e| e.claims.get(&node.node_id))
            .filter(|o| self.exported_parties.contains_key(&o.party));
        let party = match origin {
            Some(origin) => origin.party.clone(),
            None => self.party_id(&speaker),
        };
        let claim_id = match self.claim_id(name, node, origin) {
            Ok(claim_id) => claim_id,
            Err(merged) => return Some(merged),
        };
        self.claims.insert(
            claim_id.clone(),
            Claim {
                id: claim_id.clone(),
                party,
                speaker: match origin {
                    Some(origin) => origin.speaker.clone(),
                    None => (speaker != "unknown").then_some(speaker),
                },
                text: node.text.trim().to_owned(),
                language: origin.and(exported).and_then(|e| e.language),
                source: Some(source_id.to_owned()),
                date,
                quote: origin.is_some_and(|o| o.quote),
                topics: Vec::new(),
                supersedes: None,
                needs_review: false,
                locator: None,
            },
        );
        Some(claim_id)
    }

    /// A free id for the claim of an I-node (the exported claim's id when
    /// it is free), or `Err` with the id of the claim it already is: the
    /// same AIFdb node in two maps is one claim.
    fn claim_id(
        &mut self,
        name: &str,
        node: &AifNode,
        origin: Option<&AifClaimOrigin>,
    ) -> Result<String, String> {
        let mut claim_id = match origin {
            Some(origin) if !self.claims.contains_key(&origin.claim) => origin.claim.clone(),
            _ => format!("i{}", node.node_id),
        };
        let Some(existing) = self.claims.get(&claim_id) else {
            return Ok(claim_id);
        };
        if existing.text == node.text {
            self.summary
                .skip("I-node already imported from another map (merged)");
            return Err(claim_id);
        }
        // Another proposition under the same id (from another map, or a
        // map that repeats an id): a new id that still starts with "i", so
        // it cannot meet a party ("p-") or a source ("aif-") id.
        let base = format!("i{}@{}", node.node_id, slug(name));
        claim_id = base.clone();
        let mut n = 2;
        while self.claims.contains_key(&claim_id) {
            claim_id = format!("{base}-{n}");
            n += 1;
        }
        self.summary
            .skip("I-node id already used by another proposition (renamed)");
        Ok(claim_id)
    }

    /// The annotations of a scheme node (CA, RA, MA) between the claims
    /// of its premises and conclusions; any other node is counted.
    fn add_relation(
        &mut self,
        index: &MapIndex<'_>,
        exported: Option<&AifProvenance>,
        claim_of: &HashMap<&str, String>,
        node: &AifNode,
    ) {
        let id = node.node_id.as_str();
        let Some(relation) = self.relation_of(index, node) else {
            return;
        };
        let premises: Vec<&String> = index
            .ins(id)
            .iter()
            .filter_map(|&n| claim_of.get(n))
            .collect();
        let conclusions: Vec<&String> = index
            .outs(id)
            .iter()
            .filter_map(|&n| claim_of.get(n))
            .collect();
        for &n in index.ins(id).iter().chain(index.outs(id)) {
            let kind = index.kind_of(n);
            if !matches!(kind, "I" | "YA") {
                self.summary
                    .skip(format!("{} link to a {kind}-node", node.kind));
            }
        }
        if premises.is_empty() || conclusions.is_empty() {
            self.summary
                .skip(format!("{} node without I-nodes on both ends", node.kind));
            return;
        }
        let origin = exported.and_then(|e| e.relations.get(id));
        if origin.is_some_and(|o| o.provenance == "inferred") {
            self.summary.inferred += 1;
            return;
        }
        // A person's relation comes back with their note and name.
        let scheme;
        let (note, author) = match origin {
            Some(origin) => (origin.note.as_deref(), origin.author.as_deref()),
            None => {
                scheme = scheme_note(node);
                (Some(scheme.as_str()), Some(IMPORT_AUTHOR))
            }
        };
        for from in &premises {
            for to in &conclusions {
                self.relate(from, to, relation, note, author);
            }
        }
    }

    /// The relation of a scheme node; `None`, counted, for a node of
    /// another kind (I-nodes, which are claims, are not counted).
    fn relation_of(&mut self, index: &MapIndex<'_>, node: &AifNode) -> Option<AnnotatedRelation> {
        let id = node.node_id.as_str();
        match node.kind.as_str() {
            "I" => None,
            "CA" => Some(AnnotatedRelation::Contradicts),
            "RA" | "MA" => Some(AnnotatedRelation::Supports),
            "L" => {
                let anchors_claim = index.outs(id).iter().any(|&ya| {
                    index.kind_of(ya) == "YA"
                        && index.outs(ya).iter().any(|&i| index.kind_of(i) == "I")
                });
                if !anchors_claim {
                    self.summary.skip("L-node asserting no I-node");
                }
                None
            }
            "YA" => {
                if !index.outs(id).iter().any(|&i| index.kind_of(i) == "I") {
                    self.summary
                        .skip("YA node anchoring a relation, not a claim (illocution)");
                }
                None
            }
            "TA" => {
                self.summary.skip("TA node (dialogue transition)");
                None
            }
            other => {
                self.summary.skip(format!("node of type {other:?}"));
                None
            }
        }
    }

    fn relate(
        &mut self,
        from: &str,
        to: &str,
        relation: AnnotatedRelation,
        note: Option<&str>,
        author: Option<&str>,
    ) {
        if from == to {
            self.summary.skip("relation of a claim with itself");
            return;
        }
        let key = if from < to {
            (from.to_owned(), to.to_owned())
        } else {
            (to.to_owned(), from.to_owned())
        };
        if let Some(first) = self.pairs.get(&key) {
            if *first == relation {
                self.summary
                    .skip("second relation between the same two claims");
            } else {
                self.summary.skip(format!(
                    "{} relation between claims already related by {}",
                    relation.as_str(),
                    first.as_str()
                ));
            }
            return;
        }
        self.pairs.insert(key, relation);
        *self.summary.relations.entry(relation.as_str()).or_default() += 1;
        self.annotations.push(Annotation {
            claims: [from.to_owned(), to.to_owned()],
            relation,
            note: note.map(str::to_owned),
            author: author.map(str::to_owned),
        });
    }

    fn party_id(&mut self, name: &str) -> String {
        if let Some(id) = self.parties.get(name) {
            return id.clone();
        }
        let base = format!("p-{}", slug(name));
        let taken: BTreeSet<&String> = self
            .parties
            .values()
            .chain(self.exported_parties.keys())
            .collect();
        let mut id = base.clone();
        let mut n = 2;
        while taken.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.parties.insert(name.to_owned(), id.clone());
        id
    }

    fn finish(mut self, maps: &[(String, AifMap)]) -> (ClaimFile, ImportSummary) {
        let used: BTreeSet<&str> = self.claims.values().map(|c| c.party.as_str()).collect();
        let mut parties: Vec<Party> = self
            .parties
            .iter()
            .map(|(name, id)| Party {
                id: id.clone(),
                name: name.clone(),
                role: Role::Other,
            })
            .chain(
                self.exported_parties
                    .values()
                    .filter(|p| used.contains(p.id.as_str()))
                    .cloned(),
            )
            .collect();
        parties.sort_by(|a, b| a.id.cmp(&b.id));
        self.summary.claims = self.claims.len();
        self.summary.parties = parties.len();
        let names: Vec<&str> = maps.iter().map(|(n, _)| n.as_str()).collect();
        let (id, title) = match names.as_slice() {
            [one] => (slug(one), format!("AIF map {one}")),
            _ => ("aif-import".to_owned(), format!("{} AIF maps", names.len())),
        };
        let file = ClaimFile {
            format: Some(FORMAT_V1.to_owned()),
            case: Some(CaseMeta {
                id,
                title: Some(title),
                language: None,
                description: Some(format!(
                    "Imported from the Argument Interchange Format: {}.",
                    names.join(", ")
                )),
            }),
            parties,
            sources: self.sources,
            claims: self.claims.into_values().collect(),
            annotations: self.annotations,
            statuses: Vec::new(),
            points: Vec::new(),
            config: self.config,
        };
        (file, self.summary)
    }
}

/// The speaker of an L-node's text, "Speaker : what they said".
fn speaker_in(text: &str) -> Option<String> {
    let (speaker, rest) = text.split_once(':')?;
    let speaker = speaker.trim();
    let words = speaker.split_whitespace().count();
    (!speaker.is_empty() && !rest.trim().is_empty() && words <= 6).then(|| speaker.to_owned())
}

/// `YYYY-MM-DD` from a timestamp that starts with one.
fn date_of(timestamp: &str) -> Option<String> {
    let date = timestamp.get(..10)?;
    let bytes = date.as_bytes();
    let digits = |range: std::ops::Range<usize>| bytes[range].iter().all(u8::is_ascii_digit);
    let number = |range: std::ops::Range<usize>| date[range].parse::<u32>().unwrap_or(0);
    (digits(0..4)
        && bytes[4] == b'-'
        && digits(5..7)
        && bytes[7] == b'-'
        && digits(8..10)
        && (1..=12).contains(&number(5..7))
        && (1..=31).contains(&number(8..10)))
    .then(|| date.to_owned())
}

/// A lower-case ASCII identifier: letters and digits, runs of anything else
/// as one `-`.
#[must_use]
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() { "x".to_owned() } else { out }
}

/// Accepts an id written as a JSON string or number.
fn id<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Id {
        Text(String),
        Number(serde_json::Number),
    }
    Ok(match Id::deserialize(deserializer)? {
        Id::Text(s) => s,
        Id::Number(n) => n.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn speakers_dates_and_slugs() {
        assert_eq!(
            speaker_in("Chris Philp : we follow advice"),
            Some("Chris Philp".to_owned())
        );
        assert_eq!(speaker_in("no colon here"), None);
        assert_eq!(
            date_of("2020-05-21 23:00:09"),
            Some("2020-05-21".to_owned())
        );
        assert_eq!(date_of("2020"), None);
        assert_eq!(date_of("2020-13-01 10:00"), None);
        assert_eq!(date_of("2020-02-00"), None);
        assert_eq!(date_of("é"), None);
        assert_eq!(slug("Chris  Philp!"), "chris-philp");
        assert_eq!(slug("«»"), "x");
    }

    #[test]
    fn ids_may_be_numbers() {
        let map = parse(
            "m.json",
            r#"{"nodes":[{"nodeID":1,"text":"a","type":"I"}],"edges":[]}"#,
        )
        .unwrap();
        assert_eq!(map.nodes[0].node_id, "1");
    }
}
