#!/usr/bin/env bash
# The CUDA check, for a machine with an NVIDIA GPU (CUDA 11.6 driver or newer): builds with -Pcuda
# (nd4j-cuda-11.6 with cuDNN), then runs the quick start and the speedrun on the GPU and prints the
# backend, whether cuDNN helpers were used, and the samples/s of every epoch. Nothing here needs the
# network but Maven's first download of the CUDA artifacts (about 1 GB) and MNIST's (or MNIST_DATA_DIR).
#   scripts/cuda-check.sh [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-runs/cuda-check}
command -v nvidia-smi >/dev/null || { echo "error: no nvidia-smi: this machine has no NVIDIA driver" >&2; exit 2; }
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader
mvn -B -q -Pcuda install -DskipTests
for file in "" experiments/speedrun-99.yaml; do
  echo "== ${file:-quick start} on CUDA"
  mvn -B -q -Pcuda -pl mnist-train exec:java -Dexec.args="-q $file output.dir=$out" 2>&1 | tee "$out.log" \
    | grep -E "backend|cuDNN|cudnn|epoch [0-9]+/|test accuracy|samples/s" || true
done
grep -h '"backend"' "$out"/*/summary.json
