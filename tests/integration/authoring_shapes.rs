//! `extract` on the sentence shapes of issue 16's second round, written
//! for these tests (not taken from any fixture article): appositions
//! around a speaker, titles inside names, inverted subjects with an
//! apposition, time and venue adjuncts after the cue, datelines, a cue
//! that is part of a name. Each set is a snapshot of the drafts, and the
//! assertions name what must hold.

use claimgraph::author::extract::{ExtractOptions, extract};
use claimgraph::author::parse_party;
use claimgraph::model::Claim;

use crate::support::with_snapshots;

fn drafts(article: &str, parties: &[&str]) -> Vec<Claim> {
    let options = ExtractOptions {
        parties: parties.iter().map(|p| parse_party(p).unwrap()).collect(),
        language: None,
        case_id: "shapes".to_owned(),
    };
    extract(article, &options).claims
}

fn shown(claims: &[Claim]) -> String {
    claims
        .iter()
        .map(|c| {
            format!(
                "{} [{}{}] {}\n",
                c.id,
                c.party,
                c.speaker
                    .as_deref()
                    .map(|s| format!(", {s}"))
                    .unwrap_or_default(),
                c.text
            )
        })
        .collect()
}

fn has(claims: &[Claim], party: &str, speaker: &str, text: &str) -> bool {
    claims
        .iter()
        .any(|c| c.party == party && c.speaker.as_deref() == Some(speaker) && c.text == text)
}

#[test]
fn english_appositions_titles_and_adjuncts() {
    let article = "Council row over bridge repairs\n\n\
BOSTON — The city will close the Harbor Bridge for six months, Mayor Linda Osei said on Monday.\n\n\
Tom Baxter, the lawyer for the contractors, denied that the firm had skipped safety checks.\n\n\
A spokeswoman for the council, Mia Torres, rejected the claim that the tender had been rigged.\n\n\
Judge Carla M. Reyes said the hearing would resume in March.\n\n\
Fire Chief Anna Kowalski said the blaze started in the basement.\n\n\
Dr Omar Said told reporters the water was safe to drink.\n\n\
The council will vote on the repairs next week, said Linda Osei, the mayor.\n\n\
Harbor Staff walked out on Tuesday as the contractors said the site was unsafe.\n";
    let claims = drafts(
        article,
        &[
            "city=Linda Osei|the city",
            "contractors=Builders Union|the contractors",
            "council=Paul Hardy|the council",
        ],
    );
    // The dateline and the adjunct are not the content.
    assert!(
        has(
            &claims,
            "city",
            "Linda Osei",
            "The city will close the Harbor Bridge for six months."
        ),
        "{claims:#?}"
    );
    // A name beats its apposition, takes its side, and its denial names it.
    assert!(
        has(
            &claims,
            "contractors",
            "Tom Baxter",
            "Tom Baxter denied that the firm had skipped safety checks."
        ),
        "{claims:#?}"
    );
    assert!(
        has(
            &claims,
            "council",
            "Mia Torres",
            "Mia Torres rejected the claim that the tender had been rigged."
        ),
        "{claims:#?}"
    );
    // Titles are not names, initials are ("Carla M. Reyes"), and "Said"
    // in a name is no cue.
    for speaker in ["Carla M. Reyes", "Anna Kowalski", "Omar Said"] {
        assert!(
            claims.iter().any(|c| c.speaker.as_deref() == Some(speaker)),
            "{speaker}: {claims:#?}"
        );
    }
    assert!(
        has(&claims, "said", "Omar Said", "The water was safe to drink."),
        "{claims:#?}"
    );
    // A subordinate clause has its own subject ("as the contractors said").
    assert!(
        claims
            .iter()
            .any(|c| c.party == "contractors" && c.text == "The site was unsafe."),
        "{claims:#?}"
    );
    with_snapshots(|| insta::assert_snapshot!("authoring_extract_shapes_en", shown(&claims)));
}

#[test]
fn french_appositions_titles_and_inverted_subjects() {
    let article = "Litige autour du nouveau stade\n\n\
NANTES — La ville ne financera pas le nouveau stade, a déclaré lundi la maire, Mme Claire Duval.\n\n\
Me So-Ah Boyadjian, l'avocate du club, a démenti que le club ait caché ses comptes.\n\n\
Le commissaire aux comptes, Paul Lenoir, conteste les chiffres du club.\n\n\
Le bâtonnier Marc Henry a estimé que la procédure était irrégulière.\n\n\
« Le dossier est vide », a ajouté l'avocate.\n";
    let claims = drafts(
        article,
        &["ville=Claire Duval|la ville", "club=Le Club|le club"],
    );
    assert!(
        has(
            &claims,
            "ville",
            "Claire Duval",
            "La ville ne financera pas le nouveau stade."
        ),
        "{claims:#?}"
    );
    // "Me So-Ah Boyadjian" stays whole (not "Ah Boyadjian"), beats
    // "l'avocate du club", speaks for the club, and her denial names her.
    assert!(
        has(
            &claims,
            "club",
            "So-Ah Boyadjian",
            "So-Ah Boyadjian a démenti que le club ait caché ses comptes."
        ),
        "{claims:#?}"
    );
    assert!(
        claims
            .iter()
            .any(|c| c.text == "Paul Lenoir conteste les chiffres du club."),
        "{claims:#?}"
    );
    assert!(
        claims
            .iter()
            .any(|c| c.speaker.as_deref() == Some("Marc Henry")),
        "{claims:#?}"
    );
    // "l'avocate" refers back to the one named with that title before.
    let quote = claims.iter().find(|c| c.quote).unwrap();
    assert_eq!(quote.party, "club", "{claims:#?}");
    with_snapshots(|| insta::assert_snapshot!("authoring_extract_shapes_fr", shown(&claims)));
}

