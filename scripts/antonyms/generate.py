#!/usr/bin/env python3
"""Generate claimgraph's antonym lists from open lexical resources.

Reproducible: the same Debian packages give byte-identical output.

    apt-get install -y wordnet-base hunspell-fr-classical
    python3 scripts/antonyms/generate.py

English (`src/text/data/antonyms.en.txt`):
  the hand-written core pairs of `manual.en.txt`, then every direct antonym
  pair (`!` pointer) of Princeton WordNet 3.0 (`/usr/share/wordnet/data.*`,
  Debian package `wordnet-base`) between two single-word lemmas, for
  adjectives, verbs, nouns and adverbs, restricted to the senses that make
  opposite statements: nouns only from the lexicographer files of acts,
  states, events, attributes, cognition, communication, feelings,
  processes, possession, quantities, relations, motives and phenomena
  (`KEPT_NOUN_FILES`), never persons, animals, artefacts, body parts,
  places, times, groups or substances (male/female, defense/prosecution,
  day/night name different things), and no relational adjectives
  (`adj.pert`: intracellular/extracellular classify, they do not oppose),
  and no pair with a lemma of more than `MAX_SENSES` WordNet senses: the
  antonymy of such words holds in one sense of many (come/go, first/last,
  well/ill in "as well", pass/fail), so in running text it mostly fires on
  the other senses. The hand-written core pairs are kept whatever their
  polysemy.
  WordNet licence: LICENSE-WordNet.txt.

Both languages: the reviewed pairs of `exceptions.{en,fr}.txt` (gender and
family roles, age, colours, directions, the parties' own roles) are dropped
from the manual and generated pairs alike.

French (`src/text/data/antonyms.fr.txt`):
  no open French wordnet with antonym relations is packaged for Debian or
  PyPI with its data, so French pairs are derived by prefix antonymy
  (in-/im-/il-/ir-, dé-/dés-, mé-/més-, mal-) over the adjectives of the
  Dicollecte French Hunspell dictionary (`/usr/share/hunspell/fr.dic`,
  Debian package `hunspell-fr-classical`, MPL-2.0, entries tagged `po:adj`):
  `X` and `inX` both listed as adjectives give the pair X/inX
  (possible/impossible, légal/illégal, honnête/malhonnête). Pairs whose base
  is not an antonym in meaning (important/portant) are removed by the
  `FALSE_FRIENDS` list below. The hand-written core pairs of `manual.fr.txt`
  come first. Licence of the derived part: MPL-2.0, see LICENSE-hunspell-fr.txt.
"""

import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
WORDNET = Path("/usr/share/wordnet")
HUNSPELL_FR = Path("/usr/share/hunspell/fr.dic")

# Prefix pairs that look like antonyms but are not (the base is another
# word, or the prefixed word has drifted in meaning).
FALSE_FRIENDS = {
    "important", "imprimé", "impressionnant", "innocent", "intéressant",
    "dépassé", "dévoué", "défait", "déchaîné", "démodé", "démesuré",
    "inné", "incliné", "infecté", "infect", "informé", "inspiré", "instruit",
    "installé", "intégré", "intense", "interne", "inverse", "isolé",
    "détenu", "déporté", "dérivé", "désert", "déterminé", "dévot",
    "malin", "malade", "mécanique", "médical", "mélangé", "ménager",
    "immense", "immobile", "imposant", "imposé", "impliqué", "importé",
    "dément", "démonté", "démuni", "dénudé", "déposé", "déprimé",
    "député", "désigné", "désolé", "détaché", "détendu", "déviant",
    "irradié", "illustre", "illustré", "illuminé", "inculpé", "indu",
    "indexé", "indiqué", "induit", "infus", "ingénu", "injecté", "inscrit",
    "insulaire", "intact", "intime", "inventé", "investi", "invité",
    "augural", "fluent", "meuble", "mobilier", "migrant", "pédant", "radiant",
    "quiet", "bordant", "pliant", "gustatif",
}

# dé-, dés-, mé-, més- make antonyms of adjectives of quality (déloyal,
# désagréable, mécontent) but mostly verbs of undoing on participles
# (déroulant, désinfectant): only these endings are kept for them.
UNDO_ENDINGS = ("able", "ible", "al", "el", "eux", "ent", "onnête", "plaisant")


# WordNet lexicographer files (lexnames(5)), in file-number order.
LEXNAMES = (
    "adj.all adj.pert adv.all noun.Tops noun.act noun.animal noun.artifact "
    "noun.attribute noun.body noun.cognition noun.communication noun.event "
    "noun.feeling noun.food noun.group noun.location noun.motive noun.object "
    "noun.person noun.phenomenon noun.plant noun.possession noun.process "
    "noun.quantity noun.relation noun.shape noun.state noun.substance "
    "noun.time verb.body verb.change verb.cognition verb.communication "
    "verb.competition verb.consumption verb.contact verb.creation "
    "verb.emotion verb.motion verb.perception verb.possession verb.social "
    "verb.stative verb.weather adj.ppl"
).split()

# Noun senses whose antonyms are opposite states of affairs (success/failure,
# acceptance/rejection, increase/decrease); the other noun files hold kinds
# of things (persons, places, artefacts, times) whose "antonyms" name two
# different things.
KEPT_NOUN_FILES = {
    "noun.act", "noun.attribute", "noun.cognition", "noun.communication",
    "noun.event", "noun.feeling", "noun.motive", "noun.phenomenon",
    "noun.possession", "noun.process", "noun.quantity", "noun.relation",
    "noun.state",
}


# A lemma in more synsets than this (over all parts of speech) is too
# polysemous for its antonym pointer, which holds in one of its senses.
MAX_SENSES = 15


