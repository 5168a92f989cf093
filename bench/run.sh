#!/usr/bin/env bash
# Scale benchmark for claimgraph (issue 4). Not a test: it prints one table.
#
#   bench/run.sh              # 10k, 20k, 100k and 1M claims
#   SIZES="10000 20000" bench/run.sh   # a quick run (no 100k/1M rows)
#   EXHAUSTIVE_SIZES= RAPIDFUZZ_SIZES= bench/run.sh   # claimgraph rows only
#
# It builds in release mode, generates deterministic corpora with
# `examples/gen_corpus.rs` (English, seed 7), and runs, each under
# /usr/bin/time -v: claimgraph (JSON report to a file) at every size,
# claimgraph --exhaustive at 10k and 20k, and Python rapidfuzz
# process.cdist (scorer ratio, workers=2) at 10k and 20k in a virtualenv.
# Recall is the share of planted pairs (truth.tsv) that end up linked by an
# edge (any relation); for rapidfuzz, the share whose score reaches a
# threshold chosen so that rapidfuzz keeps about as many pairs as
# claimgraph found edges at that size (the highest integer threshold whose
# pair count is at least claimgraph's edge count).
#
# Sizes run smallest first, each followed by its exhaustive and rapidfuzz
# runs. Every run is limited to BENCH_TIMEOUT seconds (default 1800); a run
# that times out or fails is shown as "did not finish" with the peak RSS it
# reached, and the script goes on. The last lines are the per-stage
# timings (`--timings`) of the largest claimgraph run that finished.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
WORK=${BENCH_DIR:-$ROOT/target/bench}
SIZES=${SIZES-"10000 20000 100000 1000000"}
EXHAUSTIVE_SIZES=${EXHAUSTIVE_SIZES-"10000 20000"}
BENCH_TIMEOUT=${BENCH_TIMEOUT:-1800}
RAPIDFUZZ_SIZES=${RAPIDFUZZ_SIZES-"10000 20000"}
mkdir -p "$WORK"

if [ ! -x /usr/bin/time ]; then
    echo "bench: /usr/bin/time missing (apt-get install -y time)" >&2
    exit 2
fi

cargo build --release --quiet --bin claimgraph --example gen_corpus
BIN=$ROOT/target/release/claimgraph
GEN=$ROOT/target/release/examples/gen_corpus

corpus() {
    local n=$1 dir=$WORK/corpus-$1
    if [ ! -f "$dir/truth.tsv" ]; then
        "$GEN" --claims "$n" --seed 7 --lang en --out "$dir"
    fi
    echo "$dir"
}

# measure LABEL N -- command...: runs the command under /usr/bin/time -v
# (and `timeout $BENCH_TIMEOUT`) and records wall seconds and peak RSS (MiB)
# in $WORK/LABEL-N.result; a run that fails or times out is recorded as
# "DNF <reason>" and the script goes on.
measure() {
    local label=$1 n=$2
    shift 3
    local rc=0
    /usr/bin/time -v -o "$WORK/$label-$n.time" timeout "$BENCH_TIMEOUT" "$@" > /dev/null 2> "$WORK/$label-$n.stderr" || rc=$?
    local wall rss
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$WORK/$label-$n.time" |
        awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }')
    rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$WORK/$label-$n.time")
    if [ "$rc" -eq 0 ]; then
        echo "$wall $rss" > "$WORK/$label-$n.result"
    elif [ "$rc" -eq 124 ]; then
        echo "DNF $rss timeout-${BENCH_TIMEOUT}s" > "$WORK/$label-$n.result"
    else
        echo "DNF $rss exit-$rc" > "$WORK/$label-$n.result"
    fi
    [ "$rc" -eq 0 ]
}

# recall_report REPORT TRUTH: share of planted pairs linked by an edge.
recall_report() {
    python3 - "$1" "$2" <<'PY'
import re, sys
# Each edge of the JSON report is one line: {"id":"cA~cB",...}
edge = re.compile(r'^\s*\{"id":"(c\d+)[~>](c\d+)",')
linked = set()
with open(sys.argv[1]) as f:
    for line in f:
        m = edge.match(line)
        if m:
            linked.add(frozenset(m.groups()))
planted = [l.split("\t")[:2] for l in open(sys.argv[2]).read().splitlines()[1:]]
found = sum(frozenset(p) in linked for p in planted)
print(f"{found / len(planted):.3f} {len(linked)}")
PY
}

edges_of() {
    grep -oE '^\s*\{"id":"c[0-9]+[~>]c[0-9]+"' "$1" | sort
}

declare -A WALL RSS RECALL EDGES SAME THRESHOLD RFT NOTE

if [ -n "$RAPIDFUZZ_SIZES" ]; then
    if [ ! -x "$WORK/venv/bin/python" ]; then
        python3 -m venv "$WORK/venv"
        "$WORK/venv/bin/pip" install --quiet rapidfuzz numpy
    fi
    cat > "$WORK/rapidfuzz_cdist.py" <<'PY'
import json, sys
import numpy as np
from rapidfuzz import fuzz, process
corpus, target_pairs, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
ids, texts = [], []
with open(corpus + "/claims.jsonl") as f:
    for line in f:
        c = json.loads(line)
        ids.append(c["id"]); texts.append(c["text"])
