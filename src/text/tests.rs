//! End-to-end tests of [`Analyzer`]: tables of sentences, in French and
//! English, with what the analysis must find and what it must not find.
//! Module-level tests live next to each module.

use ustr::Ustr;

use super::*;
use crate::config::{Config, LexiconAdditions};

/// A negation case: text, negation cues, words that must be negated, words
/// that must not be.
type NegCase<'a> = (&'a str, &'a [&'a str], &'a [&'a str], &'a [&'a str]);

fn analyzer() -> Analyzer {
    let config = Config {
        aliases: vec![
            vec![
                "Telegram".into(),
                "la plateforme".into(),
                "la messagerie".into(),
            ],
            vec!["Durov".into(), "Dourov".into(), "Pavel Durov".into()],
        ],
        ..Config::default()
    };
    Analyzer::new(&config)
}

fn fr(text: &str) -> Analysis {
    analyzer().analyze(text, Some(Language::Fr))
}

fn en(text: &str) -> Analysis {
    analyzer().analyze(text, Some(Language::En))
}

fn negated(a: &Analysis) -> Vec<&str> {
    a.tokens
        .iter()
        .filter(|t| t.negated())
        .map(|t| t.norm.as_str())
        .collect()
}

fn cues(a: &Analysis, kind: CueKind) -> Vec<&str> {
    a.cues_of(kind).map(|c| c.cue.as_str()).collect()
}

#[test]
fn analyzer_is_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<Analyzer>();
}

#[test]
fn seed_two_french_negations() {
    let text = "Mais la plateforme n’a pas donné suite à ces demandes. Elle n’a pas réagi";
    let a = fr(text);
    assert_eq!(cues(&a, CueKind::Negation), ["ne…pas", "ne…pas"]);
    let first = &a.cues[0];
    assert_eq!(&text[first.span.start..first.span.end], "n’a pas");
    let neg = negated(&a);
    for w in ["a", "donne", "suite", "demandes", "reagi"] {
        assert!(neg.contains(&w), "{w} not negated in {neg:?}");
    }
    for w in ["mais", "plateforme", "elle", "ne", "pas"] {
        assert!(!neg.contains(&w), "{w} negated in {neg:?}");
    }
    let stems: Vec<&str> = a.content_stems().collect();
    assert!(stems.contains(&"telegram"), "{stems:?}");
    // `donné` may match through a thesaurus group; its own stem is `don`.
    assert!(
        a.tokens.iter().any(|t| t.word_stem.as_str() == "don"),
        "{stems:?}"
    );
    assert!(
        !stems.contains(&"pas") && !stems.contains(&"la"),
        "{stems:?}"
    );
}

#[test]
fn french_negation_table() {
    // (text, negation cues, negated words, words that must not be negated)
    let table: &[NegCase] = &[
        (
            "Il ne coopère jamais avec la justice",
            &["ne…jamais"],
            &["coopere", "justice"],
            &["il"],
        ),
        ("Il n'a plus rien dit", &["ne…plus"], &["a", "dit"], &["il"]),
        ("Elle n'a vu personne", &["ne…personne"], &["a", "vu"], &[]),
        (
            "Il n'a ni confirmé ni démenti",
            &["ne…ni"],
            &["a", "confirme"],
            &[],
        ),
        (
            "Ni la police ni la justice",
            &["ni…ni"],
            &["police", "justice"],
            &[],
        ),
        (
            "Rien ne prouve sa culpabilité",
            &["rien…ne"],
            &["prouve", "culpabilite"],
            &[],
        ),
        (
            "Aucun témoin n'a vu la scène",
            &["aucun…ne"],
            &["temoin", "vu", "scene"],
            &[],
        ),
        (
            "Il a agi sans autorisation",
            &["sans"],
            &["autorisation"],
            &["agi"],
        ),
        ("Je sais pas", &["pas"], &[], &["sais"]),
        ("C'est pas vrai", &["pas"], &["vrai"], &[]),
        (
            "Il ne répond pas, mais il coopère",
            &["ne…pas"],
            &["repond"],
            &["coopere"],
        ),
        (
            "Il ne répond pas car il coopère",
            &["ne…pas"],
            &["repond"],
            &["coopere"],
        ),
        ("non coupable", &["non"], &["coupable"], &[]),
        // `non` modifies its next content word, not the clause.
        (
            "Les personnes non vaccinées sont bien admises à l'hôpital",
            &["non"],
            &["vaccinees"],
            &["personnes", "admises", "hopital"],
        ),
        (
            "C'est une compétence des États et non des CDC",
            &["non"],
            &["cdc"],
            &["etats", "competence"],
        ),
        // `sans` negates its phrase, up to the next preposition.
        (
            "Des bébés sans système immunitaire en Australie",
            &["sans"],
            &["systeme", "immunitaire"],
            &["bebes", "australie"],
        ),
        // The conjunction `ou` joins words of one clause; the relative
        // `où` starts a new one.
        (
            "Ils n'empêchent pas de contracter ou de propager la maladie",
            &["ne…pas"],
            &["contracter", "propager", "maladie"],
            &[],
        ),
        (
            "Il ne connaît pas la ville où elle travaille",
            &["ne…pas"],
            &["connait", "ville"],
            &["travaille"],
        ),
        (
            "Il ne connaît pas la ville ou\u{300} elle travaille",
            &["ne…pas"],
            &["connait", "ville"],
            &["travaille"],
        ),
        // A `non` that answers negates nothing after it.
        ("C'est non et il est parti", &["non"], &[], &["parti"]),
        (
            "Il a dit non, puis il a quitté la ville",
            &["non"],
            &[],
            &["quitte", "ville"],
        ),
        // Without a number, the comparison itself is negated.
        (
            "Il n'y a pas plus de morts à cause des vaccins",
            &["ne…pas"],
            &["morts", "vaccins"],
            &[],
        ),
        ("Il paie ou il ne paie pas", &["ne…pas"], &["paie"], &[]),
        (
            "Elle n'appelle aucunement à arrêter la vaccination",
            &["ne…aucunement"],
            &["appelle", "arreter", "vaccination"],
            &[],
        ),
    ];
    for (text, want_cues, neg_words, pos_words) in table {
        let a = fr(text);
        assert_eq!(cues(&a, CueKind::Negation), *want_cues, "{text}");
        let neg = negated(&a);
        for w in *neg_words {
            assert!(neg.contains(w), "{text}: {w} not negated in {neg:?}");
        }
        for w in *pos_words {
            assert!(!neg.contains(w), "{text}: {w} negated in {neg:?}");
        }
    }
}

