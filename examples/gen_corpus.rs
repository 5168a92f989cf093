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
//!
//! Other corpora, for the bench rows of issue 14 (the default mode's bytes
//! do not change with them):
//!
//! - `--topics large`: topics of about 500 claims, each claim drawing about
//!   a third of its content words from its topic's 40 words and the rest
//!   from a Zipf vocabulary of 20,000 words; 20% of the claims are French
//!   (with `"language": "fr"`); planted pairs as in the default mode. News
//!   about one event looks like this.
//! - `--shape repeated`: `--claims` claims made of 50 distinct sentences
//!   repeated, across the four parties (a retweet-like corpus); no planted
//!   pairs.
//! - `--shape identical`: `--claims` claims with one identical text.
//! - `--shape zipf-dense`: `--claims` claims whose content words all come
//!   from a Zipf vocabulary of 20,000 words (no topics), with planted pairs.
//! - `--shape huge-claim`: one claim of `--bytes` bytes (default 1 MiB, the
//!   loader's default limit) of `5 5 5 …`.
//! - `--shape huge-negation`: one French claim of `--bytes` bytes (default
//!   700,000: 100,000 times `ne pas `) of `ne pas ne pas …`.
// An example writes its output files: the file-system rule of clippy.toml
// is the library's.
#![allow(clippy::disallowed_methods)]

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

/// Which corpus to write.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// Small topics with their own vocabularies (the bench's first corpus).
    Default,
    /// `--topics large`.
    LargeTopics,
    Repeated,
    Identical,
    ZipfDense,
    HugeClaim,
    HugeNegation,
}

struct Args {
    claims: usize,
    seed: u64,
    lang: Lang,
    out: PathBuf,
    shape: Shape,
    /// The size of the one claim of the `huge-*` shapes.
    bytes: Option<usize>,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        claims: 10_000,
        seed: 1,
        lang: Lang::En,
        out: PathBuf::from("corpus"),
        shape: Shape::Default,
        bytes: None,
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
            "--topics" => {
                args.shape = match value.as_str() {
                    "default" => Shape::Default,
                    "large" => Shape::LargeTopics,
                    _ => return Err("--topics is default or large".to_owned()),
                }
            }
            "--shape" => {
                args.shape = match value.as_str() {
                    "default" => Shape::Default,
                    "repeated" => Shape::Repeated,
                    "identical" => Shape::Identical,
                    "zipf-dense" => Shape::ZipfDense,
                    "huge-claim" => Shape::HugeClaim,
                    "huge-negation" => Shape::HugeNegation,
                    _ => {
                        return Err("--shape is default, repeated, identical, zipf-dense, \
                             huge-claim or huge-negation"
                            .to_owned());
                    }
                }
            }
            "--bytes" => args.bytes = Some(value.parse().map_err(|e| format!("--bytes: {e}"))?),
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
    /// The claim's language.
    lang: Lang,
}

fn sentence(c: &Content, negated: bool) -> String {
    let w = &c.words;
    let mut s = String::new();
    match c.lang {
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

/// What the planted-pair corpora draw their claims from.
trait Contents {
    fn rng(&mut self) -> &mut Rng;
    /// A fresh claim's content.
    fn content(&mut self) -> Content;
    /// The same content, reordered, with one word replaced and sometimes
    /// the name spelt differently.
    fn paraphrase(&mut self, c: &Content) -> Content;
}

/// [`Contents::paraphrase`], drawing the fresh word from `common`.
fn paraphrase_with(rng: &mut Rng, common: &[String], zipf: &Zipf, c: &Content) -> Content {
    let mut p = c.clone();
    let tail = p.words.len() - 1;
    p.words.swap(2, 3);
    p.words[4..].reverse();
    let fresh = common[zipf.sample(rng)].clone();
    if !p.words.contains(&fresh) {
        p.words[tail] = fresh;
    }
    if rng.below(4) == 0 {
        p.name = variant(&p.name);
    }
    p
}

/// The default corpus: small topics, each with its own vocabulary.
struct Generator {
    rng: Rng,
    lang: Lang,
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
    fn new(mut rng: Rng, claims: usize, lang: Lang) -> Generator {
        // The vocabulary grows with the corpus: a fixed set of common words
        // (Zipf), and topics of their own words, more topics for more claims.
        let n_topics = (claims / CLAIMS_PER_TOPIC).max(1);
        let n_names = 200 + claims / 10;
        let mut pool = pseudo_words(&mut rng, 2_000 + n_topics * TOPIC_WORDS, 3);
        let topic_words = pool.split_off(2_000);
        let names: Vec<String> = pseudo_words(&mut rng, n_names, 3)
            .iter()
            .map(|n| capitalise(n))
            .collect();
        Generator {
            rng,
            lang,
            common_zipf: Zipf::new(pool.len(), 1.0),
            common: pool,
            topic_words,
            topic_zipf: Zipf::new(n_topics, 0.3),
            n_topics,
            name_zipf: Zipf::new(names.len(), 0.6),
            names,
        }
    }
}

impl Contents for Generator {
    fn rng(&mut self) -> &mut Rng {
        &mut self.rng
    }

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
            lang: self.lang,
        }
    }

    fn paraphrase(&mut self, c: &Content) -> Content {
        paraphrase_with(&mut self.rng, &self.common, &self.common_zipf, c)
    }
}

