#!/usr/bin/env bash
# Training and inference speed of the seed models, DL4J (`bench`) against PyTorch
# (../shared/bench/torch_ref.py, Debian's python3-torch), in interleaved rounds: ours, then PyTorch
# at 1 and 2 threads, model by model, so that the drift of a shared machine hits both alike.
# Run it on a quiet machine after `mvn -B install -DskipTests`:
#   scripts/bench-vs-torch.sh [rounds] [model ...]
# Each line is one measurement; take the per-round ratios and their median (README, Speed).
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}; shift || true
models=("${@:-lenet5 mlp cnn-pad}")
torch_ref=${TORCH_REF:-../shared/bench/torch_ref.py}
mnist=${MNIST_DIR:-$HOME/.cache/mnist-lab/mnist}

# The seed files' batch sizes and thread settings; PyTorch trains on all 60,000 images or 10,000 for the slow ones.
setting() {
  case $1 in
    lenet5) echo "64 60000 --threads 1" ;;
    mlp) echo "32 60000 --threads 1" ;;
    cnn-pad) echo "10 10000 --blas-threads 1" ;;
    cnn-basic) echo "50 10000 --blas-threads 1" ;;
    cnn-wide) echo "50 3000" ;;
    *) echo "unknown model $1" >&2; exit 2 ;;
  esac
}

for ((r = 1; r <= rounds; r++)); do
  for m in ${models[@]}; do
    read -r batch n flags <<< "$(setting "$m")"
    ours=$(mvn -q -pl mnist-train exec:java -Dexec.args="bench --models $m --samples 3000 --repeats 3 ${flags:-}" 2>/dev/null | grep "^$m ")
    echo "round $r dl4j  $m (${flags:-default threads}): $ours"
    for t in 1 2; do
      echo "round $r torch $m (threads=$t): $(/usr/bin/python3 "$torch_ref" "$m" "$n" "$batch" 2 "$t" "$mnist" | tail -1)"
    done
  done
done