#[test]
fn french_non_negations() {
    for text in [
        "Il ne fait que répondre aux questions",
        "Il n'a fait que son travail",
        "n'importe qui peut publier",
        "avant qu'il ne parte",
        "Il a fait un pas en avant",
        "non seulement il coopère, mais il aide",
        "Qu'il soit coupable ou non, il paiera",
        "L'industrie représente pas moins de 40 % des robots",
        "Ils ne sont pas moins de 200 à manifester",
        "Tu viens ou pas ?",
        "Il est sans doute coupable",
        "Telegram coopère avec la justice",
    ] {
        let a = fr(text);
        assert!(
            cues(&a, CueKind::Negation).is_empty(),
            "{text}: {:?}",
            a.cues
        );
        assert!(negated(&a).is_empty(), "{text}: {:?}", negated(&a));
    }
    assert_eq!(
        cues(&fr("Il est sans doute coupable"), CueKind::Hedge),
        ["sans doute"]
    );
}

#[test]
fn english_negation_table() {
    let table: &[NegCase] = &[
        (
            "I did not cooperate",
            &["not"],
            &["cooperate"],
            &["i", "did"],
        ),
        ("I didn't cooperate", &["n't"], &["cooperate"], &["did"]),
        ("He never denied it", &["never"], &["denied", "it"], &["he"]),
        ("We have no evidence", &["no"], &["evidence"], &["we"]),
        (
            "Nobody was arrested",
            &["nobody"],
            &["was", "arrested"],
            &[],
        ),
        (
            "Neither the police nor the court",
            &["neither…nor"],
            &["police", "court"],
            &[],
        ),
        (
            "They acted without a warrant",
            &["without"],
            &["warrant"],
            &["acted"],
        ),
        (
            "He cannot pay, but he will",
            &["cannot"],
            &["pay"],
            &["will"],
        ),
        (
            "It won't happen because it is legal",
            &["n't"],
            &["happen"],
            &["legal"],
        ),
        ("No one saw him", &["no one"], &["saw", "him"], &[]),
        ("He did nothing wrong", &["nothing"], &["wrong"], &["did"]),
        // `without` negates its phrase, up to the next preposition.
        (
            "Camps without clean water in the north",
            &["without"],
            &["clean", "water"],
            &["camps", "north"],
        ),
        (
            "They do not spread or catch the disease",
            &["not"],
            &["spread", "catch", "disease"],
            &[],
        ),
        // An `or` elsewhere leaves a negation standing.
        (
            "Pay now or you will not be served",
            &["not"],
            &["served"],
            &["pay"],
        ),
    ];
    for (text, want_cues, neg_words, pos_words) in table {
        let a = en(text);
        assert_eq!(cues(&a, CueKind::Negation), *want_cues, "{text}");
        let neg = negated(&a);
        for w in *neg_words {
            assert!(neg.contains(w), "{text}: {w} not negated in {neg:?}");
        }
        for w in *pos_words {
            assert!(!neg.contains(w), "{text}: {w} negated in {neg:?}");
        }
    }
    assert_eq!(cues(&en("He never denied it"), CueKind::Denial), ["deny"]);
}

#[test]
fn english_non_negations() {
    for text in [
        "Not only did he pay, he also apologised",
        "I cooperated",
        "whether or not",
        // Alternatives ask; they do not deny.
        "Rocco Forte is or is not opposing the quarantine",
        "the universities should or shouldn't have stayed closed",
        "the hotels can or cannot open profitably",
        "it is / is not electioneering that drives the reaction",
        "does Ian Wood want or not want to jump in",
        "no more than 5 people came",
        "not fewer than 200 wards went on strike",
    ] {
        let a = en(text);
        assert!(
            cues(&a, CueKind::Negation).is_empty(),
            "{text}: {:?}",
            a.cues
        );
    }
}

#[test]
fn double_negation_is_affirmative() {
    for (a, label) in [
        // The inner phrase ends before the outer clause does.
        (
            en("The new vaccine is not without risk for the children of the region"),
            "not without risk for",
        ),
        (
            fr("Le vaccin n'est pas sans risque pour les enfants de la région"),
            "pas sans risque pour",
        ),
        (en("It is not untrue that he paid"), "not untrue"),
        (en("He came not without a lawyer"), "not without"),
        (en("We have no doubt that he paid"), "no doubt"),
        (en("It is not entirely false"), "not entirely false"),
        (fr("Ce n'est pas faux"), "pas faux"),
        (fr("ce n’est pas sans conséquences"), "pas sans"),
        (fr("Il n'y a aucun doute qu'il a menti"), "aucun doute"),
    ] {
        assert!(
            cues(&a, CueKind::Negation).is_empty(),
            "{label}: {:?}",
            a.cues
        );
        assert!(
            cues(&a, CueKind::Denial).is_empty(),
            "{label}: {:?}",
            a.cues
        );
        assert!(negated(&a).is_empty(), "{label}: {:?}", negated(&a));
        assert!(!a.cancelled.is_empty(), "{label}: {:?}", a.cancelled);
    }
}

