#!/usr/bin/env bash
# TPE against random search on experiments/sweeps/lenet5-tpe.yaml: the same space, budget and
# sweep seed, only generator.type differs; over sweep seeds (default 1..5). Prints, per seed and
# as mean ± sd, each generator's best validation accuracy, and the trials TPE needed to reach
# random's final best. Usage: scripts/tpe-vs-random.sh [FIRST_SEED LAST_SEED]
set -euo pipefail
cd "$(dirname "$0")/.."
first=${1:-1}; last=${2:-5}
out=runs/sweeps/tpe-vs-random-$(date +%Y%m%d-%H%M%S)
mkdir -p "$out"
for seed in $(seq "$first" "$last"); do
  for gen in random tpe; do
    echo "== seed $seed, $gen"
    mvn -q -pl mnist-tuning exec:java -Dexec.args="experiments/sweeps/lenet5-tpe.yaml seed=$seed generator.type=$gen name=lenet5-$gen-s$seed output.dir=$out" 2>&1 | tail -1
  done
done
python3 scripts/tpe_vs_random.py "$out" | tee "$out/comparison.md"
