//! Data-driven tests of every inference rule, in French and English: what
//! each rule catches and what it must not catch.
//!
//! A case is two claim texts in, the expected outcome out, written as
//! `relation: cue rules that fired` (`contradicts: polarity.negation`,
//! `supports`, `none: lexical.antonym`). The relatedness rules
//! (`similarity.tokens`, `gate.same_event`) are left out of the string:
//! they fire on almost every case and are tested through the relation. On
//! failure the message shows the whole `explain` trace of the pair.

use claimgraph::config::Config;
use claimgraph::explain::{ExplainedClaim, render_assessment};
use claimgraph::infer::{self, ClaimText, Scratch, Weights, rules};
use claimgraph::model::Language::{self, En, Fr};
use claimgraph::text::Analyzer;

/// Assesses one pair and compares the outcome with `expect`.
fn check(lang: Language, a: &str, b: &str, expect: &str) {
    check_with(lang, (a, None), (b, None), expect);
}

/// Like [`check`], with a speaker on each side.
fn check_with(
    lang: Language,
    (a, speaker_a): (&str, Option<&str>),
    (b, speaker_b): (&str, Option<&str>),
    expect: &str,
) {
    let config = Config::default();
    let analyzer = Analyzer::new(&config);
    let (analysis_a, analysis_b) = (
        analyzer.analyze(a, Some(lang)),
        analyzer.analyze(b, Some(lang)),
    );
    let weights = Weights::from_analyses([&analysis_a, &analysis_b]);
    let (side_a, side_b) = (
        ClaimText {
            text: a,
            analysis: &analysis_a,
            speaker: speaker_a,
            term_weights: None,
        },
        ClaimText {
            text: b,
            analysis: &analysis_b,
            speaker: speaker_b,
            term_weights: None,
        },
    );
    let assessment = infer::assess(side_a, side_b, &weights, &analyzer, &config);
    // The graph's cheap decision gives the verdict the explained run gives,
    // and every rule's explanation finds what its decision found.
    let mut scratch = Scratch::default();
    let decided = rules::decide(side_a, side_b, &weights, &analyzer, &config, &mut scratch);
    assert_eq!(
        decided.map(|v| (v.relation, v.confidence.to_bits(), v.reversed)),
        (assessment.relation).map(|r| (r, assessment.confidence.to_bits(), assessment.reversed)),
        "decision and explanation disagree on {a:?} / {b:?}"
    );
    assert_eq!(assessment.unexplained, None, "{a:?} / {b:?}");
    let cues: Vec<&str> = assessment
        .fired()
        .map(|r| r.rule)
        .filter(|r| !matches!(*r, "similarity.tokens" | "gate.same_event"))
        .collect();
    let relation = assessment.relation.map_or("none", |r| r.as_str());
    let actual = if cues.is_empty() {
        relation.to_owned()
    } else {
        format!("{relation}: {}", cues.join(", "))
    };
    if actual != expect {
        let mut trace = Vec::new();
        render_assessment(
            ExplainedClaim {
                id: "a",
                party: speaker_a,
                text: a,
                analysis: &analysis_a,
            },
            ExplainedClaim {
                id: "b",
                party: speaker_b,
                text: b,
                analysis: &analysis_b,
            },
            &assessment,
            &mut trace,
        )
        .unwrap();
        panic!(
            "\nexpected: {expect}\n  actual: {actual}\n\n{}",
            String::from_utf8_lossy(&trace)
        );
    }
}

#[test]
fn similarity_and_same_event_gate() {
    // Catches: the same statement, a shorter claim covered by a longer one.
    check(
        Fr,
        "Pavel Durov a été arrêté au Bourget samedi soir.",
        "Pavel Durov a été arrêté samedi au Bourget.",
        "supports",
    );
    check(
        En,
        "The senator voted for the minimum wage bill in March.",
        "The senator voted for the minimum wage bill.",
        "supports",
    );
    // Must not catch: unrelated claims, or claims sharing one word only.
    check(
        Fr,
        "La messagerie compte un milliard d'utilisateurs.",
        "Le juge a fixé une caution élevée.",
        "none",
    );
    check(
        En,
        "The bill raises the minimum wage.",
        "The weather in Havana was mild.",
        "none",
    );
    check(
        En,
        "The senator praised the farmers of Ohio.",
        "The senator missed the vote on disarmament.",
        "none",
    );
}