#[test]
fn denial_table() {
    let table: &[(&str, Language, &[&str])] = &[
        ("c’est absolument faux", Language::Fr, &["absolument faux"]),
        ("Dourov nie les faits", Language::Fr, &["nier"]),
        ("Il a démenti ces informations", Language::Fr, &["dementir"]),
        ("Telegram dément", Language::Fr, &["dementir"]),
        (
            "Son avocat conteste la version du parquet",
            Language::Fr,
            &["contester"],
        ),
        ("Il refuse de coopérer", Language::Fr, &["refuser"]),
        ("Des accusations infondées", Language::Fr, &["infonde"]),
        ("Ils démentent", Language::Fr, &["dementir"]),
        ("Elle a contesté", Language::Fr, &["contester"]),
        ("C'est un mensonge", Language::Fr, &["mensonge"]),
        (
            "une information erronée et inexacte",
            Language::Fr,
            &["errone", "inexact"],
        ),
        ("He denied the charges", Language::En, &["deny"]),
        ("She denies it", Language::En, &["deny"]),
        ("The report is false", Language::En, &["false"]),
        ("This is a hoax", Language::En, &["hoax"]),
        ("That is a baseless lie", Language::En, &["baseless", "lie"]),
        ("He lied", Language::En, &["lie"]),
        ("They rejected the claim", Language::En, &["reject"]),
        ("It's fake news", Language::En, &["fake news"]),
    ];
    for (text, lang, want) in table {
        let a = analyzer().analyze(text, Some(*lang));
        assert_eq!(cues(&a, CueKind::Denial), *want, "{text}");
        assert!(a.cues_of(CueKind::Denial).all(|c| !c.cue.is_empty()));
    }
    for (text, lang) in [
        ("Il a confirmé les faits", Language::Fr),
        ("He admitted it", Language::En),
        ("Il n'a ni confirmé", Language::Fr),
    ] {
        let a = analyzer().analyze(text, Some(lang));
        assert!(cues(&a, CueKind::Denial).is_empty(), "{text}: {:?}", a.cues);
    }
}

#[test]
fn hedge_table() {
    let table: &[(&str, Language, &[&str])] = &[
        (
            "l’administration d’une plateforme en ligne prétendument utilisée par le crime organisé",
            Language::Fr,
            &["pretendument"],
        ),
        ("Il aurait transmis des données", Language::Fr, &["aurait"]),
        (
            "Selon le parquet, il est coupable",
            Language::Fr,
            &["selon"],
        ),
        ("C'est peut-être vrai", Language::Fr, &["peut etre"]),
        ("Il semble que oui", Language::Fr, &["il semble"]),
        ("le présumé coupable", Language::Fr, &["presume"]),
        ("He allegedly paid", Language::En, &["allegedly"]),
        ("It may be true", Language::En, &["may"]),
        ("He is likely guilty", Language::En, &["likely"]),
        (
            "Reportedly, the app was used",
            Language::En,
            &["reportedly"],
        ),
    ];
    for (text, lang, want) in table {
        let a = analyzer().analyze(text, Some(*lang));
        assert_eq!(cues(&a, CueKind::Hedge), *want, "{text}");
    }
    for (text, lang) in [
        ("Il a transmis des données", Language::Fr),
        ("He likes cats", Language::En),
        ("In May 2024 he paid", Language::En),
    ] {
        let a = analyzer().analyze(text, Some(lang));
        assert!(cues(&a, CueKind::Hedge).is_empty(), "{text}: {:?}", a.cues);
    }
}

#[test]
fn reported_speech() {
    let text = "Il a dénoncé les affirmations de certains médias selon lesquelles sa plateforme « C’est une sorte de paradis anarchique ». Fin.";
    let a = fr(text);
    let reported = cues(&a, CueKind::Reported);
    assert_eq!(
        reported,
        ["les affirmations", "selon lesquelles"],
        "{:?}",
        a.cues
    );
    let words: Vec<&str> = a.reported_tokens().map(|t| t.norm.as_str()).collect();
    for w in ["paradis", "anarchique", "plateforme", "medias"] {
        assert!(words.contains(&w), "{w} not reported in {words:?}");
    }
    for w in ["denonce", "fin"] {
        assert!(!words.contains(&w), "{w} reported in {words:?}");
    }
    let span = a.reported_span().map(|s| &text[s.start..s.end]);
    let cue = &a
        .cues_of(CueKind::Reported)
        .next()
        .map(|c| &text[c.span.start..c.span.end]);
    assert_eq!(*cue, Some("les affirmations de"));
    assert_eq!(
        span,
        Some(
            "certains médias selon lesquelles sa plateforme « C’est une sorte de paradis anarchique"
        )
    );

    for (text, lang, cue) in [
        (
            "Certains médias affirment que Telegram coopère",
            Language::Fr,
            "certains * affirment",
        ),
        ("Some say that he paid", Language::En, "some say"),
        (
            "Critics claim the app is unsafe",
            Language::En,
            "critics claim",
        ),
        ("It is claimed that he fled", Language::En, "it is claimed"),
        (
            "There are rumours that he fled",
            Language::En,
            "rumours that",
        ),
        (
            "He rejected allegations that he fled",
            Language::En,
            "allegations that",
        ),
    ] {
        let a = analyzer().analyze(text, Some(lang));
        assert_eq!(cues(&a, CueKind::Reported), [cue], "{text}");
        assert!(a.tokens.last().is_some_and(|t| t.reported()), "{text}");
    }
    for (text, lang) in [
        ("Telegram coopère avec la justice", Language::Fr),
        ("He paid the fine", Language::En),
    ] {
        let a = analyzer().analyze(text, Some(lang));
        assert!(a.reported_span().is_none(), "{text}");
    }
}

