#!/usr/bin/env bash
# Whole training runs of a seed experiment against PyTorch's reference (scripts/torch_ref.py,
# Debian's python3-torch) on the same data, batch size and epochs, in interleaved rounds: the run,
# then PyTorch, round after round, so that the drift of a shared machine hits both alike. Whole runs
# are the steadier guide where `bench`'s short repetitions swing (docs/speed.md).
# Run it on a quiet machine after `mvn -B install -DskipTests`:
#   scripts/runs-vs-torch.sh ROUNDS experiments/seed-NNN-MODEL.yaml [key=value ...]
# Overrides go to our run (say train.splitBatch=1, to compare); PyTorch takes the model, batch
# size and epochs from the run's resolved config.yaml, so overrides of those apply to both. PyTorch
# runs at TORCH_THREADS threads (default 2). Each round prints both sides' samples/s per epoch; the script
# ends with every round's ratio of the medians over epochs 2 and on (the first warms up the JIT on
# our side) and their median. The runs are written under a temporary folder, removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-}
file=${2:-}
[[ $rounds =~ ^[1-9][0-9]*$ ]] || { echo "error: rounds must be a positive number, got '$rounds'" >&2; exit 2; }
[[ -f $file ]] || { echo "error: '$file': no such experiment file" >&2; exit 2; }
shift 2
torch_ref=${TORCH_REF:-scripts/torch_ref.py}
mnist=${MNIST_DIR:-$HOME/.cache/mnist-lab/mnist}
threads=${TORCH_THREADS:-2}
[[ -f $torch_ref ]] || { echo "error: $torch_ref: no PyTorch reference script (set TORCH_REF)" >&2; exit 2; }
[[ -d $mnist ]] || { echo "error: $mnist: no MNIST folder (set MNIST_DIR, or run the quick start once)" >&2; exit 2; }

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
log="$out/log"
for ((r = 1; r <= rounds; r++)); do
  if ! mvn -q -pl mnist-train exec:java -Dexec.args="-q $file output.dir=$out/round-$r $*" > "$out/run-$r.txt" 2>&1; then
    echo "error: round $r: our run failed; its output:" >&2
    tail -5 "$out/run-$r.txt" >&2
    exit 1
  fi
  run=$(ls -d "$out/round-$r"/*/)
  # A key of the resolved config, written by the run: "  key: value" under "section:".
  setting() { awk -v section="$1:" -v key="$2:" '/^[^ ]/ { in_section = ($1 == section) } in_section && $1 == key { print $2; exit }' "$run/config.yaml"; }
  model=$(setting model name)
  batch=$(setting train batchSize)
  epochs=$(setting train epochs)
  ((epochs >= 2)) || { echo "error: $file: needs at least 2 epochs (the first is a warm-up), got $epochs" >&2; exit 2; }
  # PyTorch trains on as many images as our run did (the training split, after any validation split).
  n=$(/usr/bin/python3 -c 'import json, sys; print(sum(json.load(open(sys.argv[1]))["train"]))' "$run/data-summary.json")
  ours=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "samplesPerSecond") c = i; next } { printf "%s ", $c }' "$run/metrics.csv")
  echo "round $r dl4j  $model ($file, $n images, batch $batch): $ours" | tee -a "$log"
  theirs=$(/usr/bin/python3 "$torch_ref" "$model" "$n" "$batch" "$epochs" "$threads" "$mnist" \
    | sed -n 's/^epoch [0-9]*: train \([0-9]*\) samples.*/\1/p' | tr '\n' ' ')
  echo "round $r torch $model (threads=$threads): $theirs" | tee -a "$log"
done

/usr/bin/python3 - "$log" <<'PY'
import re, statistics, sys
runs = {}
for line in open(sys.argv[1]):
    m = re.match(r"round (\d+) (dl4j|torch)\s.*?: ([\d. ]+)$", line.strip() + " ")
    if m:
        runs.setdefault(int(m[1]), {})[m[2]] = [float(x) for x in m[3].split()]
ratios = []
for r, sides in sorted(runs.items()):
    ours, theirs = statistics.median(sides["dl4j"][1:]), statistics.median(sides["torch"][1:])
    ratios.append(ours / theirs)
    print(f"round {r}: DL4J {ours:.0f}, PyTorch {theirs:.0f} samples/s (medians of epochs 2 on): {ours / theirs:.2f}x")
print(f"median {statistics.median(ratios):.2f}x over {len(ratios)} rounds")
PY
