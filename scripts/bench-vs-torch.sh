#!/usr/bin/env bash
# Training and inference speed of the seed models, DL4J (`bench`) against PyTorch
# (../shared/bench/torch_ref.py, Debian's python3-torch), in interleaved rounds: ours, then PyTorch
# at 1 and 2 threads, model by model, so that the drift of a shared machine hits both alike.
# Run it on a quiet machine after `mvn -B install -DskipTests`:
#   scripts/bench-vs-torch.sh [rounds] [model ...]      (default: 3 rounds of lenet5 mlp cnn-pad)
# Each line is one measurement; take the per-round ratios and their median (README, Speed).
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
(($# > 0)) && shift
if (($# > 0)); then models=("$@"); else models=(lenet5 mlp cnn-pad); fi
torch_ref=${TORCH_REF:-../shared/bench/torch_ref.py}
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

for ((r = 1; r <= rounds; r++)); do
  for m in "${models[@]}"; do
    n=$(samples "$m")
    file=$(seed_file "$m")
    batch=$(awk '$1 == "batchSize:" { print $2 }' "$file")
    # Three repetitions of n/3 samples: as long as PyTorch's timed epoch, so drift hits both alike.
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