#[test]
fn negation() {
    // Catches: a shared term negated on one side only.
    check(
        Fr,
        "La plateforme a donné suite aux demandes de la justice.",
        "La plateforme n'a pas donné suite aux demandes de la justice.",
        "contradicts: polarity.negation",
    );
    check(
        En,
        "The company paid the fine imposed by the court.",
        "The company never paid the fine imposed by the court.",
        "contradicts: polarity.negation",
    );
    // Must not catch: double negation, negation on both sides.
    check(
        Fr,
        "Ce n'est pas faux que la plateforme a coopéré avec la police.",
        "La plateforme a coopéré avec la police.",
        "supports",
    );
    check(
        En,
        "The company did not pay the fine imposed by the court.",
        "The company never paid the fine imposed by the court.",
        "supports",
    );
    // Must not catch: a negation in the longer claim about something the
    // shorter one never says.
    check(
        En,
        "Female mosquitoes carry the malaria parasite to humans, but the insects do not fall ill themselves.",
        "Female mosquitoes carry the malaria parasite.",
        "supports",
    );
    check(
        Fr,
        "Les moustiques femelles transmettent le paludisme aux humains, mais les insectes ne tombent pas malades eux-mêmes.",
        "Les moustiques femelles transmettent le paludisme.",
        "supports",
    );
}

#[test]
fn denial() {
    // Catches: one claim denies what the other asserts.
    check(
        Fr,
        "Telegram refuse de coopérer avec les autorités françaises.",
        "Telegram coopère avec les autorités françaises.",
        "contradicts: polarity.denial",
    );
    check(
        En,
        "The minister denied that the hospital lacked ventilators.",
        "The hospital lacked ventilators, the minister said.",
        "contradicts: polarity.denial",
    );
    // Must not catch: both sides deny.
    check(
        En,
        "The minister denied that the hospital lacked ventilators.",
        "The minister rejected claims that the hospital lacked ventilators.",
        "supports",
    );
    check(
        Fr,
        "Le ministre a démenti que l'hôpital manquait de respirateurs.",
        "Le ministre a nié que l'hôpital manquait de respirateurs.",
        "supports",
    );
}

#[test]
fn antonyms() {
    // Catches: antonyms next to shared words (WordNet and prefix pairs).
    check(
        En,
        "The border with Mexico is open to trucks.",
        "The border with Mexico is closed to trucks.",
        "contradicts: lexical.antonym",
    );
    check(
        Fr,
        "Le rassemblement de la place centrale était légal.",
        "Le rassemblement de la place centrale était illégal.",
        "contradicts: lexical.antonym",
    );
    // Must not catch: antonyms within one claim.
    check(
        En,
        "Exports rose and imports fell in Canada last year.",
        "Exports rose in Canada last year.",
        "supports",
    );
    check(
        Fr,
        "Le début et la fin du procès de Marseille sont prévus en mars.",
        "Le procès de Marseille est prévu en mars.",
        "supports",
    );
}