/// Words in the Zipf vocabulary of the large-topic and Zipf-dense corpora.
const ZIPF_WORDS: usize = 20_000;
/// Claims per topic in the large-topic corpus, on average.
const LARGE_TOPIC_CLAIMS: usize = 500;
/// Words in one large topic's vocabulary.
const LARGE_TOPIC_WORDS: usize = 40;

/// The large-topic and Zipf-dense corpora: content words from one Zipf
/// vocabulary, plus (with topics) about a third from the claim's topic.
struct Mixed {
    rng: Rng,
    lang: Lang,
    /// The share of French claims, in fifths.
    french_fifths: usize,
    common: Vec<String>,
    common_zipf: Zipf,
    /// Topic `t` draws from `topic_words[t * LARGE_TOPIC_WORDS..]`; empty
    /// for no topics.
    topic_words: Vec<String>,
    n_topics: usize,
    names: Vec<String>,
    name_zipf: Zipf,
}

impl Mixed {
    fn new(mut rng: Rng, claims: usize, lang: Lang, topics: bool) -> Mixed {
        let n_topics = if topics {
            (claims / LARGE_TOPIC_CLAIMS).max(1)
        } else {
            0
        };
        let mut pool = pseudo_words(&mut rng, ZIPF_WORDS + n_topics * LARGE_TOPIC_WORDS, 3);
        let topic_words = pool.split_off(ZIPF_WORDS);
        let names: Vec<String> = pseudo_words(&mut rng, 200 + claims / 10, 3)
            .iter()
            .map(|n| capitalise(n))
            .collect();
        Mixed {
            rng,
            lang,
            french_fifths: if topics { 1 } else { 0 },
            common_zipf: Zipf::new(pool.len(), 1.0),
            common: pool,
            topic_words,
            n_topics,
            name_zipf: Zipf::new(names.len(), 0.6),
            names,
        }
    }
}

impl Contents for Mixed {
    fn rng(&mut self) -> &mut Rng {
        &mut self.rng
    }

    fn content(&mut self) -> Content {
        let lang = if self.rng.below(5) < self.french_fifths {
            Lang::Fr
        } else {
            self.lang
        };
        let n_words = 6 + self.rng.below(4);
        let mut words: Vec<String> = Vec::with_capacity(n_words);
        if self.n_topics > 0 {
            // About a third: 2 of 6 or 7 words, 3 of 8 or 9.
            let n_topic = (n_words + 1) / 3;
            let topic = self.rng.below(self.n_topics);
            while words.len() < n_topic {
                let k = topic * LARGE_TOPIC_WORDS + self.rng.below(LARGE_TOPIC_WORDS);
                let w = &self.topic_words[k];
                if !words.contains(w) {
                    words.push(w.clone());
                }
            }
        }
        while words.len() < n_words {
            let w = &self.common[self.common_zipf.sample(&mut self.rng)];
            if !words.contains(w) {
                words.push(w.clone());
            }
        }
        for i in (1..words.len()).rev() {
            let j = self.rng.below(i + 1);
            words.swap(i, j);
        }
        Content {
            name: self.names[self.name_zipf.sample(&mut self.rng)].clone(),
            words,
            amount: (self.rng.below(4) == 0).then(|| 10 + self.rng.below(990) as u32),
            lang,
        }
    }

    fn paraphrase(&mut self, c: &Content) -> Content {
        paraphrase_with(&mut self.rng, &self.common, &self.common_zipf, c)
    }
}

const PARTIES: &[(&str, &str, &str)] = &[
    ("prosecution", "The prosecution", "prosecution"),
    ("defense", "The defense", "defense"),
    ("press", "The press", "press"),
    ("witness", "A witness", "witness"),
];

/// The claim and truth files being written.
struct Output {
    claims: BufWriter<std::fs::File>,
    truth: BufWriter<std::fs::File>,
    /// Claims written so far.
    n: usize,
    /// The case's language: a claim in another one says so.
    case_lang: Lang,
}

impl Output {
    fn create(dir: &std::path::Path, case_lang: Lang) -> std::io::Result<Output> {
        let mut truth = BufWriter::new(std::fs::File::create(dir.join("truth.tsv"))?);
        writeln!(truth, "claim_a\tclaim_b\tkind\texpected")?;
        Ok(Output {
            claims: BufWriter::new(std::fs::File::create(dir.join("claims.jsonl"))?),
            truth,
            n: 0,
            case_lang,
        })
    }

    fn claim(&mut self, party: usize, text: &str, lang: Lang) -> std::io::Result<String> {
        self.n += 1;
        let id = format!("c{:07}", self.n);
        let line = if lang == self.case_lang {
            serde_json::json!({"id": id, "party": PARTIES[party].0, "text": text})
        } else {
            serde_json::json!({"id": id, "party": PARTIES[party].0, "text": text, "language": lang.code()})
        };
        writeln!(self.claims, "{line}")?;
        Ok(id)
    }

