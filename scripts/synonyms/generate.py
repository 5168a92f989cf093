#!/usr/bin/env python3
"""Generate claimgraph's synonym groups from open thesauri.

Reproducible: the same Debian packages give byte-identical output.

    apt-get install -y wordnet-base mythes-fr
    python3 scripts/synonyms/generate.py

The groups serve relatedness only: two words of one group count as one
shared term when claimgraph compares two claims ("refus de coopérer" /
"ouverte à la collaboration"). They never make or remove a contradiction
by themselves: antonym lookups and every polarity rule read each word's own
stem.

A thesaurus lists a word's synonyms over all its senses, and synonymy is
not transitive, so only close pairs are kept and groups stay small:

English (`src/text/data/synonyms.en.txt`): two single-word lemmas of one
  Princeton WordNet 3.0 synset (Debian `wordnet-base`), both with at most
  `MAX_SENSES` senses over all parts of speech (a polysemous word is a
  synonym in one sense of many). Licence: scripts/antonyms/LICENSE-WordNet.txt.
French (`src/text/data/synonyms.fr.txt`): two single words of the
  LibreOffice French thesaurus (Debian `mythes-fr`, `th_fr_FR_v2.dat`,
  LGPL-2.1+, see LICENSE-thesaurus-fr.txt) that list each other, whose
  synonym lists (of at least `MIN_LIST` words each) overlap by at least
  `MIN_LIST_OVERLAP` (Jaccard): the two words share their senses, not just
  one of them (coopérer / collaborer, not coopérer / aider).

Both: pairs join groups by union-find, the closest pairs first; a merge
that would make a group larger than `MAX_GROUP` words is refused. At load
time claimgraph stems every word and merges groups that share a stem, up
to 6 stems (`src/text/synonyms.rs`). Words of
the hand-written stop lists never join a group. The pairs of
`scripts/antonyms/exceptions.*.txt` and every antonym pair are refused too.
"""

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "scripts" / "antonyms"))
from generate import senses  # noqa: E402  (WordNet sense counts, shared)
WORDNET = Path("/usr/share/wordnet")
MYTHES_FR = Path("/usr/share/mythes/th_fr_FR_v2.dat")

MAX_SENSES = 3
MIN_LIST_OVERLAP = 0.6
MIN_LIST = 5
MAX_GROUP = 4


def single(word):
    return word.isalpha() and word.islower() and len(word) >= 3


def data_words(path):
    out = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            out.update(w.strip() for w in line.split("\t")[:2])
    return out


def pairs_of(path):
    out = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            parts = line.split("\t")
            if len(parts) >= 2:
                out.add(tuple(sorted((parts[0].strip(), parts[1].strip()))))
    return out


def wordnet_pairs():
    polysemy = senses()
    scored = {}
    for pos in ("adj", "verb", "noun", "adv"):
        for line in (WORDNET / f"data.{pos}").read_text(encoding="latin-1").splitlines():
            if line.startswith("  "):
                continue
            fields = line.split(" | ")[0].split()
            n_words = int(fields[3], 16)
            words = sorted({
                re.sub(r"\(.*\)$", "", w).lower() for w in fields[4 : 4 + 2 * n_words : 2]
            })
            words = [w for w in words if single(w) and polysemy.get(w, 99) <= MAX_SENSES]
            for i, a in enumerate(words):
                for b in words[i + 1 :]:
                    # Fewer senses: a closer pair.
                    closeness = 1.0 / (polysemy[a] + polysemy[b])
                    key = (a, b)
                    scored[key] = max(scored.get(key, 0.0), closeness)
    return scored


def mythes_pairs(path):
    lists = {}
    lines = path.read_text(encoding="utf-8").splitlines()[1:]
    k = 0
    while k < len(lines):
        head, n = lines[k].rsplit("|", 1)
        n = int(n)
        synonyms = set()
        for line in lines[k + 1 : k + 1 + n]:
            synonyms.update(s for s in line.split("|")[1:] if single(s))
        k += 1 + n
        if single(head):
            lists.setdefault(head, set()).update(synonyms)
    scored = {}
    for a, syn_a in lists.items():
        for b in syn_a:
            if b <= a or b not in lists or a not in lists[b]:
                continue
            syn_b = lists[b]
            # Two short lists overlap by chance: plateforme / ossement.
            if min(len(syn_a), len(syn_b)) < MIN_LIST:
                continue
            overlap = len((syn_a | {a}) & (syn_b | {b})) / len(syn_a | syn_b | {a, b})
            if overlap >= MIN_LIST_OVERLAP:
                scored[(a, b)] = overlap
    return scored


def groups(scored, refused, stop):
    parent = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    size = {}
    for (a, b), _ in sorted(scored.items(), key=lambda kv: (-kv[1], kv[0])):
        if (a, b) in refused or a in stop or b in stop:
            continue
        ra, rb = find(a), find(b)
        if ra == rb:
            continue
        sa, sb = size.get(ra, 1), size.get(rb, 1)
        if sa + sb > MAX_GROUP:
            continue
        root, child = (ra, rb) if ra < rb else (rb, ra)
        parent[child] = root
        size[root] = sa + sb
    members = {}
    for word in parent:
        members.setdefault(find(word), set()).add(word)
    return sorted(sorted(m) for m in members.values() if len(m) > 1)


def write(path, header, grouped):
    lines = [f"# {h}" if h else "#" for h in header]
    lines += ["\t".join(g) for g in grouped]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(grouped)


def main():
    data = ROOT / "src" / "text" / "data"
    antonyms = ROOT / "scripts" / "antonyms"
    en = write(
        data / "synonyms.en.txt",
        [
            "English synonym groups, one tab-separated group per line, for relatedness",
            "only. GENERATED by scripts/synonyms/generate.py: do not edit.",
            "Source: Princeton WordNet 3.0 synsets (Debian wordnet-base).",
            "WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved.",
            "Licence: see scripts/antonyms/LICENSE-WordNet.txt.",
        ],
        groups(
            wordnet_pairs(),
            pairs_of(data / "antonyms.en.txt") | pairs_of(antonyms / "exceptions.en.txt"),
            data_words(data / "stopwords.en.txt"),
        ),
    )
    fr = write(
        data / "synonyms.fr.txt",
        [
            "French synonym groups, one tab-separated group per line, for relatedness",
            "only. GENERATED by scripts/synonyms/generate.py: do not edit.",
            "Source: LibreOffice French thesaurus (Debian mythes-fr, th_fr_FR_v2.dat),",
            "Copyright Kevin Hendricks, Frederic Labbé, Laurent Godard; LGPL-2.1+:",
            "see scripts/synonyms/LICENSE-thesaurus-fr.txt.",
        ],
        groups(
            mythes_pairs(MYTHES_FR),
            pairs_of(data / "antonyms.fr.txt") | pairs_of(antonyms / "exceptions.fr.txt"),
            data_words(data / "stopwords.fr.txt"),
        ),
    )
    print(f"synonyms.en.txt: {en} groups; synonyms.fr.txt: {fr} groups", file=sys.stderr)


if __name__ == "__main__":
    main()