/// Sources in statements, audiences and venues: `told Reuters on Sunday`,
/// `In a statement, …`, `X added: "…"`, an unnamed source after
/// `according to` (unattributed, shown as written), a negated cue (no
/// statement), `Interrogé par l'AFP, …`, `Dans un communiqué, X affirme`.
#[test]
fn sources_audiences_and_unnamed_sources() {
    let english = drafts(
        "Port strike enters second week\n\n\
ROTTERDAM — Dock workers will stay out until the pay offer improves, union leader Kees Vermeer told Reuters on Sunday.\n\n\
In a statement, the port authority said the strike had cost shippers 40 million euros.\n\n\
\"We have made our best offer,\" said Ingrid Bakker, a spokeswoman for the port authority.\n\n\
Vermeer added: \"The offer does not cover inflation.\"\n\n\
According to the shipping association, forty vessels are waiting offshore.\n\n\
Bakker did not deny that the offer had been cut in March.\n",
        &[
            "union=Kees Vermeer|the union",
            "port=Ingrid Bakker|the port authority",
        ],
    );
    assert!(
        has(
            &english,
            "unattributed",
            "the shipping association",
            "Forty vessels are waiting offshore."
        ),
        "{english:#?}"
    );
    assert!(
        english
            .iter()
            .filter(|c| c.text.contains("cut in March"))
            .all(|c| c.party == "press"),
        "{english:#?}"
    );
    let french = drafts(
        "Grève des contrôleurs aériens\n\n\
PARIS — « Nous ne reprendrons pas le travail sans garanties », estime Luc Perrin, secrétaire général du syndicat.\n\n\
Interrogé par l'AFP, le directeur de l'aviation civile, Marc Olivier, a assuré que les vols seraient maintenus.\n\n\
Dans un communiqué, la compagnie affirme que 300 vols ont été annulés.\n\n\
Selon un communiqué du syndicat, les effectifs ont baissé de 10 % en cinq ans.\n\n\
La compagnie ne conteste pas que des vols ont été retardés.\n",
        &[
            "syndicat=Luc Perrin|le syndicat",
            "compagnie=Air Azur|la compagnie",
            "dgac=Marc Olivier",
        ],
    );
    assert!(
        has(
            &french,
            "dgac",
            "Marc Olivier",
            "Les vols seraient maintenus."
        ),
        "{french:#?}"
    );
    assert!(
        french
            .iter()
            .filter(|c| c.text.contains("retardés"))
            .all(|c| c.party == "press"),
        "{french:#?}"
    );
    with_snapshots(|| {
        insta::assert_snapshot!(
            "authoring_extract_shapes_sources",
            format!("{}\n{}", shown(&english), shown(&french))
        );
    });
}

/// French: an auxiliary and its participle apart (`ont, de leur côté,
/// affirmé`), a subject that is a plain noun phrase (unattributed, never
/// the last speaker), `Pour lui, …`, an announced object that keeps its
/// cue, a refusal to comment (no statement).
#[test]
fn french_interposed_words_plain_subjects_and_pour_lui() {
    let claims = drafts(
        "Projet de mine contesté\n\n\
GUÉRET — La mine créera 400 emplois, a assuré mardi sa présidente, Dana Whitfield.\n\n\
Les éleveurs ont, de leur côté, affirmé que la fosse assécherait leurs puits.\n\n\
Le maire, Jean Roche, 61 ans, a annoncé un recours devant le tribunal administratif.\n\n\
Pour lui, le permis ignore les zones humides.\n\n\
Elle a refusé de commenter le recours.\n",
        &["mine=Dana Whitfield|la mine", "mairie=Jean Roche"],
    );
    assert!(
        has(
            &claims,
            "unattributed",
            "Les éleveurs",
            "La fosse assécherait leurs puits."
        ),
        "{claims:#?}"
    );
    assert!(
        has(
            &claims,
            "mairie",
            "Jean Roche",
            "Jean Roche a annoncé un recours devant le tribunal administratif."
        ),
        "{claims:#?}"
    );
    assert!(
        has(
            &claims,
            "mairie",
            "Jean Roche",
            "Le permis ignore les zones humides."
        ),
        "{claims:#?}"
    );
    assert!(
        claims
            .iter()
            .filter(|c| c.text.contains("commenter"))
            .all(|c| c.party == "press"),
        "{claims:#?}"
    );
    with_snapshots(|| insta::assert_snapshot!("authoring_extract_shapes_fr_plain", shown(&claims)));
}

/// An inverted subject followed by a relative clause about the speaker,
/// and a party alias with a relative clause before its verb (its text
/// keeps its determiner).
#[test]
fn inverted_subjects_with_a_relative_clause() {
    let claims = drafts(
        "Hospital merger under review\n\n\
The merger would cut emergency wait times by a third, said Dr. Alan Price, who chairs the hospital board.\n\n\
The union, which represents 4,000 nurses, has called the plan \"reckless.\"\n",
        &["board=Alan Price|the board", "union=Carol Diaz|the union"],
    );
    assert!(
        has(
            &claims,
            "board",
            "Alan Price",
            "The merger would cut emergency wait times by a third."
        ),
        "{claims:#?}"
    );
    assert!(
        claims
            .iter()
            .any(|c| c.party == "union" && c.text == "The union has called the plan \"reckless.\""),
        "{claims:#?}"
    );
    with_snapshots(|| insta::assert_snapshot!("authoring_extract_shapes_relative", shown(&claims)));
}