#[test]
fn aliases_and_entities() {
    let a = fr("Pavel Durov a dit que la messagerie et sa plateforme coopèrent. Dourov dément.");
    let carriers: Vec<(&str, &str)> = a
        .tokens
        .iter()
        .filter(|t| t.entity() && !t.stop())
        .map(|t| (t.norm.as_str(), t.stem.as_str()))
        .collect();
    assert_eq!(
        carriers,
        [
            ("pavel", "durov"),
            ("messagerie", "telegram"),
            ("plateforme", "telegram"),
            ("dourov", "durov")
        ]
    );
    let stems: Vec<&str> = a.content_stems().collect();
    assert_eq!(
        stems.iter().filter(|s| **s == "durov").count(),
        2,
        "{stems:?}"
    );
    assert!(!stems.contains(&"la"));
    // Capitalised words mid-sentence are entities, sentence-initial ones are not.
    let a = en("Yesterday the Paris prosecutor spoke to Le Monde.");
    let ents: Vec<&str> = a
        .tokens
        .iter()
        .filter(|t| t.entity())
        .map(|t| t.norm.as_str())
        .collect();
    assert_eq!(ents, ["paris", "le", "monde"]);
}

#[test]
fn tokens_have_stems_and_byte_spans() {
    let text = "L’enquête visait l'administration d’une plateforme";
    let a = fr(text);
    let t: Vec<(&str, &str, &str, bool)> = a
        .tokens
        .iter()
        .map(|t| {
            (
                &text[t.span().start..t.span().end],
                t.norm.as_str(),
                t.stem.as_str(),
                t.stop(),
            )
        })
        .collect();
    assert_eq!(t[0], ("L’", "le", "le", true));
    assert_eq!(t[1], ("enquête", "enquete", "enquet", false));
    assert_eq!(t[4].1, "administration");
    assert!(!t[4].3);
}

#[test]
fn language_detection() {
    let an = analyzer();
    for (text, want) in [
        (
            "la plateforme n'a pas donné suite à ces demandes",
            Language::Fr,
        ),
        ("Elle n'a pas réagi", Language::Fr),
        ("c'est faux", Language::Fr),
        ("I cooperated", Language::En),
        ("He never denied it", Language::En),
        ("The deficit grew by $3 billion in 2024", Language::En),
        ("", Language::En),
    ] {
        let a = an.analyze(text, None);
        assert_eq!(a.language, want, "{text}");
        assert!(a.language_detected);
    }
    assert!(!an.analyze("x", Some(Language::Fr)).language_detected);
}

#[test]
fn fuzzy_matching() {
    let an = analyzer();
    assert!(an.fuzzy_match("durov", "dourov").is_some());
    assert!(an.fuzzy_match("telegram", "telegramme").is_some());
    for (a, b) in [
        ("police", "politique"),
        ("durov", "durov"),
        ("pas", "pis"),
        ("plus", "plis"),
        ("", ""),
        ("negation", "question"),
    ] {
        assert_eq!(an.fuzzy_match(a, b), None, "{a}/{b}");
    }
    let config = Config {
        fuzzy_threshold: 0.99,
        ..Config::default()
    };
    assert_eq!(
        Analyzer::new(&config).fuzzy_match("telegram", "telegramme"),
        None
    );
}

#[test]
fn jaro_winkler_bound_never_cuts_a_match() {
    // Pseudo-names over a small alphabet (so that many pairs share most
    // letters), with diacritics, doubled letters and skeleton rewrites
    // (`ou`, `ph`, `y`, `w`), at several thresholds: the bounded
    // comparison must give exactly what Jaro-Winkler on the words and on
    // their skeletons gives.
    let mut state = 0x9e37_79b9_u64;
    let mut next = |n: u64| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1);
        (state >> 33) % n
    };
    let pieces = [
        "a", "ou", "u", "ph", "f", "y", "i", "w", "v", "r", "d", "é", "ss", "o", "k",
    ];
    let words: Vec<String> = (0..400)
        .map(|_| {
            let len = 2 + next(8);
            (0..len).map(|_| pieces[next(15) as usize]).collect()
        })
        .collect();
    let comparable = |w: &str| (4..=MAX_FUZZY_CHARS).contains(&w.chars().count());
    let mut matched = 0;
    for threshold in [0.8, 0.85, 0.9, 0.95] {
        let an = Analyzer::new(&Config {
            fuzzy_threshold: threshold,
            ..Config::default()
        });
        for a in &words {
            for b in words.iter().take(100) {
                let plain = strsim::jaro_winkler(a, b);
                let skeletons =
                    strsim::jaro_winkler(&normalize::skeleton(a), &normalize::skeleton(b));
                assert!(jaro_winkler_bound(a, b) >= plain, "{a}/{b}");
                let score = if plain >= threshold {
                    plain
                } else {
                    plain.max(skeletons)
                };
                let expected = (a != b && comparable(a) && comparable(b) && score >= threshold)
                    .then_some(score);
                assert_eq!(an.fuzzy_match(a, b), expected, "{a}/{b} at {threshold}");
                matched += usize::from(expected.is_some());
            }
        }
    }
    assert!(matched > 100, "{matched}");
}