#[test]
fn numbers() {
    // Catches: different values that count the same thing.
    check(
        Fr,
        "La caution de Pavel Durov est fixée à 5 millions d'euros.",
        "La caution de Pavel Durov est fixée à 3 millions d'euros.",
        "contradicts: number.mismatch",
    );
    check(
        En,
        "Four people died in the fire at the Leeds factory.",
        "Seven people died in the fire at the Leeds factory.",
        "contradicts: number.mismatch",
    );
    // Must not catch: a vague against a precise quantity, bounds that agree,
    // numbers that count different things.
    check(
        Fr,
        "Des millions de messages circulent chaque jour sur Telegram.",
        "Cinq millions de messages circulent chaque jour sur Telegram.",
        "supports",
    );
    check(
        Fr,
        "Plus de 200 services d'urgences étaient en grève en 2019.",
        "Il y a eu 207 services d'urgences en grève en 2019.",
        "supports",
    );
    check(
        En,
        "More than 200 emergency wards went on strike in 2019.",
        "207 emergency wards went on strike in 2019.",
        "supports",
    );
    // A negated bound is a bound, not a negation: "pas moins de 200" is
    // at least 200, which 207 meets; "no more than 150" is at most 150,
    // which 207 breaks.
    check(
        Fr,
        "Pas moins de 200 services d'urgences étaient en grève en 2019.",
        "Il y a eu 207 services d'urgences en grève en 2019.",
        "supports",
    );
    check(
        En,
        "No more than 150 emergency wards went on strike in 2019.",
        "207 emergency wards went on strike in 2019.",
        "contradicts: number.mismatch",
    );
    check(
        En,
        "Last week's violence in Kabul left 23 dead, including two worshippers.",
        "Two worshippers were killed in Kabul last week.",
        "supports",
    );
}

#[test]
fn hedges_lower_confidence() {
    // Catches: a hedge near the shared words lowers the confidence.
    check(
        En,
        "The company allegedly never paid the fine imposed by the court.",
        "The company paid the fine imposed by the court.",
        "contradicts: polarity.negation, modality.hedge",
    );
    check(
        Fr,
        "La plateforme n'aurait prétendument pas donné suite aux demandes de la justice.",
        "La plateforme a donné suite aux demandes de la justice.",
        "contradicts: polarity.negation, modality.hedge",
    );
    // Must not catch: a pair with no hedge.
    check(
        En,
        "The company paid the fine imposed by the court.",
        "The company paid the fine imposed by the court in June.",
        "supports",
    );
}

#[test]
fn reported_speech_is_not_held() {
    // Catches: the negated content is only reported, so no contradiction
    // is held by the speaker.
    check(
        Fr,
        "Certains médias affirment que la plateforme n'a pas donné suite aux demandes de la justice.",
        "La plateforme a donné suite aux demandes de la justice.",
        "none: speech.reported",
    );
    check(
        En,
        "Some say that the company never paid the fine imposed by the court.",
        "The company paid the fine imposed by the court.",
        "none: speech.reported",
    );
    // Must not catch: content the speaker holds.
    check(
        Fr,
        "La plateforme n'a pas donné suite aux demandes de la justice.",
        "La plateforme a donné suite aux demandes de la justice.",
        "contradicts: polarity.negation",
    );
}

#[test]
fn same_speaker() {
    // Catches: one speaker's claims that overlap a little support each
    // other; different speakers need more overlap.
    check_with(
        En,
        ("We must protect the NHS this winter.", Some("minister")),
        ("The NHS staff deserve a pay rise.", Some("minister")),
        "supports: speaker.same",
    );
    check_with(
        En,
        ("We must protect the NHS this winter.", Some("minister")),
        ("The NHS staff deserve a pay rise.", Some("nurse")),
        "none",
    );
    // Must not catch: a speaker's negation alone is not a self-contradiction.
    check_with(
        Fr,
        ("La plateforme a donné suite aux demandes.", Some("parquet")),
        (
            "La plateforme n'a pas donné suite aux demandes.",
            Some("parquet"),
        ),
        "none: polarity.negation, speaker.same",
    );
    check_with(
        Fr,
        ("La plateforme a donné suite aux demandes.", Some("durov")),
        (
            "La plateforme n'a pas donné suite aux demandes.",
            Some("parquet"),
        ),
        "contradicts: polarity.negation, speaker.opposed",
    );
}

