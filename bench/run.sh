#!/usr/bin/env bash
# Scale benchmark for claimgraph (issues 4 and 14). Not a test: it prints
# one table.
#
#   bench/run.sh                      # every row (see the defaults below)
#   SIZES="2000 10000" LARGE_SIZES= SHAPES= EXHAUSTIVE_SIZES=2000 RAPIDFUZZ_SIZES=2000 \
#       bench/run.sh                                      # a quick run
#   EXHAUSTIVE_SIZES= RAPIDFUZZ_SIZES= bench/run.sh        # claimgraph rows only
#
# It builds in release mode, generates deterministic corpora with
# `examples/gen_corpus.rs` (English, seed 7) and runs each row under
# /usr/bin/time -v, `timeout $BENCH_TIMEOUT` and an address-space cap of
# $BENCH_MEM_GIB GiB (prlimit --as), so that a row that runs out of memory
# fails on its own instead of taking the machine down. Rows, in order:
#
#   SIZES              claimgraph on the default corpus (small topics)
#   LARGE_SIZES        claimgraph on `--topics large` (topics of ~500 claims)
#   SHAPES             the hostile shapes, one row each:
#                        repeated      REPEATED_CLAIMS claims, 50 sentences
#                        identical     IDENTICAL_CLAIMS identical claims
#                        zipf-dense    ZIPF_DENSE_CLAIMS claims, 20k-word Zipf
#                        huge-claim    one claim of HUGE_CLAIM_BYTES of `5 `
#                        huge-negation one claim of HUGE_NEGATION_BYTES of `ne pas `
#   EXHAUSTIVE_SIZES   claimgraph --exhaustive on the default corpus (its
#                      JSON report is compared byte for byte with the join's)
#   RAPIDFUZZ_SIZES    Python rapidfuzz process.cdist (scorer ratio,
#                      workers=2) in a virtualenv (pip install rapidfuzz numpy)
#
# claimgraph runs at every size of EXHAUSTIVE_SIZES and RAPIDFUZZ_SIZES too,
# for the ratios. Recall is the share of planted pairs (truth.tsv) linked by
# an edge of any relation ("-" when the corpus plants none); for rapidfuzz,
# the share whose score reaches the highest integer threshold that still
# keeps at least as many pairs as claimgraph found edges at that size.
#
# A row that times out, runs out of memory or fails is shown as "did not
# finish" with the peak RSS it reached, and the script goes on. The last
# lines are the ratios and the per-stage timings (`--timings`) of the
# largest default and large-topic runs that finished.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
WORK=${BENCH_DIR:-$ROOT/target/bench}
SIZES=${SIZES-"10000 20000 100000 1000000"}
LARGE_SIZES=${LARGE_SIZES-"100000 1000000"}
SHAPES=${SHAPES-"repeated identical zipf-dense huge-claim huge-negation"}
REPEATED_CLAIMS=${REPEATED_CLAIMS:-100000}
IDENTICAL_CLAIMS=${IDENTICAL_CLAIMS:-20000}
ZIPF_DENSE_CLAIMS=${ZIPF_DENSE_CLAIMS:-20000}
HUGE_CLAIM_BYTES=${HUGE_CLAIM_BYTES:-1048576}
HUGE_NEGATION_BYTES=${HUGE_NEGATION_BYTES:-700000}
EXHAUSTIVE_SIZES=${EXHAUSTIVE_SIZES-"10000 20000"}
RAPIDFUZZ_SIZES=${RAPIDFUZZ_SIZES-"10000 20000"}
BENCH_TIMEOUT=${BENCH_TIMEOUT:-1800}
BENCH_MEM_GIB=${BENCH_MEM_GIB:-8}
mkdir -p "$WORK"

for tool in /usr/bin/time prlimit timeout; do
    if ! command -v "$tool" > /dev/null; then
        echo "bench: $tool missing (apt-get install -y time util-linux coreutils)" >&2
        exit 2
    fi
done

cargo build --release --quiet --bin claimgraph --example gen_corpus
BIN=$ROOT/target/release/claimgraph
GEN=$ROOT/target/release/examples/gen_corpus

# corpus NAME N GEN-ARGS...: generates the corpus once (kept across runs:
# the same arguments always give the same bytes) and prints its directory.
corpus() {
    local name=$1 n=$2 dir=$WORK/corpus-$1-$2
    shift 2
    if [ ! -f "$dir/truth.tsv" ]; then
        rm -rf "$dir"
        "$GEN" --claims "$n" --seed 7 --lang en "$@" --out "$dir"
    fi
    echo "$dir"
}

