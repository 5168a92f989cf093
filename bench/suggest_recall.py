#!/usr/bin/env python3
"""Recall of a case's annotated relations in the top 10 and 20 of `suggest --all`,
annotations hidden (issue 15's review-ranking measure).

    bench/suggest_recall.py target/release/claimgraph claims/durov-telegram claims/kennedy-nixon-1960
    bench/suggest_recall.py target/release/claimgraph --aif 700   # the QT30 maps of ../shared/eval/qt30-aif
    bench/suggest_recall.py target/release/claimgraph --aif 700 --half 1   # their first half by file name (2: the second)

Each QT30 map is imported with `import aif` into a temporary case; the
annotations of every case are removed from a temporary copy before
`suggest --all` runs, then each annotated pair is looked up in the first 10
and 20 suggestions. Prints (relation, K) hits total recall; relation None
is all annotated relations together. `--half` splits the maps in two by file
name order, for fitting a weight on one half and measuring it on the other."""
import json, os, shutil, subprocess, sys, tempfile, glob

def hidden_copy(case_dir, tmp):
    dst = os.path.join(tmp, os.path.basename(case_dir.rstrip('/')))
    shutil.copytree(case_dir, dst)
    gold = []
    for f in glob.glob(os.path.join(dst, '*.json')):
        d = json.load(open(f))
        if d.get('annotations'):
            gold += d['annotations']
            d['annotations'] = []
            json.dump(d, open(f, 'w'))
    return dst, gold

def recall(binary, case_dir, ks=(10, 20)):
    with tempfile.TemporaryDirectory() as tmp:
        dst, gold = hidden_copy(case_dir, tmp)
        out = subprocess.run([binary, 'suggest', '--all', '--format', 'json', dst],
                             capture_output=True, text=True)
        if out.returncode != 0:
            print(out.stderr, file=sys.stderr); return None
        sugg = json.loads(out.stdout)
        sugg = sugg['suggestions'] if isinstance(sugg, dict) else sugg
        ranked = [frozenset((s['claim_a'], s['claim_b'])) for s in sugg]
        res = {}
        for rel in ('contradicts', 'supports', None):
            g = [frozenset(a['claims']) for a in gold if rel is None or a['relation'] == rel]
            for k in ks:
                top = set(ranked[:k])
                res[(rel, k)] = (sum(1 for p in g if p in top), len(g))
        return res

if __name__ == '__main__':
    binary = sys.argv[1]
    if sys.argv[2] == '--aif':
        maps = sorted(glob.glob(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'shared', 'eval', 'qt30-aif', '*.json')))[: int(sys.argv[3])]
        if len(sys.argv) > 5 and sys.argv[4] == '--half':
            half = len(maps) // 2
            maps = maps[:half] if sys.argv[5] == '1' else maps[half:]
        tot = {}
        with tempfile.TemporaryDirectory() as tmp:
            for i, m in enumerate(maps):
                case = os.path.join(tmp, f'c{i}')
                r = subprocess.run([binary, 'import', 'aif', m, '--output', case], capture_output=True, text=True)
                if r.returncode != 0:
                    continue
                res = recall(binary, case)
                if res is None: continue
                for key, (h, n) in res.items():
                    a, b = tot.get(key, (0, 0)); tot[key] = (a + h, b + n)
        for key, (h, n) in sorted(tot.items(), key=str):
            print(key, h, n, f"{h/max(n,1):.3f}")
    else:
        for case in sys.argv[2:]:
            res = recall(binary, case)
            for key, (h, n) in sorted(res.items(), key=str):
                print(case, key, h, n, f"{h/max(n,1):.3f}")
