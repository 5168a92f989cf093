//! A deterministic corpus generator for the scale benchmark (`bench/run.sh`).
//!
//! `cargo run --release --example gen_corpus -- --claims 100000 --seed 7
//! --lang en --out /tmp/corpus-100k` writes a case directory:
//!
//! - `case.json`: the case (with its language, so no detection is needed)
//!   and four parties;
//! - `claims.jsonl`: one claim per line, ids `c0000001`, ...;
//! - `truth.tsv` (not a claim file: the loader ignores it): the planted
//!   pairs, `claim_a<TAB>claim_b<TAB>kind<TAB>expected relation`.
//!
//! Claims are short sentences of pronounceable pseudo-words (so that no
//! real cue word appears by chance): a few common words from a
//! Zipf-distributed vocabulary shared by all claims, words of the claim's
//! topic (one topic per fifty claims on average, each with its own
//! vocabulary), and a capitalised name from a Zipf-distributed list. A share of the claims
//! are planted in pairs between two different parties: a paraphrase (same
//! content reordered, one word swapped, sometimes the name spelt as a
//! transliteration variant), a negated contradiction, or the same content
//! with a different amount of money. The same size and seed always give
//! the same bytes.

use std::fmt::Write as _;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

/// A small, fast, well-mixed PRNG (SplitMix64) so that the output depends
/// on nothing but the seed.
struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Samples ranks 0..n with probability proportional to 1/(rank+1)^s.
struct Zipf {
    cdf: Vec<f64>,
}

impl Zipf {
    fn new(n: usize, s: f64) -> Zipf {
        let mut cdf = Vec::with_capacity(n);
        let mut total = 0.0;
        for rank in 0..n {
            total += 1.0 / ((rank + 1) as f64).powf(s);
            cdf.push(total);
        }
        for c in &mut cdf {
            *c /= total;
        }
        Zipf { cdf }
    }

