#!/usr/bin/env python3
"""Fits the calibrated confidence of inferred edges, and measures it.

Runs `claimgraph eval --format json --pairs` on labelled pair files and
reads, for every pair the rules link, its relation, whether the annotators
agree, and its calibration features (`src/infer/calibration/mod.rs`). For each
relation it fits an L2-regularised logistic regression (Newton's method,
deterministic, pure Python) of "the annotators agree" on the features,
over the edges of the fit files pooled (each edge counts once), and writes
the weights as `src/infer/calibration/weights.rs`.

It then prints, per file, the reliability table of the fitted model
(edges, right, mean confidence per 0.1 band, the worst gap, the expected
calibration error and the AUC of the confidence as an order of right
before wrong edges) and the same table when the file is left out of the
fit (fitted on the other fit files only), so the figures of
`docs/eval.md` come from one command:

    cargo build --release
    scripts/calibration/fit.py target/release/claimgraph \\
        --fit ../shared/eval/daccord-covid.jsonl \\
        --fit ../shared/eval/nixon-kennedy-dev.jsonl \\
        --fit ../shared/eval/rte3fr-dev.jsonl \\
        --measure ../shared/eval/qt30-pairs-dev.jsonl \\
        --write src/infer/calibration/weights.rs

Fit only on files that may be redistributed (DACCORD, RTE3-FR and
Nixon-Kennedy): the weights are derived from them. A file whose gold
labels have no `supports` (DACCORD) takes no part in the support fit.
Rebuild after writing the weights: the binary's features do not depend on
them, so a second run gives the same weights.
"""

import argparse
import json
import math
import subprocess

L2 = 1.0
ITERATIONS = 50
RELATIONS = ["contradicts", "supports"]


def read(binary, path):
    out = subprocess.run(
        [binary, "eval", "--format", "json", "--pairs", path],
        check=True, capture_output=True, text=True,
    ).stdout
    doc = json.loads(out)["files"][0]
    names = None
    has_supports = doc["supports"] is not None
    edges = {r: [] for r in RELATIONS}
    for pair in doc["pairs"]:
        if names is None:
            names = list(pair["features"])
        relation = pair["predicted"]
        if relation not in edges:
            continue
        if relation == "supports" and not has_supports:
            continue
        x = [pair["features"][n] for n in names]
        edges[relation].append((x, 1.0 if pair["gold"] == relation else 0.0))
    return names, edges


def sigmoid(z):
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def solve(a, b):
    """Gaussian elimination with partial pivoting."""
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(m[r][col]))
        m[col], m[pivot] = m[pivot], m[col]
        if abs(m[col][col]) < 1e-12:
            continue
        for r in range(n):
            if r != col:
                f = m[r][col] / m[col][col]
                for c in range(col, n + 1):
                    m[r][c] -= f * m[col][c]
    return [m[i][n] / m[i][i] if abs(m[i][i]) >= 1e-12 else 0.0 for i in range(n)]


def fit(rows, n):
    """Newton's method on the log loss plus L2 on every weight but the bias."""
    w = [0.0] * n
    if not rows:
        return w
    for _ in range(ITERATIONS):
        grad = [0.0] * n
        hess = [[0.0] * n for _ in range(n)]
        for x, y in rows:
            p = sigmoid(sum(a * b for a, b in zip(w, x)))
            for i in range(n):
                grad[i] += (p - y) * x[i]
                for j in range(n):
                    hess[i][j] += p * (1 - p) * x[i] * x[j]
        for i in range(1, n):
            grad[i] += L2 * w[i]
            hess[i][i] += L2
        step = solve(hess, grad)
        w = [a - b for a, b in zip(w, step)]
        if max(abs(s) for s in step) < 1e-10:
            break
    return w


def bands(w, rows):
    table = {}
    for x, y in rows:
        p = sigmoid(sum(a * b for a, b in zip(w, x)))
        k = min(9, int(p * 10))
        edges, right, total = table.get(k, (0, 0.0, 0.0))
        table[k] = (edges + 1, right + y, total + p)
    return table