/// Long passages of a debate: they cover little of each other, so a
/// negation alone is too weak, unless two different speakers share several
/// anchors.
const KENNEDY: &str = "The next administration will not resume nuclear testing, and it will build schools, hospitals, highways, dams, harbours and libraries across every state of this great and growing country for our children and grandchildren.";
const NIXON: &str = "We shall resume nuclear testing because our scientists need fresh data, our allies in Europe worry, the free world expects strength and firm leadership from Washington, and patience has limits after two long years of waiting.";
const DUROV: &str = "La plateforme ne supprime pas les contenus signalés, et elle investit dans des serveurs, des ingénieurs, des traducteurs, des partenariats, des écoles et des bourses partout en Europe, en Asie et en Afrique.";
const PARQUET: &str = "Elle supprime les contenus signalés seulement après des semaines, quand les victimes, les familles, les associations, les juges et les policiers ont déjà renoncé à obtenir réparation devant les tribunaux.";

#[test]
fn opposed_speakers() {
    // Catches: a negation between two speakers arguing one point, in long
    // passages that share several anchors but little else.
    check_with(
        En,
        (KENNEDY, Some("kennedy")),
        (NIXON, Some("nixon")),
        "contradicts: polarity.negation, speaker.opposed",
    );
    check_with(
        Fr,
        (DUROV, Some("durov")),
        (PARQUET, Some("parquet")),
        "contradicts: polarity.negation, speaker.opposed",
    );
    // Must not catch: the same passages from unknown speakers (the cue is
    // too weak for so little overlap) or from one speaker.
    check(En, KENNEDY, NIXON, "none: polarity.negation");
    check_with(
        Fr,
        (DUROV, Some("parquet")),
        (PARQUET, Some("parquet")),
        "none: polarity.negation, speaker.same",
    );
    // Must not catch: opposed speakers with no contradiction cue; the rule
    // raises confidence, it never creates a contradiction.
    check_with(
        En,
        (
            "We shall resume nuclear testing soon, and build schools, hospitals, highways, dams, harbours and libraries across every state of this great country.",
            Some("kennedy"),
        ),
        (NIXON, Some("nixon")),
        "none: speaker.opposed",
    );
}

/// The assessment of one pair under `config`, with optional speakers.
fn assess_with(
    config: &Config,
    lang: Language,
    (a, speaker_a): (&str, Option<&str>),
    (b, speaker_b): (&str, Option<&str>),
) -> infer::Assessment {
    let analyzer = Analyzer::new(config);
    let (x, y) = (
        analyzer.analyze(a, Some(lang)),
        analyzer.analyze(b, Some(lang)),
    );
    let weights = Weights::from_analyses([&x, &y]);
    let side = |text, analysis, speaker| ClaimText {
        text,
        analysis,
        speaker,
        term_weights: None,
    };
    infer::assess(
        side(a, &x, speaker_a),
        side(b, &y, speaker_b),
        &weights,
        &analyzer,
        config,
    )
}

/// Two denials score the same (the cue's strength) but print what their
/// features say: on the labelled dev files a denial between two unknown
/// speakers (a claim and its fact-check) is right more often than one
/// between two known parties.
#[test]
fn calibrated_confidence_reads_the_evidence_not_only_the_rule() {
    let config = Config::default();
    let short = assess_with(
        &config,
        Fr,
        ("Telegram a coopéré avec la justice française.", None),
        (
            "Telegram a refusé de coopérer avec la justice française.",
            None,
        ),
    );
    let parties = assess_with(
        &config,
        Fr,
        (
            "Telegram a coopéré avec la justice française.",
            Some("defense"),
        ),
        (
            "Telegram a refusé de coopérer avec la justice française.",
            Some("prosecution"),
        ),
    );
    assert_eq!(short.score.to_bits(), parties.score.to_bits());
    for (name, a) in [("short", &short), ("parties", &parties)] {
        assert_eq!(a.relation, Some(infer::Relation::Contradicts), "{name}");
        assert!((0.0..=1.0).contains(&a.confidence), "{name}");
        let expected = infer::calibration::confidence(infer::Relation::Contradicts, &a.features);
        assert_eq!(a.confidence.to_bits(), expected.to_bits(), "{name}");
    }
    assert!(
        (short.confidence - parties.confidence).abs() > 0.05,
        "short {} / parties {}",
        short.confidence,
        parties.confidence
    );
}