scores = process.cdist(texts, texts, scorer=fuzz.ratio, workers=2, dtype=np.uint8)
n = len(texts)
upper = np.triu(np.ones((n, n), dtype=bool), k=1)
counts = np.bincount(scores[upper], minlength=101)
at_least = np.cumsum(counts[::-1])[::-1]          # pairs with score >= t
threshold = max([t for t in range(101) if at_least[t] >= target_pairs] or [0])
index = {c: i for i, c in enumerate(ids)}
planted = [l.split("\t")[:2] for l in open(corpus + "/truth.tsv").read().splitlines()[1:]]
found = sum(scores[index[a], index[b]] >= threshold for a, b in planted)
with open(out, "w") as f:
    f.write(f"{found / len(planted):.3f} {threshold} {int(at_least[threshold])}\n")
PY
fi

contains() { case " $1 " in *" $2 "*) return 0 ;; *) return 1 ;; esac; }

# Sizes in the order given (smallest first), and at each size the
# exhaustive and rapidfuzz runs right after claimgraph's, so that a slow
# largest size cannot hold up the comparisons.
for n in $SIZES; do
    dir=$(corpus "$n")
    if measure claimgraph "$n" -- "$BIN" report "$dir" --format json --quiet --timings --output "$WORK/report-$n.json"; then
        read -r WALL[cg-$n] RSS[cg-$n] < "$WORK/claimgraph-$n.result"
        read -r RECALL[cg-$n] EDGES[cg-$n] < <(recall_report "$WORK/report-$n.json" "$dir/truth.tsv")
    else
        read -r WALL[cg-$n] RSS[cg-$n] NOTE[cg-$n] < "$WORK/claimgraph-$n.result"
    fi
    if contains "$EXHAUSTIVE_SIZES" "$n"; then
        if measure exhaustive "$n" -- "$BIN" report "$dir" --format json --quiet --exhaustive --output "$WORK/report-ex-$n.json"; then
            read -r WALL[ex-$n] RSS[ex-$n] < "$WORK/exhaustive-$n.result"
            read -r RECALL[ex-$n] EDGES[ex-$n] < <(recall_report "$WORK/report-ex-$n.json" "$dir/truth.tsv")
            if [ -f "$WORK/report-$n.json" ] && cmp -s "$WORK/report-$n.json" "$WORK/report-ex-$n.json"; then
                SAME[$n]="reports byte-identical"
            else
                SAME[$n]="reports DIFFER"
            fi
        else
            read -r WALL[ex-$n] RSS[ex-$n] NOTE[ex-$n] < "$WORK/exhaustive-$n.result"
        fi
    fi
    if contains "$RAPIDFUZZ_SIZES" "$n"; then
        target=${EDGES[cg-$n]:-$n}
        if measure rapidfuzz "$n" -- "$WORK/venv/bin/python" "$WORK/rapidfuzz_cdist.py" "$dir" "$target" "$WORK/rapidfuzz-$n.recall"; then
            read -r WALL[rf-$n] RSS[rf-$n] < "$WORK/rapidfuzz-$n.result"
            read -r RECALL[rf-$n] RFT[$n] EDGES[rf-$n] < "$WORK/rapidfuzz-$n.recall"
        else
            read -r WALL[rf-$n] RSS[rf-$n] NOTE[rf-$n] < "$WORK/rapidfuzz-$n.result"
        fi
    fi
done

row() { # tool n key note
    local key=$3
    [ -n "${WALL[$key]:-}" ] || return 0
    local note=$4
    [ -n "${NOTE[$key]:-}" ] && note="did not finish: ${NOTE[$key]}"
    printf '| %-26s | %9s | %8s | %8s | %6s | %11s | %s\n' "$1" "$2" "${WALL[$key]}" "${RSS[$key]:-?}" "${RECALL[$key]:--}" "${EDGES[$key]:--}" "$note"
}
echo
echo "| run                        |    claims |   wall s |  RSS MiB | recall | pairs/edges | note"
echo "|----------------------------|-----------|----------|----------|--------|-------------|-----"
for n in $SIZES; do row claimgraph "$n" "cg-$n" ""; done
for n in $EXHAUSTIVE_SIZES; do row "claimgraph --exhaustive" "$n" "ex-$n" "${SAME[$n]:-}"; done
for n in $RAPIDFUZZ_SIZES; do row "rapidfuzz cdist ratio" "$n" "rf-$n" "threshold ${RFT[$n]:-?}"; done
echo
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.1f", a / b; else print "n/a" }'; }
if [ -n "${WALL[cg-1000000]:-}" ] && [ -n "${WALL[cg-100000]:-}" ]; then
    echo "t(1M) / t(100k) = $(ratio "${WALL[cg-1000000]}" "${WALL[cg-100000]}")  (target <= 15)"
fi
for n in $RAPIDFUZZ_SIZES; do
    if [ -n "${WALL[rf-$n]:-}" ] && [ -n "${WALL[cg-$n]:-}" ]; then
        echo "rapidfuzz / claimgraph at $n = $(ratio "${WALL[rf-$n]}" "${WALL[cg-$n]}")x  (target >= 100 at 20k)"
    fi
done
for n in $EXHAUSTIVE_SIZES; do
    if [ -n "${WALL[ex-$n]:-}" ] && [ -n "${WALL[cg-$n]:-}" ]; then
        echo "exhaustive / join at $n = $(ratio "${WALL[ex-$n]}" "${WALL[cg-$n]}")x"
    fi
done
echo
echo "Stage timings of the largest claimgraph run that finished:"
for n in $SIZES; do
    [ -z "${NOTE[cg-$n]:-}" ] && [ -f "$WORK/claimgraph-$n.stderr" ] && last=$n
done
[ -n "${last:-}" ] && { echo "($last claims)"; cat "$WORK/claimgraph-$last.stderr"; }