#[test]
fn antonyms_through_the_analyzer() {
    let an = analyzer();
    let stem = |text: &str, lang| an.analyze(text, Some(lang)).tokens[0].word_stem;
    for (a, b) in [
        ("vrai", "faux"),
        ("ouvert", "fermé"),
        ("augmente", "diminue"),
        ("légal", "illégal"),
    ] {
        assert!(
            an.are_antonyms(Language::Fr, &stem(a, Language::Fr), &stem(b, Language::Fr)),
            "{a}/{b}"
        );
    }
    for (a, b) in [
        ("open", "closed"),
        ("increase", "decreased"),
        ("true", "false"),
        ("safe", "unsafe"),
        ("win", "lose"),
        ("accept", "rejects"),
    ] {
        assert!(
            an.are_antonyms(Language::En, &stem(a, Language::En), &stem(b, Language::En)),
            "{a}/{b}"
        );
    }
    assert!(!an.are_antonyms(Language::En, "open", "true"));
    assert!(
        !an.are_antonyms(Language::Fr, "open", "closed")
            || an.are_antonyms(Language::En, "open", "closed")
    );

    let config = Config {
        lexicon: LexiconAdditions {
            antonyms: vec![["coopérer".into(), "entraver".into()]],
            ..LexiconAdditions::default()
        },
        ..Config::default()
    };
    let mut an = Analyzer::new(&config);
    assert!(an.are_antonyms(Language::Fr, "cooperer", "entraver"));
    assert_eq!(an.replace_antonyms(Language::Fr, "chaud\tfroid\n"), 1);
    assert!(an.are_antonyms(Language::Fr, "chaud", "froid"));
    assert!(!an.are_antonyms(Language::Fr, "vrai", "faux"));
    assert!(an.are_antonyms(Language::Fr, "cooperer", "entraver"));
}

/// The reviewed exceptions and the sense filters of
/// `scripts/antonyms/generate.py`: words that name different things (gender,
/// age, colours, directions, the parties' roles) or whose antonymy holds in
/// one sense of many are not antonyms; opposite statements still are.
#[test]
fn antonyms_leave_out_different_things_and_polysemous_words() {
    let an = analyzer();
    let stem = |text: &str, lang| an.analyze(text, Some(lang)).tokens[0].word_stem;
    let en = |a: &str, b: &str| {
        an.are_antonyms(Language::En, &stem(a, Language::En), &stem(b, Language::En))
    };
    let fr = |a: &str, b: &str| {
        an.are_antonyms(Language::Fr, &stem(a, Language::Fr), &stem(b, Language::Fr))
    };
    for (a, b) in [
        ("man", "woman"),
        ("old", "young"),
        ("black", "white"),
        ("north", "south"),
        ("left", "right"),
        ("day", "night"),
        ("defense", "prosecution"),
        ("come", "go"),
        ("first", "last"),
    ] {
        assert!(!en(a, b), "{a}/{b} must not be antonyms");
    }
    for (a, b) in [
        ("success", "failure"),
        ("acceptance", "rejection"),
        ("guilty", "innocent"),
        ("legal", "illegal"),
        ("abundant", "scarce"),
    ] {
        assert!(en(a, b), "{a}/{b} are antonyms");
    }
    for (a, b) in [
        ("homme", "femme"),
        ("jeune", "vieux"),
        ("nouveau", "ancien"),
        ("gauche", "droite"),
        ("accuser", "défendre"),
        ("national", "international"),
    ] {
        assert!(!fr(a, b), "{a}/{b} must not be antonyms");
    }
    for (a, b) in [
        ("coupable", "innocent"),
        ("accepter", "refuser"),
        ("possible", "impossible"),
    ] {
        assert!(fr(a, b), "{a}/{b} are antonyms");
    }
}

/// Thesaurus groups make different words one term for relatedness, in
/// both languages, and never reach polarity: antonyms are looked up by each
/// word's own stem.
#[test]
fn synonyms_relate_words_but_never_oppose_them() {
    let an = analyzer();
    let content = |text: &str, lang| -> Vec<(Ustr, Ustr)> {
        an.analyze(text, Some(lang))
            .tokens
            .iter()
            .filter(|t| !t.stop())
            .map(|t| (t.stem, t.word_stem))
            .collect()
    };
    let shares = |a: &str, b: &str, lang| {
        let (x, y) = (content(a, lang), content(b, lang));
        x.iter().any(|(s, _)| y.iter().any(|(t, _)| s == t))
    };
    assert!(shares(
        "le refus de coopérer",
        "ouverte à la collaboration",
        Language::Fr
    ));
    assert!(shares(
        "it was mainly about money",
        "principally money",
        Language::En
    ));
    assert!(shares("prices fluctuate", "prices oscillate", Language::En));
    // Words of different senses stay apart (coopérer / aider, cooperate /
    // help), and so do unrelated words.
    assert!(!shares("coopérer", "aider", Language::Fr));
    assert!(!shares("cooperate", "help", Language::En));
    assert!(!shares("la collaboration", "la plateforme", Language::Fr));
    // The word's own stem is kept beside the group's.
    let [(stem, word)] = content("collaboration", Language::Fr)[..] else {
        panic!("one content word")
    };
    assert_eq!(word.as_str(), "collabor");
    assert_ne!(stem, Ustr::from(""));
    // coopérer/obstruer is an antonym pair; collaborer, its synonym, does
    // not inherit it.
    let word_stem = |w: &str| content(w, Language::Fr)[0].1;
    assert!(an.are_antonyms(Language::Fr, &word_stem("coopérer"), &word_stem("obstruer")));
    assert!(!an.are_antonyms(
        Language::Fr,
        &word_stem("collaborer"),
        &word_stem("obstruer")
    ));
    // A case can turn the thesaurus off.
    let off = Analyzer::new(&Config {
        synonyms: false,
        ..Config::default()
    });
    let a = off.analyze("coopérer", Some(Language::Fr));
    let b = off.analyze("collaboration", Some(Language::Fr));
    assert_ne!(a.tokens[0].stem, b.tokens[0].stem);
}