    fn sample(&self, rng: &mut Rng) -> usize {
        let u = rng.unit();
        self.cdf.partition_point(|&c| c < u).min(self.cdf.len() - 1)
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Lang {
    En,
    Fr,
}

struct Args {
    claims: usize,
    seed: u64,
    lang: Lang,
    out: PathBuf,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        claims: 10_000,
        seed: 1,
        lang: Lang::En,
        out: PathBuf::from("corpus"),
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().ok_or_else(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--claims" => args.claims = value.parse().map_err(|e| format!("--claims: {e}"))?,
            "--seed" => args.seed = value.parse().map_err(|e| format!("--seed: {e}"))?,
            "--lang" => {
                args.lang = match value.as_str() {
                    "en" => Lang::En,
                    "fr" => Lang::Fr,
                    _ => return Err("--lang is en or fr".to_owned()),
                }
            }
            "--out" => args.out = PathBuf::from(value),
            _ => return Err(format!("unknown flag {flag}")),
        }
    }
    Ok(args)
}

const CONSONANTS: &[&str] = &[
    "b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "tr", "gl",
];
const VOWELS: &[&str] = &["a", "e", "i", "o", "u", "ai", "ou"];

/// `n` distinct pseudo-words of `syllables` syllables each.
fn pseudo_words(rng: &mut Rng, n: usize, syllables: usize) -> Vec<String> {
    let mut seen = std::collections::HashSet::with_capacity(n);
    let mut words = Vec::with_capacity(n);
    while words.len() < n {
        let mut w = String::new();
        for _ in 0..syllables {
            w.push_str(CONSONANTS[rng.below(CONSONANTS.len())]);
            w.push_str(VOWELS[rng.below(VOWELS.len())]);
        }
        w.push_str(["k", "n", "r", "l", "s", "t"][rng.below(6)]);
        if seen.insert(w.clone()) {
            words.push(w);
        }
    }
    words
}

fn capitalise(word: &str) -> String {
    let mut c = word.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// A transliteration variant of a name (Durov/Dourov, Zelensky/Zelenski).
fn variant(name: &str) -> String {
    if let Some(i) = name.find('u').filter(|&i| !name[..i].ends_with('o')) {
        format!("{}ou{}", &name[..i], &name[i + 1..])
    } else if name.contains("ou") {
        name.replacen("ou", "u", 1)
    } else if let Some(i) = name.rfind('i') {
        format!("{}y{}", &name[..i], &name[i + 1..])
    } else {
        format!("{name}h")
    }
}

/// The content of one claim, before it is written as a sentence.
#[derive(Clone)]
struct Content {
    name: String,
    words: Vec<String>,
    /// An amount of money, in about a quarter of the claims.
    amount: Option<u32>,
}

fn sentence(lang: Lang, c: &Content, negated: bool) -> String {
    let w = &c.words;
    let mut s = String::new();
    match lang {
        Lang::En => {
            let _ = write!(s, "The {} of {} ", w[0], c.name);
            s.push_str(if negated { "did not " } else { "did " });
            let _ = write!(s, "{} the {} {}", w[1], w[2], w[3]);
            if let Some(amount) = c.amount {
                let _ = write!(s, " for {amount} euros");
            }
            if w.len() > 4 {
                let _ = write!(s, " and the {}", w[4..].join(" "));
            }
        }
        Lang::Fr => {
            let _ = write!(s, "Le {} de {} ", w[0], c.name);
            s.push_str(if negated { "n'a pas " } else { "a " });
            let _ = write!(s, "{} le {} {}", w[1], w[2], w[3]);
            if let Some(amount) = c.amount {
                let _ = write!(s, " pour {amount} euros");
            }
            if w.len() > 4 {
                let _ = write!(s, " et les {}", w[4..].join(" "));
            }
        }
    }
    s.push('.');
    s
}

struct Generator {
    rng: Rng,
    /// Common words shared by every topic, Zipf-distributed.
    common: Vec<String>,
    common_zipf: Zipf,
    /// Topic words: topic `t` draws from `topic_words[t * TOPIC_WORDS..]`.
    topic_words: Vec<String>,
    n_topics: usize,
    topic_zipf: Zipf,
    names: Vec<String>,
    name_zipf: Zipf,
}

/// Words in one topic's vocabulary.
const TOPIC_WORDS: usize = 400;
/// Claims per topic, on average.
const CLAIMS_PER_TOPIC: usize = 50;

impl Generator {
    fn content(&mut self) -> Content {
        let topic = self.topic_zipf.sample(&mut self.rng) % self.n_topics;
        let n_common = 2 + self.rng.below(3);
        let n_topic = 5 + self.rng.below(4);
        let mut words: Vec<String> = Vec::with_capacity(n_common + n_topic);
        while words.len() < n_topic {
            let w = &self.topic_words[topic * TOPIC_WORDS + self.rng.below(TOPIC_WORDS)];
            if !words.contains(w) {
                words.push(w.clone());
            }
        }
        while words.len() < n_topic + n_common {
            let w = &self.common[self.common_zipf.sample(&mut self.rng)];
            if !words.contains(w) {
                words.push(w.clone());
            }
        }
        // Mix the common words in among the topic words.
        for i in (1..words.len()).rev() {
            let j = self.rng.below(i + 1);
            words.swap(i, j);
        }
        Content {
            name: self.names[self.name_zipf.sample(&mut self.rng)].clone(),
            words,
            amount: (self.rng.below(4) == 0).then(|| 10 + self.rng.below(990) as u32),
        }
    }

    /// The same content, reordered, with one word replaced and sometimes
    /// the name spelt differently.
    fn paraphrase(&mut self, c: &Content) -> Content {
        let mut p = c.clone();
        let tail = p.words.len() - 1;
        p.words.swap(2, 3);
        p.words[4..].reverse();
        let fresh = self.common[self.common_zipf.sample(&mut self.rng)].clone();
        if !p.words.contains(&fresh) {
            p.words[tail] = fresh;
        }
        if self.rng.below(4) == 0 {
            p.name = variant(&p.name);
        }
        p
    }
}

const PARTIES: &[(&str, &str, &str)] = &[
    ("prosecution", "The prosecution", "prosecution"),
    ("defense", "The defense", "defense"),
    ("press", "The press", "press"),
    ("witness", "A witness", "witness"),
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = parse_args().map_err(|e| format!("gen_corpus: {e}"))?;
    let mut rng = Rng(args.seed ^ 0x5eed_c1a1_6a0f_u64);
    // The vocabulary grows with the corpus: a fixed set of common words
    // (Zipf), and topics of their own words, more topics for more claims.
    let n_topics = (args.claims / CLAIMS_PER_TOPIC).max(1);
    let n_names = 200 + args.claims / 10;
    let mut pool = pseudo_words(&mut rng, 2_000 + n_topics * TOPIC_WORDS, 3);
    let topic_words = pool.split_off(2_000);
    let names: Vec<String> = pseudo_words(&mut rng, n_names, 3)
        .iter()
        .map(|n| capitalise(n))
        .collect();
    let mut generator = Generator {
        rng,
        common_zipf: Zipf::new(pool.len(), 1.0),
        common: pool,
        topic_words,
        topic_zipf: Zipf::new(n_topics, 0.3),
        n_topics,
        name_zipf: Zipf::new(names.len(), 0.6),
        names,
    };

    std::fs::create_dir_all(&args.out)?;
    let (code, title) = match args.lang {
        Lang::En => ("en", "Generated corpus"),
        Lang::Fr => ("fr", "Corpus généré"),
    };
    let case = serde_json::json!({
        "format": "claimgraph/1",
        "case": {
            "id": format!("generated-{}-{}", args.claims, args.seed),
            "title": title,
            "language": code,
        },
        "parties": PARTIES.iter().map(|(id, name, role)| serde_json::json!({
            "id": id, "name": name, "role": role,
        })).collect::<Vec<_>>(),
    });
    std::fs::write(
        args.out.join("case.json"),
        serde_json::to_string_pretty(&case)? + "\n",
    )?;

    let mut claims = BufWriter::new(std::fs::File::create(args.out.join("claims.jsonl"))?);
    let mut truth = BufWriter::new(std::fs::File::create(args.out.join("truth.tsv"))?);
    writeln!(truth, "claim_a\tclaim_b\tkind\texpected")?;
    let mut n = 0usize;
    let mut write_claim = |n: &mut usize, party: usize, text: &str| -> std::io::Result<String> {
        *n += 1;
        let id = format!("c{:07}", *n);
        let line = serde_json::json!({"id": id, "party": PARTIES[party].0, "text": text});
        writeln!(claims, "{line}")?;
        Ok(id)
    };
    while n < args.claims {
        let mut content = generator.content();
        let party = generator.rng.below(PARTIES.len());
        // About a third of the claims are in planted pairs.
        let planted = n + 2 <= args.claims && generator.rng.below(3) == 0;
        let kind = generator.rng.below(3);
        if planted && kind == 2 && content.amount.is_none() {
            content.amount = Some(10 + generator.rng.below(990) as u32);
        }
        let a = write_claim(&mut n, party, &sentence(args.lang, &content, false))?;
        if !planted {
            continue;
        }
        let other = (party + 1 + generator.rng.below(PARTIES.len() - 1)) % PARTIES.len();
        let (kind, expected, text) = match kind {
            0 => {
                let p = generator.paraphrase(&content);
                ("paraphrase", "supports", sentence(args.lang, &p, false))
            }
            1 => (
                "negation",
                "contradicts",
                sentence(args.lang, &content, true),
            ),
            _ => {
                let mut m = content.clone();
                m.amount = m.amount.map(|a| a + 1 + generator.rng.below(500) as u32);
                ("number", "contradicts", sentence(args.lang, &m, false))
            }
        };
        let b = write_claim(&mut n, other, &text)?;
        writeln!(truth, "{a}\t{b}\t{kind}\t{expected}")?;
    }
    claims.flush()?;
    truth.flush()?;
    Ok(())
}