/// `min_calibrated` removes the edges printed below it and leaves the
/// rules' score alone; `min_confidence`, the old name of `min_score`, is
/// still read.
#[test]
fn min_calibrated_filters_what_edges_print() {
    let pair = (
        ("The minister did not sign the decree.", None),
        ("The minister signed the decree.", None),
    );
    let open = assess_with(&Config::default(), En, pair.0, pair.1);
    assert_eq!(open.relation, Some(infer::Relation::Contradicts));
    let above = Config {
        min_calibrated: open.confidence + 0.01,
        ..Config::default()
    };
    assert_eq!(assess_with(&above, En, pair.0, pair.1).relation, None);
    let below = Config {
        min_calibrated: open.confidence - 0.01,
        ..Config::default()
    };
    let kept = assess_with(&below, En, pair.0, pair.1);
    assert_eq!(kept.relation, open.relation);
    assert_eq!(kept.score.to_bits(), open.score.to_bits());
    let old: claimgraph::config::ConfigFile =
        serde_json::from_str(r#"{"min_confidence": 0.9}"#).expect("the old name parses");
    assert_eq!(Config::resolve(Some(&old)).min_score, 0.9);
    let both: claimgraph::config::ConfigFile =
        serde_json::from_str(r#"{"min_confidence": 0.9, "min_score": 0.7}"#).expect("parses");
    assert_eq!(Config::resolve(Some(&both)).min_score, 0.7);
}

/// The calibration feature `negation.both`: `polarity.negation` fired
/// between two claims that both hold a negation. Such contradictions are
/// right less often on every dev file (DACCORD 54% against 80%,
/// Nixon-Kennedy 32% against 50%, QT30 10% against 22%), often because one
/// negation's scope reaches words the other places outside it ("ne
/// s'applique pas aux vaccins" / "les vaccins ne sont pas concernés"). A
/// negation only reported does not count.
#[test]
fn both_negated_is_a_calibration_feature() {
    let at = infer::calibration::FEATURES
        .iter()
        .position(|f| *f == "negation.both")
        .expect("the feature exists");
    // (language, A, B, the feature, whether the rules find a contradiction)
    let cases: &[(Language, &str, &str, f64, bool)] = &[
        (
            Fr,
            "Le nouveau règlement ne s'applique pas aux vaccins déjà sur le marché.",
            "Les vaccins sur le marché ne sont pas concernés par le nouveau règlement.",
            1.0,
            true,
        ),
        (
            Fr,
            "Le nouveau règlement ne s'applique pas aux vaccins déjà sur le marché.",
            "Le nouveau règlement s'applique aux vaccins déjà sur le marché.",
            0.0,
            true,
        ),
        (
            En,
            "The new rules do not apply to vaccines already on the market.",
            "Vaccines on the market are not covered by the new rules.",
            1.0,
            true,
        ),
        (
            En,
            "The new rules do not apply to vaccines already on the market.",
            "The new rules apply to vaccines already on the market.",
            0.0,
            true,
        ),
        (
            En,
            "Critics claim that the new rules do not apply to vaccines on the market.",
            "The new rules do not apply to vaccines on the market.",
            0.0,
            false,
        ),
        // Both negated, but the contradiction is the count's, not the
        // negation's.
        (
            Fr,
            "Le ministère n'a pas recensé 200 décès en mars.",
            "Le ministère n'a pas recensé 300 décès en mars.",
            0.0,
            true,
        ),
    ];
    for (lang, a, b, want, contradicts) in cases {
        let x = assess_with(&Config::default(), *lang, (a, None), (b, None));
        assert_eq!(x.features.0[at], *want, "{a} / {b}");
        let found = x.relation == Some(infer::Relation::Contradicts);
        assert_eq!(found, *contradicts, "{a} / {b}");
    }
    let w = infer::calibration::CONTRADICTS[at];
    assert!(
        w < 0.0,
        "fitted weight {w}: two negated claims are less often opposed"
    );
}