#[test]
fn lexicon_additions_from_config() {
    let config = Config {
        lexicon: LexiconAdditions {
            stopwords: vec!["messagerie".into()],
            negations: vec!["nullement".into(), "hors de question".into()],
            denials: vec!["travestir".into()],
            hedges: vec!["soi-disant".into()],
            antonyms: vec![],
        },
        ..Config::default()
    };
    let an = Analyzer::new(&config);
    let a = an.analyze(
        "La messagerie travestit, soi-disant, et c'est hors de question qu'il paie",
        Some(Language::Fr),
    );
    assert!(a.tokens.iter().any(|t| t.norm == "messagerie" && t.stop()));
    assert_eq!(cues(&a, CueKind::Denial), ["travestir"]);
    assert_eq!(cues(&a, CueKind::Hedge), ["soi disant"]);
    assert_eq!(cues(&a, CueKind::Negation), ["hors de question"]);
    assert!(negated(&a).contains(&"paie"));
}

#[test]
fn seed_quantities_through_the_analyzer() {
    let a = fr("Il a payé une caution de 5 millions d’euros (5,55 millions de dollars).");
    let q: Vec<(f64, Option<&str>)> = a
        .quantities
        .iter()
        .map(|q| (q.value, q.unit.as_deref()))
        .collect();
    assert_eq!(q, [(5e6, Some("eur")), (5.55e6, Some("usd"))]);
    let a = en("the deficit grew by $3 billion");
    assert_eq!(a.quantities.len(), 1);
    assert_eq!(a.quantities[0].value, 3e9);
    assert_eq!(a.quantities[0].unit.as_deref(), Some("usd"));
    let a = fr("des millions de messages");
    assert!(a.quantities[0].vague);
}

