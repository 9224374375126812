"""Summarises scripts/tpe-vs-random.sh: for each sweep seed, each generator's best validation
accuracy, and the number of trials TPE needed before its best matched random's final best
(trials in index order, as they ran). Reads each sweep folder's trials.csv."""
import csv
import glob
import os
import re
import statistics
import sys


def curve(sweep_dir):
    """Scores of the trials in index order (None for a trial without one)."""
    with open(os.path.join(sweep_dir, "trials.csv")) as f:
        rows = sorted(csv.DictReader(f), key=lambda r: int(r["trial"]))
    return [float(r["score"]) if r["score"] else None for r in rows]


def best_so_far(scores):
    best, out = float("-inf"), []
    for s in scores:
        best = max(best, s if s is not None else float("-inf"))
        out.append(best)
    return out


def main(root):
    runs, raw = {}, {}
    for d in glob.glob(os.path.join(root, "lenet5-*-s*-*")):
        m = re.match(r"lenet5-(random|tpe)-s(\d+)-", os.path.basename(d))
        if m and os.path.isfile(os.path.join(d, "trials.csv")):
            raw[(m.group(1), int(m.group(2)))] = curve(d)
            runs[(m.group(1), int(m.group(2)))] = best_so_far(raw[(m.group(1), int(m.group(2)))])
    seeds = sorted({s for (_, s) in runs})
    print("| sweep seed | random: best val. accuracy | TPE: best val. accuracy | TPE trials to reach random's best |")
    print("|---|---|---|---|")
    rb, tb, reach = [], [], []
    for s in seeds:
        r, t = runs.get(("random", s)), runs.get(("tpe", s))
        if not r or not t:
            continue
        target = r[-1]
        n = next((i + 1 for i, v in enumerate(t) if v >= target), None)
        rb.append(r[-1]); tb.append(t[-1])
        reach.append(n)
        print(f"| {s} | {100 * r[-1]:.2f}% | {100 * t[-1]:.2f}% | {n if n else f'not within {len(t)}'} |")
    if len(rb) > 1:
        reached = [n for n in reach if n]
        print(f"| mean ± sd ({len(rb)} seeds) | {100 * statistics.mean(rb):.2f}% ± {100 * statistics.stdev(rb):.2f} "
              f"| {100 * statistics.mean(tb):.2f}% ± {100 * statistics.stdev(tb):.2f} "
              f"| reached in {len(reached)} of {len(reach)}"
              + (f"; median {statistics.median(reached)} trials" if reached else "") + " |")
        wins = sum(1 for a, b in zip(tb, rb) if a > b)
        ties = sum(1 for a, b in zip(tb, rb) if a == b)
        print(f"\nTPE's best above random's in {wins} of {len(rb)} seeds ({ties} tied).")
        # Where the two differ by design: the trials after TPE's 10 random start-up trials.
        for gen in ("random", "tpe"):
            late = [v for (g, s), c in raw.items() if g == gen for v in c[10:] if v is not None]
            good = sum(1 for v in late if v >= 0.9)
            print(f"{gen}: trials 11 on, {good} of {len(late)} reach 90% validation accuracy; "
                  f"median {100 * statistics.median(late):.2f}%")


if __name__ == "__main__":
    main(sys.argv[1])
