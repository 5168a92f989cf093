#!/usr/bin/env python3
"""Operating points of the contradiction rules, fitted leave-one-dataset-out.

Runs `claimgraph eval --format json` on the labelled dev files and reads
each file's reliability table (edges and right edges per 0.1 confidence
band). Raising `min_calibrated` to a band's lower edge only removes the
contradictions below it (a pair whose contradiction falls below the bar
gets no other relation), so precision and recall at each bar follow from
the bands exactly.

For each file left out, the bar is fitted on the other files pooled: the
lowest bar whose pooled precision reaches the target (0.80); the figures
are then measured on the file left out. Deterministic; no network.

    scripts/calibration/operating_points.py target/release/claimgraph \
        ../shared/eval/{daccord-covid,nixon-kennedy-dev,qt30-pairs-dev,rte3fr-dev}.jsonl
"""

import json
import subprocess
import sys

TARGET = 0.80
BARS = [0.0, 0.5, 0.6, 0.7, 0.8]


def file_figures(binary, path):
    out = subprocess.run(
        [binary, "eval", "--format", "json", path],
        check=True, capture_output=True, text=True,
    ).stdout
    doc = json.loads(out)["files"][0]
    bands = next(r["bands"] for r in doc["reliability"] if r["relation"] == "contradicts")
    gold = doc_gold(doc)
    return bands, gold


def doc_gold(doc):
    """Gold contradictions of the file: true positives plus false negatives."""
    return doc["contradicts"]["tp"] + doc["contradicts"]["fn"]


def at_bar(bands, bar):
    edges = sum(b["edges"] for b in bands if b["from"] >= bar - 1e-9)
    right = sum(b["right"] for b in bands if b["from"] >= bar - 1e-9)
    return edges, right


def prf(edges, right, gold):
    p = right / edges if edges else 0.0
    r = right / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def main():
    binary, paths = sys.argv[1], sys.argv[2:]
    data = {p.rsplit("/", 1)[-1].removesuffix(".jsonl"): file_figures(binary, p) for p in paths}
    print("## Precision, recall and F1 of contradictions at each min_calibrated\n")
    print("| file | " + " | ".join(f"≥ {b:.1f}" for b in BARS) + " |")
    print("|---|" + "---|" * len(BARS))
    for name, (bands, gold) in data.items():
        cells = []
        for bar in BARS:
            e, r = at_bar(bands, bar)
            p, rc, f = prf(e, r, gold)
            cells.append(f"{p:.3f} / {rc:.3f} / {f:.3f} ({e})")
        print(f"| {name} | " + " | ".join(cells) + " |")
    print(f"\n## Leave one dataset out: the lowest bar with pooled precision ≥ {TARGET:.2f} on the others\n")
    print("| left out | bar fitted on the others | pooled precision there | precision | recall | F1 |")
    print("|---|---|---|---|---|---|")
    for name, (bands, gold) in data.items():
        others = [v for k, v in data.items() if k != name]
        chosen, pooled = None, 0.0
        best = (0.0, BARS[-1])
        for bar in BARS:
            e = sum(at_bar(b, bar)[0] for b, _ in others)
            r = sum(at_bar(b, bar)[1] for b, _ in others)
            precision = r / e if e else 0.0
            best = max(best, (precision, bar))
            if precision >= TARGET and chosen is None:
                chosen, pooled = bar, precision
        note = ""
        if chosen is None:
            pooled, chosen = best
            note = " (target not reached: the most precise bar)"
        e, r = at_bar(bands, chosen)
        p, rc, f = prf(e, r, gold)
        print(f"| {name} | {chosen:.1f}{note} | {pooled:.3f} | {p:.3f} | {rc:.3f} | {f:.3f} |")


if __name__ == "__main__":
    main()