#[test]
fn never_panics_and_spans_stay_in_bounds() {
    let an = analyzer();
    let long = "Il n’a pas donné suite, « c’est faux » ! 5,55 millions d’euros. ".repeat(2000);
    let mut inputs: Vec<String> = [
        "",
        " ",
        "\n\n",
        "’",
        "n'",
        "ne",
        "pas",
        "ne ne ne pas pas",
        "ni",
        "ni ni ni",
        "not not not",
        "«»“”",
        "🙂 n’a 🙂 pas",
        "e\u{301}\u{301}\u{301}",
        "\u{0}\u{1}\u{2}",
        "ǅ ǈ ǋ",
        "İSTANBUL ıi",
        "ﬁﬂ",
        "٣٤٥",
        "1 000 000 000 000 000 000 000 000 000",
        "$€£%",
        "2024-02-30",
        "selon",
        "selon lesquelles",
        "les affirmations de",
        "certains",
        "no",
        "No.",
        "a",
        "¿¡",
        "\u{202e}abc",
        "ᄀᄀᄀ",
        "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    inputs.push(long);
    for text in &inputs {
        for lang in [None, Some(Language::Fr), Some(Language::En)] {
            let a = an.analyze(text, lang);
            for t in &a.tokens {
                assert!(text.get(t.span().start..t.span().end).is_some(), "{text:?}");
            }
            for c in a.cues.iter().chain(&a.cancelled) {
                assert!(text.get(c.span.start..c.span.end).is_some(), "{text:?}");
            }
            for q in &a.quantities {
                assert!(text.get(q.span.start..q.span.end).is_some(), "{text:?}");
            }
        }
    }
}

proptest::proptest! {
    #[test]
    fn any_text_is_analysed_without_panic(text in proptest::prelude::any::<String>(), lang in 0u8..3) {
        static ANALYZER: std::sync::OnceLock<Analyzer> = std::sync::OnceLock::new();
        let an = ANALYZER.get_or_init(analyzer);
        let language = match lang { 0 => None, 1 => Some(Language::Fr), _ => Some(Language::En) };
        let a = an.analyze(&text, language);
        for span in a.tokens.iter().map(|t| t.span())
            .chain(a.cues.iter().map(|c| c.span))
            .chain(a.quantities.iter().map(|q| q.span))
        {
            proptest::prop_assert!(text.get(span.start..span.end).is_some());
        }
    }
}

/// Hostile shapes: one claim made of one construction repeated tens of
/// thousands of times. Each analysis step is linear in the claim's length
/// (the bench times them, see `docs/scale.md`); these tests check that the
/// answers are still the ones the rules define.
mod hostile {
    use super::*;

    #[test]
    fn repeated_ne_pas_verb_gets_a_scope_per_negation() {
        // `ne pas dormir` ×N in one clause: each negation's scope runs to the
        // end of the clause, so the k-th `dormir` lies in k + 1 scopes and is
        // negated when k is even. No pair cancels (`dormir` is no filler).
        let n = 100_000;
        let a = fr(&"ne pas dormir ".repeat(n));
        assert_eq!(a.tokens.len(), 3 * n);
        assert_eq!(a.cues_of(CueKind::Negation).count(), n);
        assert!(a.cancelled.is_empty());
        let dormir: Vec<bool> = a
            .tokens
            .iter()
            .filter(|t| t.norm == "dormir")
            .map(|t| t.negated())
            .collect();
        assert_eq!(dormir.len(), n);
        for (k, negated) in dormir.iter().enumerate() {
            assert_eq!(*negated, k % 2 == 0, "dormir #{k}");
        }
        assert_eq!(a.negated_stems().count(), n / 2);
    }

    #[test]
    fn repeated_ne_pas_cancels_in_pairs() {
        // `ne pas ne pas`: the second negation follows the first directly,
        // so they cancel two by two and nothing is negated.
        let n = 100_000;
        let a = fr(&"ne pas ".repeat(n));
        assert_eq!(a.cancelled.len(), n);
        assert!(a.cues.is_empty());
        assert!(a.tokens.iter().all(|t| !t.negated()));
    }

    #[test]
    fn runs_of_negative_words() {
        let n = 50_001;
        // `sans sans …`: an odd count leaves the last one standing.
        let a = fr(&"sans ".repeat(n));
        assert_eq!(cues(&a, CueKind::Negation), ["sans"]);
        assert_eq!(a.cancelled.len(), n - 1);
        // `non non …` is a run of answers, each negating nothing (so none
        // cancels another). `sans x sans x …` and `non x non x …` give each
        // cue a bounded scope, so the analysis stays linear: each x of
        // `non x …` is negated by its own `non` only.
        let a = fr(&"non ".repeat(n));
        assert_eq!(cues(&a, CueKind::Negation).len(), n);
        assert!(a.tokens.iter().all(|t| !t.negated()));
        let a = fr(&"sans x ".repeat(n));
        assert_eq!(a.cues.len() + a.cancelled.len(), n);
        let a = fr(&"non x ".repeat(n));
        assert_eq!(cues(&a, CueKind::Negation).len(), n);
        assert!(a.tokens.iter().skip(1).step_by(2).all(Token::negated));
        // `not not …` and `neither neither …` likewise.
        let a = en(&"not ".repeat(n));
        assert_eq!(cues(&a, CueKind::Negation), ["not"]);
        assert_eq!(a.cancelled.len(), n - 1);
        let a = en(&"neither ".repeat(n));
        assert_eq!(cues(&a, CueKind::Negation), ["neither"]);
        assert_eq!(a.cancelled.len(), n - 1);
        // `ni ni …` is one `ni…ni` negation holding every `ni`.
        let a = fr(&"ni x ".repeat(n));
        assert_eq!(cues(&a, CueKind::Negation), ["ni…ni"]);
        let x: Vec<bool> = a
            .tokens
            .iter()
            .skip(1)
            .step_by(2)
            .map(|t| t.negated())
            .collect();
        assert_eq!(x.len(), n);
        assert!(x.iter().all(|&negated| negated));
        // `ne ne …`: a lone `ne` is expletive.
        let a = fr(&"ne ".repeat(n));
        assert!(a.cues.is_empty() && a.cancelled.is_empty());
        // `ne ni ne ni …`: the first `ne…ni` takes every `ni`; the other
        // `ne`s have no second part left.
        let a = fr(&"ne ni ".repeat(n));
        assert_eq!(cues(&a, CueKind::Negation), ["ne…ni"]);
        assert_eq!(
            a.cues[0].span,
            Span {
                start: 0,
                end: 6 * n - 1
            }
        );
    }

    #[test]
    fn preposed_words_pair_with_the_nearest_ne() {
        // `ni ni … ne ne …`: each `ne` takes the nearest unused `ni` before
        // it, so every `ne` makes one `ni…ne` negation.
        let n = 50_000;
        let text = format!("{}{}", "ni ".repeat(n), "ne ".repeat(n));
        let a = fr(&text);
        assert_eq!(a.cues_of(CueKind::Negation).count(), n);
        assert!(a.cues.iter().all(|c| c.cue == "ni…ne"));
        // The last `ni` pairs with the first `ne`.
        assert_eq!(
            a.cues[n - 1].span,
            Span {
                start: 3 * (n - 1),
                end: 3 * n + 2
            }
        );
    }

    #[test]
    fn repeated_cancellers_and_reported_speech() {
        let n = 50_000;
        // `pas faux pas faux …`: `faux` right after `pas` cancels it, as
        // `ce n'est pas faux` does. After a `faux`, `pas` is a noun (`faux
        // pas`), so only the first pair cancels and the other `faux` are
        // denials.
        let a = fr(&"pas faux ".repeat(n));
        assert!(a.tokens.iter().all(|t| !t.negated()));
        let cancelled: Vec<&str> = a.cancelled.iter().map(|c| c.cue.as_str()).collect();
        assert_eq!(cancelled, ["pas", "faux"]);
        assert_eq!(cues(&a, CueKind::Denial).len(), n - 1);
        assert_eq!(a.cues.len(), n - 1);
        // `selon certains …`: reported speech from the first cue to the end
        // of the sentence.
        let a = fr(&"selon certains ".repeat(n));
        assert_eq!(a.cues_of(CueKind::Reported).count(), n);
        assert_eq!(a.reported_tokens().count(), 2 * n - 2);
        let a = en(&"claims that ".repeat(n));
        assert_eq!(a.cues_of(CueKind::Reported).count(), n);
        assert_eq!(a.reported_tokens().count(), 2 * n - 2);
    }

    #[test]
    fn a_run_of_fives_is_one_number_per_five() {
        let n = 1 << 17;
        let text = "5 ".repeat(n);
        for a in [fr(&text), en(&text)] {
            assert_eq!(a.quantities.len(), n);
            for (k, q) in a.quantities.iter().enumerate() {
                assert_eq!((q.value, q.unit.as_deref()), (5.0, None));
                assert_eq!(
                    q.span,
                    Span {
                        start: 2 * k,
                        end: 2 * k + 1
                    }
                );
            }
        }
        // The last number of a long run still sees the word before the run.
        let a = fr(&format!("âgé de {}39 ans", "5 ".repeat(10_000)));
        assert_eq!(
            a.quantities.last().map(|q| q.unit.as_deref()),
            Some(Some("age"))
        );
    }

    #[test]
    fn long_digit_groups_are_read_128_at_a_time() {
        // `1 000 000 …` with 2^18 groups of `000`: no f64 holds it. A
        // numeral is at most 128 groups: from `1` that is 1e381, not finite,
        // so it is skipped; then each 128 groups of `000` are one zero.
        let groups = 1 << 18;
        let text = format!("1{}", " 000".repeat(groups));
        let a = fr(&text);
        assert_eq!(a.quantities.len(), groups / 128);
        for (k, q) in a.quantities.iter().enumerate() {
            assert_eq!(q.value, 0.0);
            let start = 2 + 4 * 128 * k;
            assert_eq!(
                q.span,
                Span {
                    start,
                    end: start + 4 * 128 - 1
                }
            );
        }
        // Below the bound a run is still one number.
        let a = fr(&format!("1{} euros", " 000".repeat(100)));
        assert_eq!(a.quantities.len(), 1);
        assert_eq!(a.quantities[0].value, 1e300);
        assert_eq!(a.quantities[0].unit.as_deref(), Some("eur"));
    }

    #[test]
    fn repeated_dates_are_each_a_date() {
        let n = 20_000;
        let a = fr(&"le 28 août 2024 ".repeat(n));
        assert_eq!(a.quantities.len(), n);
        assert!(
            a.quantities
                .iter()
                .all(|q| q.value == 20_240_828.0 && q.unit.as_deref() == Some("date"))
        );
        let a = en(&"August 28, 2024 ".repeat(n));
        assert_eq!(a.quantities.len(), n);
        assert!(a.quantities.iter().all(|q| q.value == 20_240_828.0));
    }

    #[test]
    fn one_megabyte_word_is_one_unstemmed_token() {
        for unit in ["a", "qu", "ui", "ay"] {
            let text = unit.repeat((1 << 20) / unit.len());
            let a = fr(&text);
            assert_eq!(a.tokens.len(), 1);
            let t = &a.tokens[0];
            assert_eq!(
                t.span(),
                Span {
                    start: 0,
                    end: 1 << 20
                }
            );
            // Too long to be a word: it keeps its folded form as its stem.
            assert_eq!(t.stem, t.norm);
            assert_eq!(t.norm.len(), 1 << 20);
        }
        // A word of normal length is still stemmed.
        assert_eq!(fr("enquêtes").tokens[0].stem, "enquet");
    }

    #[test]
    fn words_past_64_characters_are_not_spelling_variants() {
        let an = analyzer();
        let name = "Dourov".repeat(10);
        let variant = name.replacen("ou", "u", 1);
        // 60 and 59 characters: still compared.
        assert!(
            an.fuzzy_match(&name.to_lowercase(), &variant.to_lowercase())
                .is_some()
        );
        let long = format!("{name}abcde");
        let long_variant = format!("{variant}abcde");
        assert_eq!(long.chars().count(), 65);
        assert_eq!(an.fuzzy_match(&long, &long_variant), None);
        let huge = "x".repeat(1 << 20);
        assert_eq!(an.fuzzy_match(&huge, &format!("{huge}y")), None);
    }

    #[test]
    fn runs_of_quotes_and_elisions() {
        let n = 1 << 17;
        let a = fr(&"« ".repeat(n));
        assert!(a.tokens.is_empty() && a.cues.is_empty() && a.quantities.is_empty());
        let a = en(&"\" ".repeat(n));
        assert!(a.tokens.is_empty());
        // `l'l'l'…`: one elided article per `l'`, the last one bare.
        let a = fr(&"l'".repeat(n));
        assert_eq!(a.tokens.len(), n);
        assert!(a.tokens[..n - 1].iter().all(|t| t.norm == "le" && t.stop()));
        assert_eq!(a.tokens[n - 1].norm, "l");
    }
}

#[test]
fn a_token_is_32_bytes_and_its_flags_do_not_touch_its_span() {
    assert_eq!(std::mem::size_of::<Token>(), 32);
    let word = Ustr::from("mot");
    let span = Span {
        start: 7,
        end: Token::MAX_OFFSET,
    };
    let mut t = Token::new(span, word, word, word);
    assert!(!(t.stop() || t.negated() || t.entity() || t.reported()));
    t.set_negated(true);
    t.set_reported(true);
    assert!(t.negated() && t.reported() && !t.stop() && !t.entity());
    assert_eq!(t.span(), span);
    t.set_stop(true);
    t.set_entity(true);
    t.set_negated(false);
    assert!(t.stop() && t.entity() && t.reported() && !t.negated());
    assert_eq!(t.span(), span);
    // An offset past the largest is cut there, never wrapped into a flag.
    let far = Token::new(
        Span {
            start: Token::MAX_OFFSET + 5,
            end: usize::MAX,
        },
        word,
        word,
        word,
    );
    assert_eq!(far.span().start, Token::MAX_OFFSET);
    assert_eq!(far.span().end, Token::MAX_OFFSET);
    assert!(!(far.stop() || far.negated() || far.entity() || far.reported()));
}
