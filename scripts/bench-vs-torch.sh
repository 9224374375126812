#!/usr/bin/env bash
# Training and inference speed of the seed models, DL4J (`bench`) against PyTorch
# (scripts/torch_ref.py, on Debian's python3-torch), in interleaved rounds: ours, then PyTorch
# at 1 and 2 threads, model by model, so that the drift of a shared machine hits both alike.
# Run it on a quiet machine after `mvn -B install -DskipTests`:
#   scripts/bench-vs-torch.sh [rounds] [model ...]      (default: 3 rounds of lenet5 mlp cnn-pad)
# Each line is one measurement; the script ends with every round's ratio DL4J / PyTorch and their
# median, per model (docs/speed.md).
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
(($# > 0)) && shift
if (($# > 0)); then models=("$@"); else models=(lenet5 mlp cnn-pad); fi
torch_ref=${TORCH_REF:-scripts/torch_ref.py}
mnist=${MNIST_DIR:-$HOME/.cache/mnist-lab/mnist}

# The seed files' batch sizes and thread settings; PyTorch trains on 60,000 images, 10,000 or 3,000 for the slow models.
# Samples in PyTorch's timed epoch, per model (enough for a steady rate). Batch size, optimizer
# and threads are the seed experiment's: `bench` reads them from the same file.
samples() {
  case $1 in
    lenet5 | mlp) echo 60000 ;;
    cnn-pad | cnn-basic) echo 10000 ;;
    cnn-wide) echo 3000 ;;
    *) return 1 ;;
  esac
}
seed_file() { compgen -G "experiments/seed-*-$1.yaml" | head -1; }

[[ $rounds =~ ^[1-9][0-9]*$ ]] || { echo "error: rounds must be a positive number, got '$rounds'" >&2; exit 2; }
for m in "${models[@]}"; do
  samples "$m" > /dev/null || { echo "error: unknown model '$m' (lenet5, mlp, cnn-pad, cnn-basic, cnn-wide)" >&2; exit 2; }
  [[ -n $(seed_file "$m") ]] || { echo "error: no experiments/seed-*-$m.yaml to take $m's batch size from" >&2; exit 2; }
done
[[ -f $torch_ref ]] || { echo "error: $torch_ref: no PyTorch reference script (set TORCH_REF)" >&2; exit 2; }
[[ -d $mnist ]] || { echo "error: $mnist: no MNIST folder (set MNIST_DIR, or run the quick start once)" >&2; exit 2; }

log=$(mktemp)
trap 'rm -f "$log"' EXIT
measure() {
  for ((r = 1; r <= rounds; r++)); do
    for m in "${models[@]}"; do
      n=$(samples "$m")
      file=$(seed_file "$m")
      batch=$(awk '$1 == "batchSize:" { print $2 }' "$file")
      # Three repetitions of n/3 samples: as long as PyTorch's timed epoch, so drift hits both alike;
      # bench's default warm-up is as long again, like PyTorch's untimed first epoch.
      if ! ours=$(mvn -q -pl mnist-train exec:java -Dexec.args="bench --models $m --samples $((n / 3)) --repeats 3" 2>/dev/null | grep "^$m "); then
        echo "error: bench of $m failed; run: mvn -pl mnist-train exec:java -Dexec.args=\"bench --models $m\"" >&2
        exit 1
      fi
      echo "round $r dl4j  $m ($file): $ours"
      for t in 1 2; do
        echo "round $r torch $m (threads=$t): $(/usr/bin/python3 "$torch_ref" "$m" "$n" "$batch" 2 "$t" "$mnist" | tail -1)"
      done
    done
  done
}
measure | tee "$log"

# Per model: the ratio DL4J / PyTorch of every round (PyTorch's better thread count in that round),
# and their median, for training and for inference.
/usr/bin/python3 - "$log" <<'PY'
import re, statistics, sys
rounds = {}
for line in open(sys.argv[1]):
    m = re.match(r"round (\d+) dl4j\s+(\S+) .*?: \S+\s+\d+\s+(\d+)\s+(\d+)", line)
    if m:
        rounds.setdefault((m[2], int(m[1])), {})["dl4j"] = (int(m[3]), int(m[4]))
        continue
    m = re.match(r"round (\d+) torch (\S+) .*train (\d+) samples/s.*eval (\d+) samples/s", line)
    if m:
        r = rounds.setdefault((m[2], int(m[1])), {})
        best = r.get("torch", (0, 0))
        r["torch"] = (max(best[0], int(m[3])), max(best[1], int(m[4])))
for model in dict.fromkeys(k[0] for k in rounds):
    pairs = [v for (mm, _), v in sorted(rounds.items()) if mm == model and "dl4j" in v and "torch" in v]
    for i, what in ((0, "train"), (1, "eval")):
        ratios = [d[i] / t[i] for d, t in ((p["dl4j"], p["torch"]) for p in pairs)]
        print(f"{model} {what}: DL4J/PyTorch " + ", ".join(f"{x:.2f}" for x in ratios)
              + f"; median {statistics.median(ratios):.2f}x over {len(ratios)} rounds")
PY