def auc(w, rows):
    """How well the confidence orders the edges: the chance that a right
    edge is printed above a wrong one (ties count half)."""
    scored = sorted((sigmoid(sum(a * b for a, b in zip(w, x))), y) for x, y in rows)
    right = sum(y for _, y in scored)
    wrong = len(scored) - right
    if not right or not wrong:
        return float("nan")
    # Rank-sum with average ranks for ties.
    rank_sum, i = 0.0, 0
    while i < len(scored):
        j = i
        while j < len(scored) and scored[j][0] == scored[i][0]:
            j += 1
        mean_rank = (i + 1 + j) / 2
        rank_sum += mean_rank * sum(y for _, y in scored[i:j])
        i = j
    return (rank_sum - right * (right + 1) / 2) / (right * wrong)


def render(name, relation, how, table, order):
    cells = []
    worst = 0.0
    gaps = 0.0
    n = 0
    for k in sorted(table):
        edges, right, total = table[k]
        observed, mean = right / edges, total / edges
        if edges >= 10:
            worst = max(worst, abs(observed - mean))
        gaps += abs(observed - mean) * edges
        n += edges
        cells.append(f"{k / 10:.1f}–{(k + 1) / 10:.1f}: {int(right)}/{edges} = {observed:.2f} (mean {mean:.2f})")
    ece = gaps / n if n else 0.0
    print(f"| {name} | {relation} | {how} | {'; '.join(cells)} | {worst:.2f} | {ece:.3f} | {order:.3f} |")


def rust(names, weights):
    lines = [
        "//! The fitted weights of the calibrated confidence ([`super`]).",
        "//!",
        "//! Generated by `scripts/calibration/fit.py` from the redistributable dev",
        "//! files; do not edit by hand.",
        "",
        "use super::FEATURES;",
        "",
    ]
    for relation, const in (("contradicts", "CONTRADICTS"), ("supports", "SUPPORTS")):
        lines.append(f"/// Weights of a `{relation}` edge's calibrated confidence, in [`FEATURES`] order.")
        lines.append(f"pub const {const}: [f64; FEATURES.len()] = [")
        values = [f"{v:.6f}," for v in weights[relation]]
        width = max(len(v) for v in values)
        for n, v in zip(names, values):
            # The comments aligned as rustfmt aligns them.
            lines.append(f"    {v.ljust(width)} // {n}")
        lines.append("];")
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("binary")
    parser.add_argument("--fit", action="append", default=[])
    parser.add_argument("--measure", action="append", default=[])
    parser.add_argument("--write")
    args = parser.parse_args()
    data = {}
    names = None
    for path in args.fit + args.measure:
        key = path.rsplit("/", 1)[-1].removesuffix(".jsonl")
        names, data[key] = read(args.binary, path)
    fit_keys = [p.rsplit("/", 1)[-1].removesuffix(".jsonl") for p in args.fit]

    def fitted(keys):
        return {
            r: fit([e for k in keys for e in data[k][r]], len(names)) for r in RELATIONS
        }

    weights = fitted(fit_keys)
    print("## Weights\n")
    print("| feature | " + " | ".join(RELATIONS) + " |")
    print("|---|" + "---|" * len(RELATIONS))
    for i, n in enumerate(names):
        print(f"| `{n}` | " + " | ".join(f"{weights[r][i]:+.3f}" for r in RELATIONS) + " |")
    print("\n## Reliability (edges right / edges per printed band; worst gap over bands of 10+ edges;")
    print("expected calibration error, the gaps weighted by edges; AUC, how well the confidence orders the edges)\n")
    print("| file | relation | weights | bands | worst gap | ECE | AUC |")
    print("|---|---|---|---|---|---|---|")
    for key in data:
        for r in RELATIONS:
            if not data[key][r]:
                continue
            how = "fitted on all fit files" if key in fit_keys else "held out (not fitted)"
            rows = data[key][r]
            render(key, r, how, bands(weights[r], rows), auc(weights[r], rows))
            if key in fit_keys and len(fit_keys) > 1:
                rest = fitted([k for k in fit_keys if k != key])
                render(key, r, "left out of the fit", bands(rest[r], rows), auc(rest[r], rows))
    if args.write:
        with open(args.write, "w", encoding="utf-8") as f:
            f.write(rust(names, weights))


if __name__ == "__main__":
    main()