    fn finish(mut self) -> std::io::Result<()> {
        self.claims.flush()?;
        self.truth.flush()
    }
}

impl Lang {
    fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
        }
    }
}

/// `claims` claims, about a third of them in planted pairs between two
/// parties (paraphrase, negation, number change), written to `out`.
fn planted(g: &mut impl Contents, claims: usize, out: &mut Output) -> std::io::Result<()> {
    while out.n < claims {
        let mut content = g.content();
        let party = g.rng().below(PARTIES.len());
        // About a third of the claims are in planted pairs.
        let planted = out.n + 2 <= claims && g.rng().below(3) == 0;
        let kind = g.rng().below(3);
        if planted && kind == 2 && content.amount.is_none() {
            content.amount = Some(10 + g.rng().below(990) as u32);
        }
        let a = out.claim(party, &sentence(&content, false), content.lang)?;
        if !planted {
            continue;
        }
        let other = (party + 1 + g.rng().below(PARTIES.len() - 1)) % PARTIES.len();
        let (kind, expected, text) = match kind {
            0 => {
                let p = g.paraphrase(&content);
                ("paraphrase", "supports", sentence(&p, false))
            }
            1 => ("negation", "contradicts", sentence(&content, true)),
            _ => {
                let mut m = content.clone();
                m.amount = m.amount.map(|a| a + 1 + g.rng().below(500) as u32);
                ("number", "contradicts", sentence(&m, false))
            }
        };
        let b = out.claim(other, &text, content.lang)?;
        writeln!(out.truth, "{a}\t{b}\t{kind}\t{expected}")?;
    }
    Ok(())
}

/// Distinct sentences of the repeated corpus.
const REPEATED_SENTENCES: usize = 50;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = parse_args().map_err(|e| format!("gen_corpus: {e}"))?;
    let rng = Rng(args.seed ^ 0x5eed_c1a1_6a0f_u64);
    let case_lang = if args.shape == Shape::HugeNegation {
        Lang::Fr
    } else {
        args.lang
    };

    std::fs::create_dir_all(&args.out)?;
    let title = match case_lang {
        Lang::En => "Generated corpus",
        Lang::Fr => "Corpus généré",
    };
    let shape = match args.shape {
        Shape::Default => "",
        Shape::LargeTopics => "large-topics-",
        Shape::Repeated => "repeated-",
        Shape::Identical => "identical-",
        Shape::ZipfDense => "zipf-dense-",
        Shape::HugeClaim => "huge-claim-",
        Shape::HugeNegation => "huge-negation-",
    };
    let case = serde_json::json!({
        "format": "claimgraph/1",
        "case": {
            "id": format!("generated-{shape}{}-{}", args.claims, args.seed),
            "title": title,
            "language": case_lang.code(),
        },
        "parties": PARTIES.iter().map(|(id, name, role)| serde_json::json!({
            "id": id, "name": name, "role": role,
        })).collect::<Vec<_>>(),
    });
    std::fs::write(
        args.out.join("case.json"),
        serde_json::to_string_pretty(&case)? + "\n",
    )?;

    let mut out = Output::create(&args.out, case_lang)?;
    match args.shape {
        Shape::Default => planted(
            &mut Generator::new(rng, args.claims, args.lang),
            args.claims,
            &mut out,
        )?,
        Shape::LargeTopics => planted(
            &mut Mixed::new(rng, args.claims, args.lang, true),
            args.claims,
            &mut out,
        )?,
        Shape::ZipfDense => planted(
            &mut Mixed::new(rng, args.claims, args.lang, false),
            args.claims,
            &mut out,
        )?,
        Shape::Repeated | Shape::Identical => {
            let mut g = Generator::new(rng, REPEATED_SENTENCES * CLAIMS_PER_TOPIC, args.lang);
            let n_texts = if args.shape == Shape::Repeated {
                REPEATED_SENTENCES
            } else {
                1
            };
            let texts: Vec<String> = (0..n_texts)
                .map(|_| sentence(&g.content(), false))
                .collect();
            for k in 0..args.claims {
                let (text, party) = if args.shape == Shape::Repeated {
                    let t = g.rng.below(n_texts);
                    (&texts[t], g.rng.below(PARTIES.len()))
                } else {
                    (&texts[0], k % PARTIES.len())
                };
                out.claim(party, text, args.lang)?;
            }
        }
        Shape::HugeClaim => {
            let bytes = args.bytes.unwrap_or(1 << 20);
            let text = "5 ".repeat(bytes / 2);
            out.claim(0, text.trim_end(), case_lang)?;
        }
        Shape::HugeNegation => {
            let bytes = args.bytes.unwrap_or(700_000);
            let text = "ne pas ".repeat(bytes / 7);
            out.claim(0, text.trim_end(), case_lang)?;
        }
    }
    out.finish()?;
    Ok(())
}