# measure KEY -- command...: runs the command under /usr/bin/time -v,
# `timeout $BENCH_TIMEOUT` and the memory cap, and records wall seconds and
# peak RSS (MiB) in $WORK/KEY.result; a run that fails, times out or runs
# out of memory is recorded as "DNF <rss> <reason>" (dashes for spaces).
measure() {
    local key=$1
    shift 2
    local rc=0
    /usr/bin/time -v -o "$WORK/$key.time" \
        prlimit --as=$((BENCH_MEM_GIB * 1024 * 1024 * 1024)) \
        timeout "$BENCH_TIMEOUT" "$@" > /dev/null 2> "$WORK/$key.stderr" || rc=$?
    local wall rss
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$WORK/$key.time" |
        awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }')
    rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$WORK/$key.time")
    if [ "$rc" -eq 0 ]; then
        echo "$wall $rss" > "$WORK/$key.result"
    elif [ "$rc" -eq 124 ]; then
        echo "DNF $rss timeout-(${BENCH_TIMEOUT}-s)" > "$WORK/$key.result"
    elif grep -qiE 'memory allocation .* failed|MemoryError|out of memory|cannot allocate|capacity overflow' "$WORK/$key.stderr"; then
        echo "DNF $rss out-of-memory-(cap-${BENCH_MEM_GIB}-GiB)-after-${wall}-s" > "$WORK/$key.result"
    else
        echo "DNF $rss exit-$rc-after-${wall}-s" > "$WORK/$key.result"
    fi
    [ "$rc" -eq 0 ]
}

# recall_report REPORT TRUTH: share of planted pairs linked by an edge ("-"
# when none are planted), and the number of edges.
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
recall = f"{found / len(planted):.3f}" if planted else "-"
print(f"{recall} {len(linked)}")
PY
}

MEMORY_FORMULA="48 MiB + 4 B per input byte + 150 B per word + 500 B per claim + 700 B per edge"
declare -A WALL RSS RECALL EDGES SAME THRESHOLD RFT NOTE INPUT WORDS
ROWS=()