def senses():
    count = {}
    for pos in ("adj", "verb", "noun", "adv"):
        for line in (WORDNET / f"index.{pos}").read_text(encoding="latin-1").splitlines():
            if line.startswith("  "):
                continue
            fields = line.split()
            count[fields[0]] = count.get(fields[0], 0) + int(fields[2])
    return count


def kept_sense(lexname):
    if lexname.startswith("noun."):
        return lexname in KEPT_NOUN_FILES
    return lexname != "adj.pert"


def exceptions(lang):
    out = set()
    for line in (HERE / f"exceptions.{lang}.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            a, b = line.split("\t")[:2]
            out.add(tuple(sorted((a.strip(), b.strip()))))
    return out


def single(word):
    return word.isalpha() and word.islower()


def wordnet_pairs():
    pairs = set()
    polysemy = senses()
    for pos in ("adj", "verb", "noun", "adv"):
        path = WORDNET / f"data.{pos}"
        synsets = {}
        lines = path.read_text(encoding="latin-1").splitlines()
        for line in lines:
            if line.startswith("  "):
                continue
            fields = line.split(" | ")[0].split()
            offset, lexname, n_words = fields[0], LEXNAMES[int(fields[1])], int(fields[3], 16)
            words = [re.sub(r"\(.*\)$", "", w) for w in fields[4 : 4 + 2 * n_words : 2]]
            k = 4 + 2 * n_words
            n_ptrs = int(fields[k])
            ptrs = []
            for p in range(n_ptrs):
                symbol, target, _, source_target = fields[k + 1 + 4 * p : k + 5 + 4 * p]
                if symbol == "!":
                    ptrs.append((target, int(source_target[:2], 16), int(source_target[2:], 16)))
            synsets[offset] = (words, ptrs, lexname)
        for words, ptrs, lexname in synsets.values():
            for target, source, dest in ptrs:
                if target not in synsets or source == 0 or dest == 0:
                    continue
                if not (kept_sense(lexname) and kept_sense(synsets[target][2])):
                    continue
                a = words[source - 1].lower()
                b = synsets[target][0][dest - 1].lower()
                monosemous_enough = max(polysemy.get(a, 0), polysemy.get(b, 0)) <= MAX_SENSES
                if single(a) and single(b) and a != b and monosemous_enough:
                    pairs.add(tuple(sorted((a, b))))
    return sorted(pairs)


def strip_accents(word):
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def french_prefix_pairs():
    adjectives = set()
    for line in HUNSPELL_FR.read_text(encoding="utf-8").splitlines()[1:]:
        if "po:adj" not in line:
            continue
        word = line.split()[0].split("/")[0]
        if word.isalpha() and word.islower() and len(word) >= 3:
            adjectives.add(word)
    pairs = set()
    for base in sorted(adjectives):
        if len(base) < 4 or base in FALSE_FRIENDS or base.endswith("eur"):
            continue
        first = strip_accents(base[0])
        candidates = []
        if first in "bmp":
            candidates.append("im" + base)
        elif first == "l":
            candidates.append("il" + base)
        elif first == "r":
            candidates.append("ir" + base)
        else:
            candidates.append("in" + base)
        if first in "aeiouyh":
            candidates += ["dés" + base, "més" + base, "mal" + base]
        else:
            candidates += ["dé" + base, "mé" + base, "mal" + base]
        for derived in candidates:
            undo = derived.startswith(("dé", "mé"))
            if undo and not base.endswith(UNDO_ENDINGS):
                continue
            if derived in adjectives and derived not in FALSE_FRIENDS:
                pairs.add((base, derived))
    return sorted(pairs)


def manual(lang):
    out = []
    for line in (HERE / f"manual.{lang}.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            out.append(line)
    return out


def write(path, header, manual_lines, generated, dropped):
    seen = set(dropped)
    lines = [f"# {h}" if h else "#" for h in header]
    lines.append("# --- hand-written core pairs (scripts/antonyms/manual.*.txt) ---")
    for line in manual_lines:
        key = tuple(sorted(line.split("\t")[:2]))
        if key not in seen:
            seen.add(key)
            lines.append(line)
    lines.append("# --- generated pairs ---")
    for a, b in generated:
        if (a, b) not in seen:
            seen.add((a, b))
            lines.append(f"{a}\t{b}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return sum(1 for line in lines if not line.startswith("#"))


def main():
    data = ROOT / "src" / "text" / "data"
    en = write(
        data / "antonyms.en.txt",
        [
            "English antonym pairs, one tab-separated pair per line. GENERATED by",
            "scripts/antonyms/generate.py: do not edit; edit manual.en.txt instead.",
            "Generated part: direct antonyms of Princeton WordNet 3.0 (Debian wordnet-base).",
            "WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved.",
            "Licence: see scripts/antonyms/LICENSE-WordNet.txt.",
        ],
        manual("en"),
        wordnet_pairs(),
        exceptions("en"),
    )
    fr = write(
        data / "antonyms.fr.txt",
        [
            "French antonym pairs, one tab-separated pair per line. GENERATED by",
            "scripts/antonyms/generate.py: do not edit; edit manual.fr.txt instead.",
            "Generated part: prefix antonyms (in-/im-/il-/ir-/dé-/dés-/mé-/més-/mal-) among",
            "the adjectives of the Dicollecte French Hunspell dictionary (Debian",
            "hunspell-fr-classical), MPL-2.0: see scripts/antonyms/LICENSE-hunspell-fr.txt.",
        ],
        manual("fr"),
        french_prefix_pairs(),
        exceptions("fr"),
    )
    print(f"antonyms.en.txt: {en} pairs; antonyms.fr.txt: {fr} pairs", file=sys.stderr)


if __name__ == "__main__":
    main()
