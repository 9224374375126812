#!/usr/bin/env bash
# PyTorch's side of a study: trains an experiment's seed recipe in PyTorch once per seed
# (scripts/torch_study.py, Debian's python3-torch and python3-yaml) into runs/studies/<name>-pytorch-<ts>/,
# then `study --summarize` writes its study.json and report.html with the same statistics as ours, so
#   mvn -pl mnist-train exec:java -Dexec.args="compare runs/studies/<ours> runs/studies/<pytorch's>"
# tells whether the two frameworks' recipes differ. After `mvn -B install -DskipTests`:
#   scripts/torch-study.sh experiments/seed-004-lenet5.yaml 1..10 [key=value ...]
# key=value overrides train.epochs and train.batchSize as for our study. PyTorch runs at TORCH_THREADS
# threads (default 2) on the MNIST files in MNIST_DIR (default: mnist-lab's cache).
set -euo pipefail
cd "$(dirname "$0")/.."
file=${1:-}
seeds=${2:-}
[[ -f $file ]] || { echo "error: '$file': no such experiment file" >&2; exit 2; }
[[ $seeds =~ ^[0-9.,]+$ ]] || { echo "error: seeds must look like 1..10 or 1,2,3, got '$seeds'" >&2; exit 2; }
shift 2
mnist=${MNIST_DIR:-$HOME/.cache/mnist-lab/mnist}
[[ -d $mnist ]] || { echo "error: $mnist: no MNIST folder (set MNIST_DIR, or run the quick start once)" >&2; exit 2; }
/usr/bin/python3 -c 'import torch, yaml' 2>/dev/null \
  || { echo "error: PyTorch or PyYAML missing: sudo apt-get install python3-torch python3-yaml" >&2; exit 2; }
out=${OUT_DIR:-runs/studies}
GIT_COMMIT=$(git rev-parse HEAD 2>/dev/null || echo unknown) \
  /usr/bin/python3 scripts/torch_study.py "$file" "$seeds" "$out" "$mnist" "$@" | tee /dev/stderr | tail -1 > "${TMPDIR:-/tmp}/torch-study.$$"
study=$(cat "${TMPDIR:-/tmp}/torch-study.$$"); rm -f "${TMPDIR:-/tmp}/torch-study.$$"
mvn -q -pl mnist-train exec:java -Dexec.args="study --summarize $study"