# claimgraph_row KEY LABEL CLAIMS DIR [report args...]: one claimgraph run.
claimgraph_row() {
    local key=$1 label=$2 claims=$3 dir=$4
    shift 4
    ROWS+=("$key|$label|$claims")
    # The case's files, in words and bytes, for the memory formula.
    read -r WORDS[$key] INPUT[$key] < <(cat "$dir"/*.jsonl "$dir"/*.json 2>/dev/null | wc -w -c)
    if measure "$key" -- "$BIN" report "$dir" --format json --quiet --timings --output "$WORK/report-$key.json" "$@"; then
        read -r WALL[$key] RSS[$key] < "$WORK/$key.result"
        read -r RECALL[$key] EDGES[$key] < <(recall_report "$WORK/report-$key.json" "$dir/truth.tsv")
    else
        read -r WALL[$key] RSS[$key] NOTE[$key] < "$WORK/$key.result"
        rm -f "$WORK/report-$key.json"
    fi
}

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

# Default-corpus sizes: SIZES plus the comparison sizes, smallest first; at
# each size the exhaustive and rapidfuzz runs come right after claimgraph's,
# so that a slow largest size cannot hold up the comparisons.
DEFAULT_SIZES=$(printf '%s\n' $SIZES $EXHAUSTIVE_SIZES $RAPIDFUZZ_SIZES | sort -n -u | tr '\n' ' ')
for n in $DEFAULT_SIZES; do
    dir=$(corpus default "$n")
    claimgraph_row "cg-$n" claimgraph "$n" "$dir"
    if contains "$EXHAUSTIVE_SIZES" "$n"; then
        ROWS+=("ex-$n|claimgraph --exhaustive|$n")
        if measure "ex-$n" -- "$BIN" report "$dir" --format json --quiet --exhaustive --output "$WORK/report-ex-$n.json"; then
            read -r WALL[ex-$n] RSS[ex-$n] < "$WORK/ex-$n.result"
            read -r RECALL[ex-$n] EDGES[ex-$n] < <(recall_report "$WORK/report-ex-$n.json" "$dir/truth.tsv")
            if [ -f "$WORK/report-cg-$n.json" ] && cmp -s "$WORK/report-cg-$n.json" "$WORK/report-ex-$n.json"; then
                SAME[ex-$n]="JSON byte-identical to the join's"
            else
                SAME[ex-$n]="JSON DIFFERS from the join's"
            fi
        else
            read -r WALL[ex-$n] RSS[ex-$n] NOTE[ex-$n] < "$WORK/ex-$n.result"
        fi
    fi
    if contains "$RAPIDFUZZ_SIZES" "$n"; then
        ROWS+=("rf-$n|rapidfuzz cdist ratio|$n")
        target=${EDGES[cg-$n]:-$n}
        if measure "rf-$n" -- "$WORK/venv/bin/python" "$WORK/rapidfuzz_cdist.py" "$dir" "$target" "$WORK/rf-$n.recall"; then
            read -r WALL[rf-$n] RSS[rf-$n] < "$WORK/rf-$n.result"
            read -r RECALL[rf-$n] RFT[$n] EDGES[rf-$n] < "$WORK/rf-$n.recall"
            SAME[rf-$n]="threshold ${RFT[$n]}"
        else
            read -r WALL[rf-$n] RSS[rf-$n] NOTE[rf-$n] < "$WORK/rf-$n.result"
        fi
    fi
done

for n in $LARGE_SIZES; do
    claimgraph_row "large-$n" "claimgraph, large topics" "$n" "$(corpus large "$n" --topics large)"
done

for shape in $SHAPES; do
    name=$shape label="claimgraph, $shape"
    case $shape in
        repeated) n=$REPEATED_CLAIMS args=(--shape repeated) ;;
        identical) n=$IDENTICAL_CLAIMS args=(--shape identical) ;;
        zipf-dense) n=$ZIPF_DENSE_CLAIMS args=(--shape zipf-dense) ;;
        huge-claim)
            n=1 args=(--shape huge-claim --bytes "$HUGE_CLAIM_BYTES") name=$shape-$HUGE_CLAIM_BYTES
            label="claimgraph, huge-claim ($HUGE_CLAIM_BYTES B of '5 ')"
            ;;
        huge-negation)
            n=1 args=(--shape huge-negation --bytes "$HUGE_NEGATION_BYTES") name=$shape-$HUGE_NEGATION_BYTES
            label="claimgraph, huge-negation ($HUGE_NEGATION_BYTES B of 'ne pas ')"
            ;;
        *)
            echo "bench: unknown shape $shape" >&2
            exit 2
            ;;
    esac
    claimgraph_row "shape-$shape" "$label" "$n" "$(corpus "$name" "$n" "${args[@]}")"
done

echo
printf '| %-50s | %9s | %8s | %8s | %6s | %11s | %s\n' run claims "wall s" "RSS MiB" recall edges note
echo "|----------------------------------------------------|-----------|----------|----------|--------|-------------|-----"
for row in "${ROWS[@]}"; do
    IFS='|' read -r key label claims <<< "$row"
    note=${SAME[$key]:-}
    [ -n "${NOTE[$key]:-}" ] && note="did not finish: ${NOTE[$key]//-/ }"
    printf '| %-50s | %9s | %8s | %8s | %6s | %11s | %s\n' "$label" "$claims" "${WALL[$key]:-?}" \
        "${RSS[$key]:-?}" "${RECALL[$key]:--}" "${EDGES[$key]:--}" "$note"
done
echo
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.1f", a / b; else print "n/a" }'; }
finished() { [ -n "${WALL[$1]:-}" ] && [ -z "${NOTE[$1]:-}" ]; }
if finished cg-1000000 && finished cg-100000; then
    echo "default: t(1M) / t(100k) = $(ratio "${WALL[cg-1000000]}" "${WALL[cg-100000]}")  (target <= 11)"
fi
if finished large-1000000 && finished large-100000; then
    echo "large topics: t(1M) / t(100k) = $(ratio "${WALL[large-1000000]}" "${WALL[large-100000]}")  (target <= 11)"
fi
for n in $DEFAULT_SIZES; do
    if contains "$RAPIDFUZZ_SIZES" "$n" && finished "rf-$n" && finished "cg-$n"; then
        echo "rapidfuzz / claimgraph at $n = $(ratio "${WALL[rf-$n]}" "${WALL[cg-$n]}")x  (target >= 100 at 20k)"
    fi
    if contains "$EXHAUSTIVE_SIZES" "$n" && finished "ex-$n" && finished "cg-$n"; then
        echo "exhaustive / join at $n = $(ratio "${WALL[ex-$n]}" "${WALL[cg-$n]}")x"
    fi
done
# The memory formula of docs/scale.md, checked on every claimgraph row.
echo
echo "Peak RSS against the formula of docs/scale.md ($MEMORY_FORMULA):"
for row in "${ROWS[@]}"; do
    IFS='|' read -r key label claims <<< "$row"
    [ -n "${INPUT[$key]:-}" ] || continue
    finished "$key" || continue
    awk -v label="$label" -v n="$claims" -v input="${INPUT[$key]}" -v words="${WORDS[$key]}" \
        -v edges="${EDGES[$key]:-0}" -v rss="${RSS[$key]}" 'BEGIN {
        bound = (48 * 1048576 + 4 * input + 150 * words + 500 * n + 700 * edges) / 1048576
        verdict = rss <= bound ? "within" : "OVER"
        printf "  %-46s %9d claims: %7.0f MiB of %7.0f MiB predicted (%.2f), %s\n", label, n, rss, bound, rss / bound, verdict
    }'
done
for prefix in cg large; do
    last=
    for row in "${ROWS[@]}"; do
        key=${row%%|*}
        case $key in "$prefix"-*) finished "$key" && last=$key ;; esac
    done
    if [ -n "$last" ]; then
        echo
        echo "Stage timings of $last (the largest run of its corpus that finished):"
        cat "$WORK/$last.stderr"
    fi
done
